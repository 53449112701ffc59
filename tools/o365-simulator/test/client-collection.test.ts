// Issue 2's integration test: the real ManagementApiClient and createCredential (MSAL against the
// simulated authority over https) collect 7 days of every content type with every fault knob on,
// and the unique Ids they return equal the simulator's ground truth (lost blobs excluded).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManagementApiClient, createCredential, isManagementApiError } from '@auditflow/activity-api';
import { CONTENT_TYPES, type ContentBlob, type ContentType } from '@auditflow/ingestion';
import { startSimulator, type RunningSimulator } from '../src/index';
import { DAY } from './helpers';

const RATE = 6000;

async function withRetry<T>(what: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await what();
    } catch (error) {
      // A start is not retried inside the client after an ambiguous failure; a second start is safe (AF20024 = success).
      if (attempt >= 10 || !isManagementApiError(error) || error.category !== 'transient') throw error;
    }
  }
}

async function pool<T>(items: readonly T[], workers: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

describe('ManagementApiClient against the simulator, every fault on', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({
      seed: 2024, users: 15, days: 6, recordsPerHour: 8, pageSize: 20, startTime: new Date('2026-08-01T06:00:00Z'),
      faults: {
        rateLimitPerMinute: RATE, throttleStatus: 'mixed', serverErrorRate: 0.03, slowResponseRate: 0.02, slowResponseMs: 40,
        truncatedBodyRate: 0.03, connectionResetRate: 0.02, expiredBlobRate: 0.03, redeliveryRate: 0.1, relistRate: 0.1,
      },
    });
  });
  afterAll(() => sim?.close());

  it('collects exactly the ground truth over 7 x 24 h windows', async () => {
    const credential = createCredential({
      authMode: 'client-secret', tenantId: sim.tenantId, clientId: sim.clientId, clientSecret: sim.clientSecret,
      authorityHost: sim.authorityHost, authorityCaPem: sim.authorityCaPem,
    });
    const client = new ManagementApiClient({
      tenantId: sim.tenantId, credential, cloud: 'Custom', apiBaseUrl: sim.url, rateLimitPerMinute: RATE,
      requestTimeoutInMs: 10_000, retry: { baseDelayInMs: 5, maxDelayInMs: 40, maxRetries: 8 },
    });
    const end = sim.clock.now().getTime();
    const start = end - 7 * DAY + 60_000;
    const collected = new Map<ContentType, Set<string>>();
    const lost = new Set<string>();
    let relisted = 0;

    for (const ct of CONTENT_TYPES) await withRetry(() => client.startSubscription(ct));
    const subscriptions = await client.listSubscriptions();
    expect(subscriptions.map((s) => s.contentType).sort()).toEqual([...CONTENT_TYPES].sort());

    for (const ct of CONTENT_TYPES) {
      const blobs = new Map<string, ContentBlob>();
      for (let from = start; from < end; from += DAY) {
        const window = { startTime: new Date(from).toISOString(), endTime: new Date(Math.min(from + DAY, end)).toISOString() };
        for await (const page of client.listContent(ct, window)) {
          for (const blob of page) {
            if (blobs.has(blob.contentId)) relisted += 1;
            else blobs.set(blob.contentId, blob);
          }
        }
      }
      const ids = new Set<string>();
      collected.set(ct, ids);
      await pool([...blobs.values()], 8, async (blob) => {
        try {
          for (const record of await client.fetchContent(blob.contentUri)) ids.add(String(record['Id']));
        } catch (error) {
          if (!isManagementApiError(error) || error.category !== 'content-lost') throw error;
          lost.add(blob.contentId);
        }
      });
    }

    const stats = sim.stats();
    let total = 0;
    for (const ct of CONTENT_TYPES) {
      const truth = sim.groundTruth({ contentType: ct, from: new Date(start), to: new Date(end) });
      const ids = collected.get(ct)!;
      total += ids.size;
      expect([...truth.ids].filter((id) => !ids.has(id)), `${ct}: missing`).toEqual([]);
      expect([...ids].filter((id) => !truth.ids.has(id)), `${ct}: unexpected`).toEqual([]);
      for (const id of truth.lostIds) expect(ids.has(id)).toBe(false);
    }
    expect(lost).toEqual(sim.groundTruth({ from: new Date(start), to: new Date(end) }).lostContentIds);
    expect(total).toBeGreaterThan(800);
    expect(lost.size).toBeGreaterThan(0);
    expect(relisted).toBeGreaterThan(0);
    // every transient fault actually happened and was absorbed by the client's retries
    expect(stats.byStatus[0] ?? 0, 'connection resets').toBeGreaterThan(0);
    expect((stats.byStatus[500] ?? 0) + (stats.byStatus[503] ?? 0), '5xx').toBeGreaterThan(0);
    expect(client.stats.transientRetries).toBeGreaterThan(0);
    console.log(`collected ${total} unique ids, ${lost.size} lost blobs, ${relisted} relistings; simulator: ${JSON.stringify(stats)}; client: ${JSON.stringify(client.stats)}`);
  });
});
