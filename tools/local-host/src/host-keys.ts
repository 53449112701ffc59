// The host's two keys, kept as Azure keeps them: the function key (`default`) opens the app's
// HTTP functions under /api; the `durabletask_extension` system key opens the Durable management
// API (/runtime/webhooks/durabletask) and nothing else. Neither ever reaches a log line.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const SYSTEM_KEY_NAME = 'durabletask_extension';
export const FUNCTION_KEY_FILE = 'function-key';
/** The file is named after the system key, as `az functionapp keys list` names it (systemKeys.durabletask_extension). */
export const SYSTEM_KEY_FILE = SYSTEM_KEY_NAME;

export interface HostKeys {
  functionKey: string;
  systemKey: string;
}

/** Given keys win; the others are read from, or generated into, 0600 files in `dir`. */
export function loadHostKeys(dir: string, given: Partial<HostKeys>): HostKeys {
  return {
    functionKey: given.functionKey ?? loadOrCreateKey(path.join(dir, FUNCTION_KEY_FILE)),
    systemKey: given.systemKey ?? loadOrCreateKey(path.join(dir, SYSTEM_KEY_FILE)),
  };
}

function loadOrCreateKey(file: string): string {
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    if (key) return key;
  }
  const key = randomBytes(24).toString('base64url');
  writeFileSync(file, key + '\n', { mode: 0o600 });
  return key;
}
