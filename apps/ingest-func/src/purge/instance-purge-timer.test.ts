// The instance-history purge's rules: what each tick asks the durable client to delete. Over the
// real local host (old finished instances gone, running and recent ones kept) it is tested in
// tools/e2e/test/purge-instances.test.ts.
import { INSTANCE_RETENTION_DAYS } from '@auditflow/config';
import type { OrchestrationFilter } from 'durable-functions';
import { describe, expect, it } from 'vitest';
import { INSTANCE_PURGE_RULES, purgeFinishedInstances } from './instance-purge-timer';
import { structuredLog } from '../shared/structured-log';

const DAY_MS = 86_400_000;
const NOW = new Date('2026-03-10T12:47:00.000Z');

function recording(answer: (filter: OrchestrationFilter) => Promise<{ instancesDeleted: number }>) {
  const filters: OrchestrationFilter[] = [];
  const lines: string[] = [];
  const log = structuredLog({ info: (l: string) => lines.push(`info ${l}`), warn: () => undefined, error: (l: string) => lines.push(`error ${l}`) });
  const client = { purgeInstanceHistoryBy: (f: OrchestrationFilter) => (filters.push(f), answer(f)) };
  return { filters, lines, log, client };
}

describe('purgeFinishedInstances', () => {
  it('purges Completed/Terminated/Canceled after 7 days and Failed after 30, from the epoch, and logs the counts', async () => {
    const r = recording(async (f) => ({ instancesDeleted: f.runtimeStatus!.includes('Failed' as never) ? 2 : 5 }));
    const result = await purgeFinishedInstances(r.client, r.log, NOW);
    expect(r.filters).toEqual([
      { createdTimeFrom: new Date(0), createdTimeTo: new Date(NOW.getTime() - 7 * DAY_MS), runtimeStatus: ['Completed', 'Terminated', 'Canceled'] },
      { createdTimeFrom: new Date(0), createdTimeTo: new Date(NOW.getTime() - 30 * DAY_MS), runtimeStatus: ['Failed'] },
    ]);
    expect(INSTANCE_RETENTION_DAYS).toEqual({ finished: 7, failed: 30 });
    expect(result.deleted).toEqual({ finished: 5, failed: 2 });
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(/^info instance history purge done \{.*"finished":5,"failed":2/);
  });

  it('never names a status an instance can still leave (Running, Pending, Suspended, ContinuedAsNew)', () => {
    const named = INSTANCE_PURGE_RULES.flatMap((rule) => [...rule.runtimeStatus]);
    for (const unfinished of ['Running', 'Pending', 'Suspended', 'ContinuedAsNew']) expect(named).not.toContain(unfinished);
    expect(new Set(named).size).toBe(named.length);
  });

  it('logs the failing rule and rethrows, so the invocation fails and the next tick retries', async () => {
    const r = recording(async (f) => {
      if (f.runtimeStatus!.includes('Failed' as never)) throw new Error('The operation failed with an unexpected status code: 503');
      return { instancesDeleted: 3 };
    });
    await expect(purgeFinishedInstances(r.client, r.log, NOW)).rejects.toThrow(/503/);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(/^error instance history purge failed \{"rule":"failed".*"deleted":\{"finished":3,"failed":0\}.*503/);
  });
});
