// One measurement of bench/blob-memory.ts, in its own process so nothing else is in its RSS:
// fetch one blob from the URL and report the peak RSS (getrusage maxRSS, exact, not sampled)
// against the RSS just before, and what the records alone keep after a GC.
//   node --expose-gc --import tsx bench/blob-memory-child.ts <blobUrl> client|naive
import { ManagementApiClient } from '../src/index';

const [url, mode] = process.argv.slice(2) as [string, 'client' | 'naive'];
const tenantId = '5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

async function main(): Promise<void> {
  const apiBaseUrl = new URL(url).origin;
  const client = new ManagementApiClient({
    tenantId,
    apiBaseUrl,
    credential: { getToken: async () => ({ token: 'bench-token', expiresOnTimestamp: Date.now() + 3_600_000 }) },
    maxBlobBytes: 1024 * 1024 * 1024,
  });
  // Warm up every code path (undici, the client) on a tiny blob before the baseline.
  await client.fetchContent(`${url}?warmup=1`);
  gc();
  const before = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  let records: unknown[];
  if (mode === 'client') {
    records = await client.fetchContent(url);
  } else {
    // What holding the whole body at once costs: the bytes, the string and the objects.
    const response = await fetch(`${url}&PublisherIdentifier=${tenantId}`, { headers: { authorization: 'Bearer bench-token' } });
    records = JSON.parse(Buffer.from(await response.arrayBuffer()).toString('utf8')) as unknown[];
  }
  const ms = performance.now() - started;
  const peak = process.resourceUsage().maxRSS * 1024;
  gc();
  // RSS does not shrink after a GC (V8 keeps its pages), so the records' own size is the heap's.
  const retained = process.memoryUsage().heapUsed - heapBefore;
  console.log(JSON.stringify({ mode, records: records.length, before, peakRise: peak - before, retained, ms: Math.round(ms) }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
