// Benchmark: how close the shared token bucket runs to a sliding-window limit without being
// throttled. A local API stand-in counts requests per PublisherIdentifier in a sliding 60 s window
// and answers AF429 (HTTP 429, Retry-After) beyond the limit, like the simulator and the real API.
// Several clients of one tenant (one shared budget) fetch blobs as fast as they are let through.
//
//   npm run bench                               (75 s, 2000/min, 3 clients x 16 workers)
//   BENCH_SECONDS=130 BENCH_LIMIT=2000 npm run bench
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ManagementApiClient } from '../src/index';

const seconds = Number(process.env.BENCH_SECONDS ?? 75);
const limit = Number(process.env.BENCH_LIMIT ?? 2000);
const clientsCount = 3;
const workersPerClient = 16;
const tenantId = '5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';

async function main(): Promise<void> {
  const arrivals: number[] = [];
  let accepted = 0;
  let throttled = 0;
  let windowStart = 0;
  let maxInWindow = 0;
  const server = createServer((req, res) => {
    const now = performance.now();
    while (windowStart < arrivals.length && arrivals[windowStart]! <= now - 60_000) windowStart += 1;
    if (arrivals.length - windowStart >= limit) {
      throttled += 1;
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
      res.end(JSON.stringify({ error: { code: 'AF429', message: 'Too many requests' } }));
      return;
    }
    arrivals.push(now);
    accepted += 1;
    maxInWindow = Math.max(maxInWindow, arrivals.length - windowStart);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify([{ Id: String(accepted), CreationTime: '2026-11-25T09:00:00' }]));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const apiBaseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const credential = { getToken: async () => ({ token: 'bench-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };
  const clients = Array.from({ length: clientsCount }, () => new ManagementApiClient({ tenantId, credential, apiBaseUrl, rateLimitPerMinute: limit }));
  const blobUri = `${apiBaseUrl}/api/v1.0/${tenantId}/activity/feed/audit/blob`;

  const deadline = Date.now() + seconds * 1000;
  const started = performance.now();
  let failures = 0;
  const worker = async (client: ManagementApiClient) => {
    while (Date.now() < deadline) {
      await client.fetchContent(blobUri).catch(() => (failures += 1));
    }
  };
  await Promise.all(clients.flatMap((client) => Array.from({ length: workersPerClient }, () => worker(client))));
  const elapsedMin = (performance.now() - started) / 60_000;
  server.closeAllConnections();
  server.close();

  const requests = clients.reduce((sum, c) => sum + c.stats.requests, 0);
  console.log(`activity-api rate-limit bench: ${seconds} s, limit ${limit}/min (sliding 60 s), ${clientsCount} clients x ${workersPerClient} workers, one publisher`);
  console.log(`  requests sent        ${requests}`);
  console.log(`  accepted             ${accepted} (${(accepted / elapsedMin).toFixed(0)}/min average)`);
  console.log(`  throttled (AF429)    ${throttled} (${((100 * throttled) / Math.max(1, requests)).toFixed(2)} %)`);
  console.log(`  max in any 60 s      ${maxInWindow} of ${limit}`);
  console.log(`  calls failed         ${failures}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
