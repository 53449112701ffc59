// Issue 8, end to end: a tenant-wide subscription start guard delays, never drops, a content type.
import { describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '@auditflow/ingestion';
import { expectAllMatch, runCycle, withCollector } from './adversarial-steps';

describe('a tenant-wide subscription start guard', () => {
  const collector = withCollector('start-guard', { seed: 47, users: 10, days: 1, recordsPerHour: 60, startGuard: 'tenant-wide', startGuardInMs: 2000, startGuardHintMs: 3000 });

  it('subscribes and collects all five content types in the first run, waiting as the API says', async () => {
    const { sim, host, store } = collector;
    const outcomes = await runCycle(host, sim);
    expect(outcomes.map((o) => `${o.contentType} ${o.outcome}`)).toEqual(CONTENT_TYPES.map((ct) => `${ct} collected`));
    await expectAllMatch(sim, store);
  }, 300_000);
});
