// stop() while work is in flight: an activity that finishes within the grace period has its
// result kept (not dropped and re-run at the next start).
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startLocalHost } from '../src/index';
import { call, MGMT, sampleApp, tempDir, waitForInstance } from './helpers';

describe('stop() during in-flight work', () => {
  it('keeps the result of an activity that finishes within the grace period', async () => {
    const dir = tempDir('stop');
    const dbPath = path.join(dir, 'durable.db');
    const host = await startLocalHost({
      appDir: sampleApp,
      port: 0,
      dbPath,
      env: { SAMPLE_TICK_SCHEDULE: '0 0 0 1 1 *', SAMPLE_SLOW_MS: '400' },
      log: () => undefined,
    });
    expect((await call(host, 'POST', `${MGMT}/orchestrators/slowFanOut/s-grace`, { n: 1 })).status).toBe(202);
    await waitForInstance(host, 's-grace', (st) => st.runtimeStatus === 'Running'); // its activity is running now
    await host.stop();
    const db = new Database(dbPath, { readonly: true });
    try {
      const work = db.prepare("SELECT done FROM work WHERE instance_id = 's-grace' AND kind = 'activity'").all() as { done: number }[];
      expect(work).toEqual([{ done: 1 }]);
      const inbox = db.prepare("SELECT event FROM inbox WHERE instance_id = 's-grace'").all() as { event: string }[];
      expect(inbox.map((r) => (JSON.parse(r.event) as { EventType: number }).EventType)).toContain(5); // TaskCompleted
    } finally {
      db.close();
    }
  });
});
