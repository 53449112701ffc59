// A real SQLite store in a fresh temp folder, removed after the test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, type AuditStore } from '@auditflow/storage';
import { afterEach, beforeEach, vi } from 'vitest';

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

/**
 * For a describe block: a fresh temp store per test with Date faked at `t0` (durable timers move
 * it), real timers and the store disposed after. Returns the current test's store.
 */
export function tempStoreOnFakeClock(t0: number): () => TempStore {
  let temp: TempStore | undefined;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(t0);
    temp = openTempStore();
  });
  afterEach(async () => {
    vi.useRealTimers();
    await temp?.dispose();
    temp = undefined;
  });
  return () => {
    if (!temp) throw new Error('tempStoreOnFakeClock: the store exists only inside a test');
    return temp;
  };
}
