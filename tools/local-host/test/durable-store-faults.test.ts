// The durable store under an unlucky operator: the disk fills up mid fan-out (a real SQLITE_FULL,
// from max_page_count on the engine's own connection) and the file is deleted or replaced while
// the host runs. A full disk pauses the engine with ONE clear error and resumes by itself, losing
// nothing; a replaced file fails the host loudly at the next write.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadApp } from '../src/app/app-loader';
import { DurableEngine } from '../src/engine/engine';
import { bindDurableFunctions } from '../src/sdk/durable-functions-internals';
import { DurableStore } from '../src/engine/store';
import { startLocalHost, type LocalHost } from '../src/index';
import { call, MGMT, sampleApp, sleep, tempDir, waitForInstance, type LogEntry } from './helpers';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function until(what: string, check: () => boolean, timeoutInMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutInMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('disk full in the durable store', () => {
  it('logs one clear error, refuses new work with 503, retries with backoff and resumes by itself with nothing lost', async () => {
    process.env.SAMPLE_SLOW_MS = '30';
    const store = new DurableStore(path.join(tempDir('full'), 'durable.db'));
    const app = loadApp({ appDir: sampleApp, log: () => undefined });
    bindDurableFunctions(app.mainPath);
    const logs: LogEntry[] = [];
    const engine = new DurableEngine({
      store,
      app,
      log: (level, message, fields) => logs.push({ level, message, ...(fields ? { fields } : {}) }),
      maxConcurrentActivities: 4,
      storeRetry: { firstDelayInMs: 50, maxDelayInMs: 200 },
    });
    cleanup.push(() => store.close(), () => engine.stop(0));
    engine.start();
    const n = 160; // 30 ms each, 4 at a time: over a second, with pages to add all along
    engine.startNew('slowFanOut', 'full-fan', JSON.stringify({ n }));
    const completed = (): number => store.loadHistory('full-fan', store.getInstance('full-fan')!.execution_id).filter((e) => e.EventType === 5).length;
    await until('some activities to complete', () => completed() >= 8);

    const pages = store.db.pragma('page_count', { simple: true }) as number;
    store.db.pragma(`max_page_count = ${pages}`); // the volume is full: the next page the store needs fails with SQLITE_FULL
    await until('the engine to pause', () => engine.paused);
    expect(() => engine.startNew('fanOut', 'full-new', JSON.stringify({ n: 1 }))).toThrow(expect.objectContaining({ statusCode: 503, code: 'DurableStoreUnavailable' }));
    const progressWhileFull = completed();
    await sleep(600); // several retries fail meanwhile
    expect(engine.paused).toBe(true);
    expect(completed()).toBe(progressWhileFull);
    const errors = logs.filter((l) => l.level === 'error');
    expect(errors, JSON.stringify(errors)).toHaveLength(1);
    expect(errors[0]!.message).toContain('durable store');
    expect(errors[0]!.fields).toMatchObject({ file: store.path, code: 'SQLITE_FULL', operation: expect.any(String) });
    expect(String(errors[0]!.fields!.action)).toMatch(/free.*space.*resumes by itself/i);

    store.db.pragma('max_page_count = 1073741823'); // space is back
    await until('the engine to resume', () => !engine.paused);
    await until('the fan-out to complete', () => store.getInstance('full-fan')!.status === 'Completed', 30_000);
    const output = JSON.parse(store.getInstance('full-fan')!.output!) as number[];
    expect([...output].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(logs.filter((l) => l.level === 'error')).toHaveLength(1);
    expect(logs.some((l) => l.message.includes('writable again'))).toBe(true);
    engine.startNew('fanOut', 'full-new', JSON.stringify({ n: 1 }));
    await until('new work after the resume', () => store.getInstance('full-new')?.status === 'Completed');
  });

  it('pauses on an I/O error the same way (the kind of error, not only disk full)', async () => {
    const store = new DurableStore(path.join(tempDir('ioerr'), 'durable.db'));
    const app = { functions: new Map([['orch', { name: 'orch', triggerType: 'orchestrationTrigger' }]]) } as unknown as ReturnType<typeof loadApp>;
    const logs: LogEntry[] = [];
    const engine = new DurableEngine({ store, app, log: (level, message, fields) => logs.push({ level, message, ...(fields ? { fields } : {}) }), maxConcurrentActivities: 1, storeRetry: { firstDelayInMs: 20, maxDelayInMs: 50 } });
    cleanup.push(() => store.close(), () => engine.stop(0));
    const original = store.transaction.bind(store);
    let failures = 3;
    store.transaction = <T>(fn: () => T): T => {
      if (failures-- > 0) throw Object.assign(new Error('disk I/O error'), { name: 'SqliteError', code: 'SQLITE_IOERR_WRITE' });
      return original(fn);
    };
    expect(() => engine.startNew('orch', 'io-1', undefined)).toThrow(expect.objectContaining({ statusCode: 503 }));
    expect(engine.paused).toBe(true);
    await until('the engine to resume', () => !engine.paused);
    expect(logs.filter((l) => l.level === 'error')).toHaveLength(1);
    expect(logs.find((l) => l.level === 'error')!.fields).toMatchObject({ code: 'SQLITE_IOERR_WRITE' });
    engine.startNew('orch', 'io-1', undefined);
    expect(store.getInstance('io-1')?.status).toBe('Pending');
  });
});

describe('durable store deleted or replaced while the host runs', () => {
  async function hostWithWaitingInstance(prefix: string): Promise<{ host: LocalHost; logs: LogEntry[]; dbPath: string; fatal: Error[] }> {
    const dir = tempDir(prefix);
    const dbPath = path.join(dir, 'durable.db');
    const logs: LogEntry[] = [];
    const fatal: Error[] = [];
    const host = await startLocalHost({
      appDir: sampleApp,
      port: 0,
      dbPath,
      env: { SAMPLE_TICK_SCHEDULE: '0 0 0 1 1 *' },
      log: (level, message, fields) => logs.push({ level, message, ...(fields ? { fields } : {}) }),
      onFatal: (error) => fatal.push(error),
    });
    cleanup.push(() => host.stop());
    await call(host, 'POST', `${MGMT}/orchestrators/approval/${prefix}-wait`);
    await waitForInstance(host, `${prefix}-wait`, (s) => s.customStatus === 'waiting');
    return { host, logs, dbPath, fatal };
  }

  it('detects a deleted file at the next write and fails loudly', async () => {
    const { host, logs, dbPath, fatal } = await hostWithWaitingInstance('deleted');
    for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
    const r = await call(host, 'POST', `${MGMT}/instances/deleted-wait/raiseEvent/Approve`, 'yes');
    expect(r.status).toBe(500);
    expect(JSON.stringify(r.body)).toContain('DurableStoreReplaced');
    expect(fatal).toHaveLength(1);
    expect(fatal[0]!.message).toContain(dbPath);
    const error = logs.find((l) => l.level === 'error' && l.message.includes('durable store'));
    expect(error?.fields).toMatchObject({ file: dbPath });
  });

  it('detects a file replaced by another one at the next write and fails loudly', async () => {
    const { host, dbPath, fatal } = await hostWithWaitingInstance('replaced');
    const other = path.join(path.dirname(dbPath), 'other.db');
    writeFileSync(other, '');
    renameSync(other, dbPath);
    const r = await call(host, 'POST', `${MGMT}/orchestrators/fanOut/replaced-2`, { n: 1 });
    expect(r.status).toBe(500);
    expect(JSON.stringify(r.body)).toMatch(/replaced|deleted/);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]).toMatchObject({ code: 'DurableStoreReplaced' });
  });
});
