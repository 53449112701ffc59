// Benchmark: event documents into Cosmos DB through the adapter, against the Cosmos-protocol
// server (@vercel/cosmosdb-server, in its own process) with the real SDK, beside the best bulk
// method measured in the same run (raw items.bulk, chunks of 100, 8 in flight, all documents in one
// go). Adapter phases: one blob (--blob documents) per upsertEvents call one after another, and
// under the app's concurrency (--concurrency calls at once: host.json maxConcurrentActivityFunctions).
// Also the SDK's executeBulkOperations one blob per call, for a few calls (what the adapter used
// before: it waits on a 1 s timer). RU per document as the server reports it.
// Usage: npx tsx bench/cosmos-insert.ts [--docs 14000 --blob 70 --concurrency 8 --rounds 2]
import { spawn } from 'node:child_process';
import { Agent } from 'node:https';
import { createInterface } from 'node:readline';
import { BulkOperationType, CosmosClient, type Container, type JSONObject, type OperationInput } from '@azure/cosmos';
import { COSMOS_LAYOUT } from '@auditflow/config';
import type { EventDocument } from '@auditflow/ingestion';
import { openCosmosStore } from '../src/cosmos/open-cosmos-store';
import { DocumentFactory } from './document-factory';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i] ?? '', process.argv[i + 1] ?? '');
const DOCS = Number(args.get('--docs') ?? 14_000);
const BLOB = Number(args.get('--blob') ?? 70);
const CONCURRENCY = Number(args.get('--concurrency') ?? 8);
const ROUNDS = Number(args.get('--rounds') ?? 2);
const OLD_CALLS = 5;

interface Server {
  readonly endpoint: string;
  readonly key: string;
  readonly caPem: string;
  stop(): void;
}

async function startServerProcess(): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', `${__dirname}/cosmos-server-process.ts`], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`server process exited (${code})`)));
  });
  const info = JSON.parse(line) as { endpoint: string; key: string; caPem: string };
  return { ...info, stop: () => child.stdin.end() };
}

let databases = 0;
/** What the adapter's own writes were charged (onEventWriteCharge): the code path that gives the real figure on an account. */
const adapterCharge = { requestCharge: 0, operations: 0, perOperation: new Set<number>() };

async function run<T>(server: Server, body: (ctx: { store: Awaited<ReturnType<typeof openCosmosStore>>; container: Container }) => Promise<T>): Promise<T> {
  const agent = new Agent({ ca: server.caPem, keepAlive: true });
  const databaseId = `bench-${process.pid}-${++databases}`;
  const store = await openCosmosStore({
    endpoint: server.endpoint,
    key: server.key,
    agent,
    databaseId,
    retentionSeconds: 90 * 86_400,
    connectionPolicy: { enableEndpointDiscovery: false },
    onEventWriteCharge: ({ requestCharge, operations }) => {
      adapterCharge.requestCharge += requestCharge;
      adapterCharge.operations += operations;
      adapterCharge.perOperation.add(requestCharge / Math.max(operations, 1));
    },
  });
  const client = new CosmosClient({ endpoint: server.endpoint, key: server.key, agent, connectionPolicy: { enableEndpointDiscovery: false } });
  try {
    return await body({ store, container: client.database(databaseId).container(COSMOS_LAYOUT.eventsContainer) });
  } finally {
    client.dispose();
    await store.close();
    agent.destroy();
  }
}

const toOp = (d: EventDocument): OperationInput => ({ operationType: BulkOperationType.Create, partitionKey: d.partitionKey, resourceBody: d as unknown as JSONObject });
const seconds = async (f: () => Promise<void>): Promise<number> => {
  const t0 = process.hrtime.bigint();
  await f();
  return Number(process.hrtime.bigint() - t0) / 1e9;
};

