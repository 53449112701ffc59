// Does the event writer thread pay? The collector's shape in one process: ACTIVITIES concurrent
// storeContent activities, each producing BLOBS_PER_ACTIVITY blobs of DOCS_PER_BLOB documents on
// the main thread (the records parsed from JSON text and normalized by libs/ingestion, as
// fetchContent + normalizeBlob do) and writing them in ONE upsertEvents call, with the inline
// writer and with the worker-thread writer, rounds alternating so the machine's load hits both.
// Beside them, in the same run, the two physical limits: producing alone (no store) and the
// real-schema insert alone. One thread can reach at best 1 / (1/produce + 1/insert) (serial); two
// cores at best min(produce, insert) (perfect overlap).
// Usage: npx tsx bench/writer-thread.ts [--docs 100000 --rounds 3]
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { EventDocument } from '@auditflow/ingestion';
import { openSqliteStore } from '../src/sqlite/open-sqlite-store';
import { startSqliteInsertLimit } from '../src/sqlite/sqlite-insert-limit';
import { DocumentFactory } from './document-factory';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '3' } } });
const DOCS = Number(values.docs);
const ROUNDS = Number(values.rounds);
const DOCS_PER_BLOB = 70;
const BLOBS_PER_ACTIVITY = 8;
const ACTIVITIES = 8;

const factory = new DocumentFactory();

/** One blob as the collector gets it: JSON text parsed, then normalized (the factory normalizes). */
function produceBlob(start: number): EventDocument[] {
  const docs = factory.batch(start, Math.min(DOCS_PER_BLOB, DOCS - start));
  const text = JSON.stringify(docs.map((d) => d.raw));
  if ((JSON.parse(text) as unknown[]).length !== docs.length) throw new Error('parse lost records');
  return docs;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function pipeline(eventWriter: 'inline' | 'worker-thread'): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), `auditflow-writer-bench-${eventWriter}-`));
  const store = openSqliteStore({ path: join(dir, 'bench.db'), eventWriter });
  const started = performance.now();
  let next = 0;
  const activity = async (): Promise<void> => {
    while (next < DOCS) {
      const docs: EventDocument[] = [];
      for (let b = 0; b < BLOBS_PER_ACTIVITY && next < DOCS; b++, next += DOCS_PER_BLOB) {
        docs.push(...produceBlob(next));
        await new Promise((resolve) => setImmediate(resolve)); // a fetch: the other activities run meanwhile
      }
      await store.events.upsertEvents(docs);
    }
  };
  await Promise.all(Array.from({ length: ACTIVITIES }, activity));
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return DOCS / seconds;
}

function produceOnly(): number {
  const started = performance.now();
  for (let n = 0; n < DOCS; n += DOCS_PER_BLOB) produceBlob(n);
  return DOCS / ((performance.now() - started) / 1000);
}

function insertOnly(): number {
  const docs: EventDocument[] = [];
  for (let n = 0; n < DOCS; n += DOCS_PER_BLOB) docs.push(...produceBlob(n));
  const limit = startSqliteInsertLimit({ schema: 'real' });
  limit.add(docs);
  return limit.finish().docsPerSecond;
}

async function main(): Promise<void> {
  const cpuModel = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown CPU';
  console.log(`writer thread bench: ${DOCS.toLocaleString('en')} documents, ${ACTIVITIES} activities of ${BLOBS_PER_ACTIVITY} blobs x ${DOCS_PER_BLOB}, ${ROUNDS} rounds; ${availableParallelism()} cores (${cpuModel}), load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const figures = { inline: [] as number[], worker: [] as number[], produce: [] as number[], insert: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    figures.produce.push(produceOnly());
    figures.insert.push(insertOnly());
    figures.inline.push(await pipeline('inline'));
    figures.worker.push(await pipeline('worker-thread'));
    console.log(`  round ${round + 1}: inline ${figures.inline[round]!.toFixed(0)}, worker ${figures.worker[round]!.toFixed(0)}, produce ${figures.produce[round]!.toFixed(0)}, insert ${figures.insert[round]!.toFixed(0)} docs/s`);
  }
  const produce = median(figures.produce);
  const insert = median(figures.insert);
  const serial = 1 / (1 / produce + 1 / insert);
  const overlap = Math.min(produce, insert);
  const fmt = (n: number): string => Math.round(n).toLocaleString('en').padStart(8);
  console.log(`medians of ${ROUNDS}:`);
  console.log(`  limit: produce only (parse + normalize)   ${fmt(produce)} docs/s`);
  console.log(`  limit: real-schema insert only            ${fmt(insert)} docs/s`);
  console.log(`  bound: one thread, serial                 ${fmt(serial)} docs/s`);
  console.log(`  bound: two cores, perfect overlap         ${fmt(overlap)} docs/s`);
  console.log(`  inline writer                             ${fmt(median(figures.inline))} docs/s   ${(median(figures.inline) / serial).toFixed(2)}x serial bound`);
  console.log(`  worker-thread writer                      ${fmt(median(figures.worker))} docs/s   ${(median(figures.worker) / median(figures.inline)).toFixed(2)}x inline, ${(median(figures.worker) / overlap).toFixed(2)}x overlap bound`);
  console.log(`load at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
