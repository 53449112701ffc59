// What a host refuses at start: a second host on a data directory another one runs on (exclusive
// lock), and an event store that is missing or not the one this durable store filled (a host
// that remembers completed cycles must never carry on silently on a new, empty event store).
import { rmSync } from 'node:fs';
import path from 'node:path';
import { openSqliteStore } from '@auditflow/storage';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalHost, type LocalHost, type LocalHostOptions } from '../src/index';
import { call, MGMT, sampleApp, tempDir, waitForInstance, type LogEntry } from './helpers';

const running: LocalHost[] = [];
afterEach(async () => {
  for (const h of running.splice(0)) await h.stop();
});

function options(dir: string, extra: Partial<LocalHostOptions> = {}, logs: LogEntry[] = []): LocalHostOptions {
  return {
    appDir: sampleApp,
    port: 0,
    dbPath: path.join(dir, 'durable.db'),
    env: { SAMPLE_TICK_SCHEDULE: '0 0 0 1 1 *', AUDITFLOW_STORE: 'sqlite', AUDITFLOW_SQLITE_PATH: path.join(dir, 'auditflow.db') },
    log: (level, message, fields) => logs.push({ level, message, ...(fields ? { fields } : {}) }),
    ...extra,
  };
}

async function start(o: LocalHostOptions): Promise<LocalHost> {
  const host = await startLocalHost(o);
  running.push(host);
  return host;
}

async function newEventStore(file: string): Promise<void> {
  const store = openSqliteStore({ path: file });
  await store.close?.();
}

async function completeOneCycle(host: LocalHost, id: string): Promise<void> {
  expect((await call(host, 'POST', `${MGMT}/orchestrators/fanOut/${id}`, { n: 1 })).status).toBe(202);
  await waitForInstance(host, id);
}

describe('two hosts on one data directory', () => {
  it('the second refuses to start with a clear error while the first runs; it starts once the first stopped', async () => {
    const dir = tempDir('lock');
    const first = await start(options(dir));
    const error = await startLocalHost(options(dir)).then(
      (h) => {
        running.push(h);
        return undefined;
      },
      (e: unknown) => e as Error & { code?: string },
    );
    expect(error?.code).toBe('DataDirectoryInUse');
    expect(error?.message).toContain(dir);
    expect(error?.message).toContain(String(process.pid));
    expect(error?.message).toMatch(/stop it|another --db/i);
    expect((await call(first, 'GET', `${MGMT}/instances`)).status).toBe(200); // the first is untouched
    await first.stop();
    running.splice(running.indexOf(first), 1);
    await start(options(dir));
  });
});

describe('the event store this durable store filled', () => {
  it('refuses to start when the event store file is missing or replaced, unless told to start over', async () => {
    const dir = tempDir('event-store');
    const eventFile = path.join(dir, 'auditflow.db');
    await newEventStore(eventFile);
    const first = await start(options(dir));
    await completeOneCycle(first, 'cycle-1');
    await first.stop();
    running.length = 0;

    // deleted: the next start is refused, naming the file and the way out
    for (const suffix of ['', '-wal', '-shm']) rmSync(eventFile + suffix, { force: true });
    const missing = await startLocalHost(options(dir)).catch((e: unknown) => e as Error & { code?: string });
    expect(missing).toMatchObject({ code: 'EventStoreMissing' });
    expect((missing as Error).message).toContain(eventFile);
    expect((missing as Error).message).toContain('--accept-new-event-store');
    expect((missing as Error).message).toMatch(/restore/i);

    // replaced by a new, empty store: refused as well
    await newEventStore(eventFile);
    const changed = await startLocalHost(options(dir)).catch((e: unknown) => e as Error & { code?: string });
    expect(changed).toMatchObject({ code: 'EventStoreChanged' });
    expect((changed as Error).message).toContain(eventFile);

    // starting over on purpose: accepted, warned, and remembered for the next start
    const logs: LogEntry[] = [];
    const over = await start(options(dir, { acceptNewEventStore: true }, logs));
    expect(logs.some((l) => l.level === 'warn' && l.message.includes('new event store'))).toBe(true);
    await over.stop();
    running.length = 0;
    await start(options(dir));
  });

  it('records an event store created during the first run (the app creates it), and checks it from then on', async () => {
    const dir = tempDir('event-store-late');
    const eventFile = path.join(dir, 'auditflow.db');
    const first = await start(options(dir));
    await newEventStore(eventFile); // as the app does at its first cycle
    await completeOneCycle(first, 'late-1');
    await first.stop();
    running.length = 0;
    rmSync(eventFile);
    await expect(startLocalHost(options(dir))).rejects.toMatchObject({ code: 'EventStoreMissing' });
  });

  it('refuses a missing event store when a durable store made by an older host (no recorded id) holds completed cycles', async () => {
    const dir = tempDir('event-store-old');
    await newEventStore(path.join(dir, 'auditflow.db'));
    const first = await start(options(dir));
    await completeOneCycle(first, 'old-1');
    await first.stop();
    running.length = 0;
    const db = new Database(path.join(dir, 'durable.db'));
    db.exec('DROP TABLE host_meta'); // what today's main leaves behind: the same schema without it
    db.close();
    rmSync(path.join(dir, 'auditflow.db'));
    await expect(startLocalHost(options(dir))).rejects.toMatchObject({ code: 'EventStoreMissing' });
  });

  it('does not check anything when the app stores into Cosmos DB', async () => {
    const dir = tempDir('event-store-cosmos');
    const cosmos = options(dir, { env: { SAMPLE_TICK_SCHEDULE: '0 0 0 1 1 *', AUDITFLOW_STORE: 'cosmos' } });
    const first = await start(cosmos);
    await completeOneCycle(first, 'cosmos-1');
    await first.stop();
    running.length = 0;
    await start(cosmos);
  });
});
