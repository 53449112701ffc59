// A real SQLite store in a fresh temp folder, removed after the test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, type AuditStore } from '@auditflow/storage';

export interface TempStore {
  readonly store: AuditStore;
  dispose(): Promise<void>;
}

export function openTempStore(): TempStore {
  const dir = mkdtempSync(join(tmpdir(), 'ingest-func-test-'));
  const store = openSqliteStore({ path: join(dir, 'auditflow.db'), retentionSeconds: 90 * 86_400 });
  return {
    store,
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const silentLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