async function main(): Promise<void> {
  const factory = new DocumentFactory();
  const blobs: EventDocument[][] = [];
  for (let start = 0; start < DOCS; start += BLOB) blobs.push(factory.batch(start, Math.min(BLOB, DOCS - start)));
  const server = await startServerProcess();
  console.log(
    `Cosmos insert benchmark: ${DOCS.toLocaleString('en')} event documents in blobs of ${BLOB}, Cosmos-protocol server in its own process, ` +
      `best of ${ROUNDS} rounds (node ${process.version})`,
  );
  const best = new Map<string, number>();
  const note = (name: string, docsPerSecond: number): void => void best.set(name, Math.max(best.get(name) ?? 0, docsPerSecond));
  let ruPerDoc = 0;
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      const line: string[] = [];
      // The best bulk method: raw items.bulk over all documents, chunks of 100, 8 in flight.
      await run(server, async ({ container }) => {
        const all = blobs.flat();
        let charge = 0;
        const s = await seconds(async () => {
          let next = 0;
          await Promise.all(Array.from({ length: 8 }, async () => {
            while (next < all.length) {
              const chunk = all.slice(next, (next += 100));
              const res = await container.items.bulk(chunk.map(toOp), { continueOnError: true });
              for (const r of res) {
                if (r.statusCode !== 201) throw new Error(`bulk status ${r.statusCode}`);
                charge += r.requestCharge;
              }
            }
          }));
        });
        ruPerDoc = charge / all.length;
        note('raw items.bulk, 100 x 8 in flight', all.length / s);
        line.push(`bulk ${Math.round(all.length / s)}`);
      });
      await run(server, async ({ store }) => {
        const s = await seconds(async () => {
          for (const blob of blobs) await store.events.upsertEvents(blob);
        });
        note('adapter, one blob per call', DOCS / s);
        line.push(`adapter 1x ${Math.round(DOCS / s)}`);
      });
      await run(server, async ({ store }) => {
        let next = 0;
        const s = await seconds(async () => {
          await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
            while (next < blobs.length) await store.events.upsertEvents(blobs[next++] as EventDocument[]);
          }));
        });
        note(`adapter, ${CONCURRENCY} calls at once`, DOCS / s);
        line.push(`adapter ${CONCURRENCY}x ${Math.round(DOCS / s)}`);
      });
      await run(server, async ({ container }) => {
        const few = blobs.slice(0, OLD_CALLS);
        const s = await seconds(async () => {
          for (const blob of few) await container.items.executeBulkOperations(blob.map(toOp));
        });
        const n = few.reduce((a, b) => a + b.length, 0);
        note('executeBulkOperations, one blob per call', n / s);
        line.push(`executeBulkOperations ${Math.round(n / s)} (${((s / few.length) * 1000).toFixed(0)} ms/call)`);
      });
      console.log(`  round ${round} (docs/s): ${line.join(', ')}`);
    }
  } finally {
    server.stop();
  }
  for (const [name, rate] of best) console.log(`${name.padEnd(42)} ${Math.round(rate).toLocaleString('en').padStart(8)} docs/s`);
  const bulk = best.get('raw items.bulk, 100 x 8 in flight') ?? 1;
  console.log(`adapter (${CONCURRENCY} at once) / best bulk: ${((best.get(`adapter, ${CONCURRENCY} calls at once`) ?? 0) / bulk).toFixed(2)}`);
  console.log(`adapter (one blob per call) / best bulk: ${((best.get('adapter, one blob per call') ?? 0) / bulk).toFixed(2)}`);
  const adapterRu = adapterCharge.requestCharge / Math.max(adapterCharge.operations, 1);
  console.log(`RU per document, raw items.bulk results: ${ruPerDoc.toFixed(2)}; the adapter's writes (onEventWriteCharge, summed from the same per-operation requestCharge): ${adapterRu.toFixed(2)}`);
  if (ruPerDoc === 1 && [...adapterCharge.perOperation].every((r) => r === 1)) {
    console.log(
      '  the Cosmos-protocol server answers x-ms-request-charge / requestCharge as a flat 1 per created document, whatever its size or the indexing\n' +
        '  policy: it cannot price them, so these figures are NOT RU costs. On a real account the same lines print the service\'s charge: each\n' +
        '  items.bulk operation result carries requestCharge (src/cosmos/cosmos-bulk.ts sums it per operation over re-submits), the events store\n' +
        '  adds it up per upsertEvents and passes it to OpenCosmosStoreOptions.onEventWriteCharge (src/cosmos/cosmos-event-store.ts). This\n' +
        '  bench starts its own server; pricing the policy needs the same calls against an account (not measured here).',
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
