// Issue 8, end to end: a forged tenant id and malformed input on the Durable management API.
import { describe, expect, it } from 'vitest';
import { management } from './harness';
import { collectInput, expectAllMatch, waitForCompleted, waitForEnded, withCollector } from './adversarial-steps';

const FORGED_TENANT = '00000000-1111-4222-8333-444444444444';
describe('a forged tenant id and malformed input on the management API', () => {
  const collector = withCollector('forged', { seed: 31, users: 10, days: 1, recordsPerHour: 60 });

  /** Starts collectOrchestrator with `input` under a fresh `{prefix}-...` id (202) and waits for its end. */
  const startAndWaitForEnd = async (prefix: string, input: unknown, timeoutInMs: number) => {
    const started = await management(collector.host, `orchestrators/collectOrchestrator/${prefix}-${Date.now()}-${Math.random().toString(36).slice(2)}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input),
    });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    return waitForEnded(collector.host, id, timeoutInMs);
  };

  it('refuses to collect for a tenant the app is not configured for, and the real collection stays whole', async () => {
    const { sim, host, store } = collector;
    const final = await startAndWaitForEnd('forged', collectInput(FORGED_TENANT), 120_000);
    expect(final.runtimeStatus).toBe('Failed');
    expect(JSON.stringify(final.output)).toContain(FORGED_TENANT);
    expect(JSON.stringify(final.output)).toMatch(/configured|not the tenant/i);
    expect(await store.events.countEvents({ tenantId: FORGED_TENANT })).toBe(0);

    // the real collection afterwards stores everything, under the real tenant
    const real = await management(host, `orchestrators/collectOrchestrator/collect-${sim.tenantId}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(collectInput(sim.tenantId)),
    });
    expect(real.status).toBe(202);
    await waitForCompleted(host, `collect-${sim.tenantId}`);
    await expectAllMatch(sim, store);
    expect(await store.events.countEvents({ tenantId: FORGED_TENANT })).toBe(0);
  }, 240_000);

  it.each([
    ['an empty input', {}, /settings/],
    ['a content type that does not exist', { settings: { tenantId: 'x', contentTypes: ['Audit.Nope'] } }, /Audit\.Nope|contentTypes/],
  ])('fails at once, naming what is wrong, for %s', async (_what, input, message) => {
    const final = await startAndWaitForEnd('bad', input, 60_000);
    expect(final.runtimeStatus).toBe('Failed');
    const text = JSON.stringify(final.output);
    expect(text).toMatch(message);
    expect(text).not.toMatch(/Cannot read properties of undefined/);
  }, 90_000);
});
