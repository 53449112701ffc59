import { describe, expect, it } from 'vitest';
import { loadConfig } from '@auditflow/config';
import type { DurableClient } from 'durable-functions';
import { FUNCTION_NAMES } from '../shared/function-names';
import { startCollection } from './collect-timer';

const TENANT = '4f7d1c2e-0a3b-4c5d-8e9f-1a2b3c4d5e6f';
const config = loadConfig({ AUDITFLOW_TENANT_ID: TENANT, AUDITFLOW_CONTENT_TYPES: 'Audit.Exchange,DLP.All' });
const silent = { info: () => undefined, warn: () => undefined };

function fakeClient(getStatus: () => Promise<unknown>) {
  const started: { name: string; options: unknown }[] = [];
  const client = {
    getStatus,
    startNew: async (name: string, options: unknown) => {
      started.push({ name, options });
      return (options as { instanceId: string }).instanceId;
    },
  } as unknown as Pick<DurableClient, 'getStatus' | 'startNew'>;
  return { client, started };
}

describe('startCollection (the timer)', () => {
  it('starts collect-{tenantId} with the settings as input when no instance exists (404 throws in v3)', async () => {
    const { client, started } = fakeClient(async () => {
      throw new Error('DurableClient error: Durable Functions extension replied with HTTP 404 response.');
    });
    expect(await startCollection(client, silent, config)).toBe(`collect-${TENANT}`);
    expect(started).toEqual([
      {
        name: FUNCTION_NAMES.collectOrchestrator,
        options: { instanceId: `collect-${TENANT}`, input: { settings: expect.objectContaining({ tenantId: TENANT, contentTypes: ['Audit.Exchange', 'DLP.All'], blobBatchSize: 8 }) } },
      },
    ]);
  });

  it.each(['Running', 'Pending', 'ContinuedAsNew', 'Suspended'])('does not start a second one while it is %s', async (runtimeStatus) => {
    const { client, started } = fakeClient(async () => ({ runtimeStatus }));
    expect(await startCollection(client, silent, config)).toBeUndefined();
    expect(started).toEqual([]);
  });

  it.each(['Completed', 'Failed', 'Terminated'])('starts again after %s', async (runtimeStatus) => {
    const { client, started } = fakeClient(async () => ({ runtimeStatus }));
    await startCollection(client, silent, config);
    expect(started).toHaveLength(1);
  });

  it('lets other status failures through', async () => {
    const { client, started } = fakeClient(async () => {
      throw new Error('DurableClient error: HTTP 500');
    });
    await expect(startCollection(client, silent, config)).rejects.toThrow(/500/);
    expect(started).toEqual([]);
  });

  it('warns that a collection running past AUDITFLOW_STUCK_AFTER_MINUTES is stuck, with what to do, and starts no other', async () => {
    const now = new Date('2026-11-25T12:00:00.000Z');
    const warnings: unknown[][] = [];
    const log = { info: () => undefined, warn: (...args: unknown[]) => void warnings.push(args) };
    const { client, started } = fakeClient(async () => ({ runtimeStatus: 'Running', createdTime: new Date(now.getTime() - 121 * 60_000) }));
    expect(await startCollection(client, log, config, now)).toBeUndefined();
    expect(started).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]![0]).toMatch(/collection stuck/);
    expect(warnings[0]![1]).toMatchObject({ instanceId: `collect-${TENANT}`, runningForMinutes: 121, stuckAfterMinutes: 120, action: expect.stringMatching(/terminate collect-.*next timer tick starts a new cycle/) });
  });

  it('does not warn while a collection runs within its expected time', async () => {
    const now = new Date('2026-11-25T12:00:00.000Z');
    const warnings: unknown[][] = [];
    const log = { info: () => undefined, warn: (...args: unknown[]) => void warnings.push(args) };
    const { client } = fakeClient(async () => ({ runtimeStatus: 'Running', createdTime: new Date(now.getTime() - 119 * 60_000) }));
    await startCollection(client, log, config, now);
    expect(warnings).toEqual([]);
  });

  it('two timers racing to start the singleton: the one that loses the race (409) skips, it does not fail', async () => {
    let exists = false;
    const client = {
      getStatus: async () => {
        throw new Error('DurableClient error: Durable Functions extension replied with HTTP 404 response.');
      },
      startNew: async (_name: string, options: { instanceId: string }) => {
        await new Promise((r) => setTimeout(r, 5));
        if (exists) throw new Error(`The operation failed with an unexpected status code: 409. Details: {"error":"OrchestrationAlreadyExists","message":"An orchestration with id '${options.instanceId}' already exists."}`);
        exists = true;
        return options.instanceId;
      },
    } as unknown as Pick<DurableClient, 'getStatus' | 'startNew'>;
    const results = await Promise.all([startCollection(client, silent, config), startCollection(client, silent, config)]);
    expect(results.sort()).toEqual([`collect-${TENANT}`, undefined]);
  });

  it('runs the store maintenance (WAL checkpoint, C5) between cycles: before a start, never while one runs', async () => {
    const calls: string[] = [];
    const maintain = async () => void calls.push('checkpoint');
    const idle = fakeClient(async () => ({ runtimeStatus: 'Completed' }));
    await startCollection(idle.client, silent, config, new Date(), maintain);
    expect(calls).toEqual(['checkpoint']);
    expect(idle.started).toHaveLength(1);
    const busy = fakeClient(async () => ({ runtimeStatus: 'Running' }));
    await startCollection(busy.client, silent, config, new Date(), maintain);
    expect(calls).toEqual(['checkpoint']);
  });

  it('a failing maintenance is logged at warn level and the cycle still starts', async () => {
    const warnings: unknown[][] = [];
    const log = { info: () => undefined, warn: (...args: unknown[]) => void warnings.push(args) };
    const { client, started } = fakeClient(async () => ({ runtimeStatus: 'Completed' }));
    await startCollection(client, log, config, new Date(), async () => Promise.reject(new Error('database is locked')));
    expect(started).toHaveLength(1);
    expect(warnings[0]![0]).toMatch(/maintenance failed/);
  });
});
