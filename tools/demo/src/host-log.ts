// The local host's structured log goes to a file in the demo's data folder, so the terminal shows
// progress, not thousands of JSON lines; warnings and errors are counted for the summary.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

export type HostLogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface HostLogFile {
  readonly path: string;
  readonly counts: Record<HostLogLevel, number>;
  readonly write: (level: HostLogLevel, message: string, fields?: Record<string, unknown>) => void;
}

export function hostLogFile(dataDir: string, echo?: (line: string) => void): HostLogFile {
  const path = join(dataDir, 'host.log');
  const counts: Record<HostLogLevel, number> = { debug: 0, info: 0, warn: 0, error: 0 };
  return {
    path,
    counts,
    write(level, message, fields) {
      counts[level] += 1;
      if (level === 'debug') return;
      appendFileSync(path, JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields }) + '\n');
      // Errors are worth seeing at once; warnings (lost blobs, retried failures) are in the file.
      if (level === 'error' && echo) echo(`  host error: ${message}`);
    },
  };
}
