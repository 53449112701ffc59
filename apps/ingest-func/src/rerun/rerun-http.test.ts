// POST /api/rerun with a fake Durable client. Over real sockets and
// the function-key check (401) they are tested through the local host in tools/e2e.
import { HttpRequest } from '@azure/functions';
import { loadConfig } from '@auditflow/config';
import type { DurableClient } from 'durable-functions';
import { describe, expect, it } from 'vitest';
import { fakeDurableClient, NOT_FOUND } from '../../test/fake-durable-client';
import { silentLog } from '../../test/temp-store';
import { FUNCTION_NAMES } from '../shared/function-names';
import { guarded } from '../shared/guarded-http';
import { RERUN_BODY_LIMIT_BYTES, startRerun } from './rerun-http';

const TENANT = '4f7d1c2e-0a3b-4c5d-8e9f-1a2b3c4d5e6f';
const NOW = new Date('2026-11-25T12:00:00.000Z');
const config = loadConfig({ AUDITFLOW_TENANT_ID: TENANT, AUDITFLOW_CONTENT_TYPES: 'Audit.Exchange,DLP.All' });

const post = (body: string) => new HttpRequest({ method: 'POST', url: 'http://127.0.0.1/api/rerun', body: { string: body } });
const deps = { config, log: silentLog, now: NOW };

describe('POST /api/rerun', () => {
  it('answers 400 with a problem for a body that is not JSON', async () => {
    const { client, started } = fakeDurableClient(async () => Promise.reject(NOT_FOUND));
    const response = await startRerun(post('{'), client, deps);
    expect(response.status).toBe(400);
    expect(response.jsonBody).toMatchObject({ error: 'InvalidRerunRequest', problems: [{ field: 'body' }] });
    expect(started).toEqual([]);
  });

  it('answers 400 naming every problem', async () => {
    const { client } = fakeDurableClient(async () => Promise.reject(NOT_FOUND));
    const response = await startRerun(post(JSON.stringify({ contentTypes: ['Audit.Nope'], start: '2001-01-01T00:00:00Z', end: 'yesterday' })), client, deps);
    expect(response.status).toBe(400);
    const text = JSON.stringify(response.jsonBody);
    expect(text).toContain('Audit.Nope');
    expect(text).toMatch(/7 days/);
    expect((response.jsonBody as { problems: unknown[] }).problems).toHaveLength(3);
  });

  it('starts the rerun under a deterministic instance id and answers 202 with the status URLs', async () => {
    const { client, started } = fakeDurableClient(async () => Promise.reject(NOT_FOUND));
    const body = JSON.stringify({ start: '2026-11-22T00:00:00Z', end: '2026-11-23T00:00:00Z' });
    const response = await startRerun(post(body), client, deps);
    const id = `rerun-${TENANT}-20261122T000000Z-20261123T000000Z`;
    expect(response).toMatchObject({ status: 202, jsonBody: { id } });
    expect(started).toEqual([
      {
        name: FUNCTION_NAMES.rerunOrchestrator,
        options: {
          instanceId: id,
          input: {
            settings: expect.objectContaining({ tenantId: TENANT }),
            contentTypes: ['Audit.Exchange', 'DLP.All'],
            window: { start: '2026-11-22T00:00:00.000Z', end: '2026-11-23T00:00:00.000Z' },
          },
        },
      },
    ]);
  });

  it('does not start a second run of the same request while the first still runs', async () => {
    const { client, started } = fakeDurableClient(async () => ({ runtimeStatus: 'Running' }));
    const body = JSON.stringify({ contentTypes: ['DLP.All'], start: '2026-11-22T00:00:00Z', end: '2026-11-23T00:00:00Z' });
    const response = await startRerun(post(body), client, deps);
    expect(response).toMatchObject({ status: 202, jsonBody: { id: `rerun-${TENANT}-20261122T000000Z-20261123T000000Z-dlp` } });
    expect(started).toEqual([]);
  });
});

describe('POST /api/rerun under concurrency and with big bodies (issue 8 item 6)', () => {
  /** One instance store shared by every request: startNew on an existing running id fails like durable-functions does on 409. */
  function racingClient() {
    const running = new Set<string>();
    let starts = 0;
    const client = {
      // Every request reads the status before any of them started the instance: all see 404.
      getStatus: async (id: string) => {
        if (running.has(id) && starts > 0) return { runtimeStatus: 'Running' };
        throw NOT_FOUND;
      },
      startNew: async (_name: string, options: { instanceId: string }) => {
        await new Promise((r) => setTimeout(r, 5));
        if (running.has(options.instanceId)) {
          throw new Error(`The operation failed with an unexpected status code: 409. Details: {"error":"OrchestrationAlreadyExists","message":"An orchestration with id '${options.instanceId}' already exists."}`);
        }
        running.add(options.instanceId);
        starts += 1;
        return options.instanceId;
      },
      createCheckStatusResponse: (_request: unknown, instanceId: string) => ({ status: 202, jsonBody: { id: instanceId } }),
    } as unknown as Pick<DurableClient, 'getStatus' | 'startNew' | 'createCheckStatusResponse'>;
    return { client, starts: () => starts };
  }

  it('gives 20 concurrent identical reruns 202 with the same instance id, starting it once', async () => {
    const { client, starts } = racingClient();
    const body = JSON.stringify({ start: '2026-11-22T00:00:00Z', end: '2026-11-23T00:00:00Z' });
    const responses = await Promise.all(Array.from({ length: 20 }, () => guarded(silentLog, () => startRerun(post(body), client, deps))));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(202));
    expect(new Set(responses.map((r) => (r.jsonBody as { id: string }).id)).size).toBe(1);
    expect(starts()).toBe(1);
  });

  it('answers 413 with the limit for a body over it, reading no further', async () => {
    const { client, started } = fakeDurableClient(async () => Promise.reject(NOT_FOUND));
    const response = await startRerun(post(JSON.stringify({ start: '2026-11-22T00:00:00Z', end: '2026-11-23T00:00:00Z', pad: 'x'.repeat(RERUN_BODY_LIMIT_BYTES) })), client, deps);
    expect(response.status).toBe(413);
    expect(response.jsonBody).toMatchObject({ error: 'RequestTooLarge', limitInBytes: RERUN_BODY_LIMIT_BYTES, message: expect.stringMatching(/larger than 16384 bytes/) });
    expect(started).toEqual([]);
  });
});
