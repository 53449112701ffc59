// Throttling benchmark: the simulator enforces 2,000 requests per sliding minute per
// PublisherIdentifier; the real ManagementApiClient with its DEFAULT budget (2,000/min) lists and
// fetches enough blobs to make 3,000+ requests. Prints requests, throttled share, elapsed time,
// the achieved rate and the busiest 60 s (measured at the client) against the limit.
// Goal: <= 1 % throttled. Run: npm run bench (in tools/o365-simulator).
import { ManagementApiClient, createCredential, isManagementApiError } from '@auditflow/activity-api';
import { CONTENT_TYPES, type ContentBlob } from '@auditflow/ingestion';
import { startSimulator } from '../src/index';

const LIMIT = 2000;
const DAY = 24 * 3_600_000;
const WORKERS = Number(process.env['BENCH_WORKERS'] ?? 32);

function busiestMinute(times: readonly number[]): number {
  let best = 0;
  let head = 0;
  for (let i = 0; i < times.length; i++) {
    while ((times[i] ?? 0) - (times[head] ?? 0) >= 60_000) head += 1;
    best = Math.max(best, i - head + 1);
  }
  return best;
}

function busiestSecond(times: readonly number[]): number {
  let best = 0;
  let head = 0;
  for (let i = 0; i < times.length; i++) {
    while ((times[i] ?? 0) - (times[head] ?? 0) >= 1_000) head += 1;
    best = Math.max(best, i - head + 1);
  }
  return best;
}

async function main(): Promise<void> {
  const sim = await startSimulator({
    seed: 77, users: 40, days: 4, recordsPerHour: 2400, pageSize: 100,
    faults: { rateLimitPerMinute: LIMIT, throttleStatus: 'mixed', redeliveryRate: 0.05, relistRate: 0.05 },
  });
  // Request start times as the client sends them (to find its busiest minute and second).
  const sent: number[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    if (String(input instanceof Request ? input.url : input).startsWith(sim.url)) sent.push(performance.now());
    return realFetch(input, init);
  };
  try {
    const credential = createCredential({
      authMode: 'client-secret', tenantId: sim.tenantId, clientId: sim.clientId, clientSecret: sim.clientSecret,
      authorityHost: sim.authorityHost, authorityCaPem: sim.authorityCaPem,
    });
    const client = new ManagementApiClient({ tenantId: sim.tenantId, credential, cloud: 'Custom', apiBaseUrl: sim.url });
    const began = performance.now();
    for (const ct of CONTENT_TYPES) await client.startSubscription(ct);
    const end = sim.clock.now().getTime();
    const blobs: ContentBlob[] = [];
    const seen = new Set<string>();
    // List every window first, then fetch every blob with WORKERS concurrent callers.
    await Promise.all(
      CONTENT_TYPES.map(async (ct) => {
        for (let from = end - 7 * DAY + 60_000; from < end; from += DAY) {
          const window = { startTime: new Date(from).toISOString(), endTime: new Date(Math.min(from + DAY, end)).toISOString() };
          for await (const page of client.listContent(ct, window)) {
            for (const b of page) {
              if (seen.has(b.contentId)) continue;
              seen.add(b.contentId);
              blobs.push(b);
            }
          }
        }
      }),
    );
    let records = 0;
    let lost = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: WORKERS }, async () => {
        while (next < blobs.length) {
          const blob = blobs[next++]!;
          try {
            const got = await client.fetchContent(blob.contentUri);
            records += got.length;
          } catch (error) {
            if (!isManagementApiError(error) || error.category !== 'content-lost') throw error;
            lost += 1;
          }
        }
      }),
    );
    const elapsedMs = performance.now() - began;
    const s = sim.stats();
    const minutes = elapsedMs / 60_000;
    const line = (k: string, v: string) => console.log(`${k.padEnd(34)} ${v}`);
    console.log(`throttling benchmark: simulator limit ${LIMIT}/min (sliding 60 s), client default budget, ${WORKERS} concurrent fetchers`);
    line('blobs fetched / records', `${blobs.length - lost} / ${records} (${lost} lost)`);
    line('requests made (simulator saw)', String(s.requests));
    line('requests made (client counted)', String(client.stats.requests));
    line('throttled (AF429)', String(s.throttled));
    line('throttled %', `${((100 * s.throttled) / Math.max(1, s.requests)).toFixed(2)} % (goal <= 1 %)`);
    line('elapsed', `${(elapsedMs / 1000).toFixed(1)} s`);
    line('achieved requests/minute', `${(s.requests / minutes).toFixed(0)} (limit ${LIMIT}, ${((100 * s.requests) / minutes / LIMIT).toFixed(1)} % of it)`);
    line('busiest 60 s at the client', `${busiestMinute(sent)} requests (limit ${LIMIT})`);
    line('busiest 1 s at the client', `${busiestSecond(sent)} requests (a burst; the bucket holds ${Math.floor(LIMIT / 60)})`);
    line('responses by status', JSON.stringify(s.byStatus));
    if (s.throttled / Math.max(1, s.requests) > 0.01) console.log('RESULT: above the 1 % goal');
    else console.log('RESULT: within the 1 % goal');
  } finally {
    globalThis.fetch = realFetch;
    await sim.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
