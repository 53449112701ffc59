// stop() then startLocalHost() in the same process on the same database: a waiting orchestration
// and a pending durable timer survive, the function key file is reused, and stop() is idempotent.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startLocalHost } from '../src/index';
import { call, MGMT, sampleApp, tempDir, waitForInstance } from './helpers';

describe('restart on the same database', () => {
  it('resumes waiting orchestrations and timers', async () => {
    const dir = tempDir('restart');
    const options = { appDir: sampleApp, port: 0, dbPath: path.join(dir, 'durable.db'), env: { SAMPLE_TICK_SCHEDULE: '0 0 0 1 1 *' }, log: () => undefined };
    const first = await startLocalHost(options);
    expect((await call(first, 'POST', `${MGMT}/orchestrators/approval/r-wait`)).status).toBe(202);
    expect((await call(first, 'POST', `${MGMT}/orchestrators/timer/r-timer`, { delayMs: 1500 })).status).toBe(202);
    await waitForInstance(first, 'r-wait', (s) => s.customStatus === 'waiting');
    await waitForInstance(first, 'r-timer', (s) => s.runtimeStatus === 'Running');
    await first.stop();
    await first.stop();

    const second = await startLocalHost(options);
    try {
      expect(second.functionKey).toBe(first.functionKey);
      expect(second.systemKey).toBe(first.systemKey);
      expect((await call(second, 'GET', `${MGMT}/instances/r-wait`)).status).toBe(202);
      expect((await call(second, 'POST', `${MGMT}/instances/r-wait/raiseEvent/Approve`, 'yes')).status).toBe(202);
      expect(await waitForInstance(second, 'r-wait')).toMatchObject({ runtimeStatus: 'Completed', output: { approved: 'yes' } });
      const timer = await waitForInstance(second, 'r-timer');
      expect(timer.runtimeStatus).toBe('Completed');
      expect((timer.output as { waitedMs: number }).waitedMs).toBeGreaterThanOrEqual(1500);
    } finally {
      await second.stop();
    }
  });
});
