// Where `npm start` keeps its stores, and the one rule about deleting them: only the simulated
// demo's own scratch directory is ever emptied. A real tenant's store is never touched, and a
// directory the demo did not make (it has no marker) is refused rather than emptied.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lockDataDirectory } from '@auditflow/local-host';

/** The file that marks a directory as the simulated demo's scratch store. */
export const DEMO_MARKER = '.auditflow-demo-scratch';

export class DataDirError extends Error {
  readonly code = 'DataDir';
  constructor(message: string) {
    super(message);
    this.name = 'DataDirError';
  }
}

export interface DataDirOptions {
  readonly dataDir: string;
  readonly real: boolean;
  readonly serve: boolean;
}

/** Creates the data directory; empties it only for a one-shot simulated demo in its own scratch dir. */
export function prepareDataDir(options: DataDirOptions): string {
  const dir = resolve(options.dataDir);
  const marked = existsSync(join(dir, DEMO_MARKER));
  if (options.real) {
    if (marked) {
      throw new DataDirError(
        `${dir} is the simulated demo scratch directory (the demo empties it on every run); ` +
          `keep a real tenant's store elsewhere: pass --data-dir DIR (default for --real: data)`,
      );
    }
    mkdirSync(dir, { recursive: true });
    return dir;
  }
  if (existsSync(dir) && !marked && readdirSync(dir).length > 0) {
    throw new DataDirError(
      `${dir} is not a demo scratch directory (no ${DEMO_MARKER}) and is not empty: the simulated demo ` +
        `empties its directory, so it refuses this one. Pass --data-dir with a new or empty directory.`,
    );
  }
  if (marked && !options.serve) {
    // A host still running there (another npm start) holds the directory's lock: never empty its
    // durable store under it. The lock is taken and released here, then the directory emptied.
    try {
      lockDataDirectory(dir).release();
    } catch (error) {
      throw new DataDirError(`${(error as Error).message} The demo would empty ${dir}: stop the other npm start first, or pass --data-dir with another directory.`);
    }
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, DEMO_MARKER), 'auditflow simulated demo: this directory is emptied on every `npm start`\n');
  return dir;
}
