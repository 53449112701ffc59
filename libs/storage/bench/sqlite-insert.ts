// Benchmark: 200,000 realistic event documents into SQLite through the adapter (upsertEvents in
// batches), beside a bare better-sqlite3 insert loop of the same rows into the same schema (the
// limit). Each phase runs in its own child process so their memory peaks do not mix.
// Usage: npm run bench [-- --docs 200000 --batch 500]. Prints figures; asserts nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { EventDocument } from '@auditflow/ingestion';
import { openSqliteStore } from '../src/sqlite/open-sqlite-store';
import { ensureSchema } from '../src/sqlite/sqlite-schema';
import { DocumentFactory } from './document-factory';

interface PhaseResult {
  readonly phase: string;
  readonly docs: number;
  readonly insertSeconds: number;
  readonly peakRssMb: number;
  readonly peakHeapMb: number;
  readonly avgJsonBytes: number;
  readonly avgRawBytes: number;
  readonly fileBytesPerDoc: number;
}

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i] ?? '', process.argv[i + 1] ?? '');
const DOCS = Number(args.get('--docs') ?? 200_000);
const BATCH = Number(args.get('--batch') ?? 500);
/** Phases alternate bare, adapter, bare, ...; the best round of each is reported (the machine is shared). */
const ROUNDS = Number(args.get('--rounds') ?? 2);

class MemoryPeak {
  rss = 0;
  heap = 0;
  private readonly timer = setInterval(() => this.sample(), 20);
  sample(): void {
    const m = process.memoryUsage();
    this.rss = Math.max(this.rss, m.rss);
    this.heap = Math.max(this.heap, m.heapUsed);
  }
  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }
}

const BARE_INSERT = `INSERT INTO events (id, partition_key, tenant_id, content_type, time, workload, record_type,
  operation, result, user_id, user_type, user_key, ip, object_id, site_url, file_name, mailbox, client_app,
  content_id, raw, ttl, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (tenant_id, id) DO NOTHING`;

/** The limit: one prepared statement in one transaction per batch, nothing else. */
function bareWriter(path: string): { write(docs: readonly EventDocument[]): void; close(): void } {
  const db = new Database(path, { timeout: 30_000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536'); // as the adapter's connection
  ensureSchema(db, path);
  const insert = db.prepare(BARE_INSERT);
  const now = Date.now();
  const many = db.transaction((docs: readonly EventDocument[]) => {
    for (const d of docs) {
      insert.run(
        d.id, d.partitionKey, d.tenantId, d.contentType, d.time, d.workload, d.recordType, d.operation, d.result,
        d.actor.userId, d.actor.userType, d.actor.userKey, d.actor.ip, d.target.objectId, d.target.siteUrl,
        d.target.fileName, d.target.mailbox, d.clientApp, d.contentId, JSON.stringify(d.raw), d.ttl ?? null,
        d.ttl === undefined ? null : now + d.ttl * 1000,
      );
    }
  });
  return { write: (docs) => many.immediate(docs), close: () => db.close() };
}

async function runPhase(phase: 'adapter' | 'bare'): Promise<PhaseResult> {
  const dir = mkdtempSync(join(tmpdir(), `auditflow-bench-${phase}-`));
  const path = join(dir, 'bench.db');
  const factory = new DocumentFactory();
  const store = phase === 'adapter' ? openSqliteStore({ path }) : undefined;
  const bare = phase === 'bare' ? bareWriter(path) : undefined;
  const peak = new MemoryPeak();
  let insertNs = 0n;
  let jsonBytes = 0;
  let rawBytes = 0;
  for (let start = 0; start < DOCS; start += BATCH) {
    const docs = factory.batch(start, Math.min(BATCH, DOCS - start));
    for (const d of docs) {
      jsonBytes += Buffer.byteLength(JSON.stringify(d));
      rawBytes += Buffer.byteLength(JSON.stringify(d.raw));
    }
    const t0 = process.hrtime.bigint();
    if (store !== undefined) {
      const { written } = await store.events.upsertEvents(docs);
      if (written !== docs.length) throw new Error(`expected ${docs.length} written, got ${written}`);
    } else {
      bare?.write(docs);
    }
    insertNs += process.hrtime.bigint() - t0;
    await new Promise((resolve) => setImmediate(resolve));
  }
  peak.stop();
  await store?.close();
  bare?.close();
  const fileBytes = statSync(path).size;
  rmSync(dir, { recursive: true, force: true });
  return {
    phase,
    docs: DOCS,
    insertSeconds: Number(insertNs) / 1e9,
    peakRssMb: peak.rss / 2 ** 20,
    peakHeapMb: peak.heap / 2 ** 20,
    avgJsonBytes: jsonBytes / DOCS,
    avgRawBytes: rawBytes / DOCS,
    fileBytesPerDoc: fileBytes / DOCS,
  };
}

function runChild(phase: string): PhaseResult {
  const child = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--phase', phase, '--docs', String(DOCS), '--batch', String(BATCH)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`${phase} phase failed (exit ${child.status})`);
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '') as PhaseResult;
}

async function main(): Promise<void> {
  const phase = args.get('--phase');
  if (phase === 'adapter' || phase === 'bare') {
    process.stdout.write(`${JSON.stringify(await runPhase(phase))}\n`);
    return;
  }
  console.log(
    `SQLite insert benchmark: ${DOCS.toLocaleString('en')} event documents, batches of ${BATCH}, best of ${ROUNDS} rounds (node ${process.version})`,
  );
  const rate = (r: PhaseResult): number => r.docs / r.insertSeconds;
  const rounds: { bare: PhaseResult; adapter: PhaseResult }[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const round = { bare: runChild('bare'), adapter: runChild('adapter') };
    console.log(`  round ${i + 1}: bare ${Math.round(rate(round.bare))} docs/s, adapter ${Math.round(rate(round.adapter))} docs/s`);
    rounds.push(round);
  }
  const best = (phase: 'bare' | 'adapter'): PhaseResult =>
    rounds.map((r) => r[phase]).reduce((a, b) => (rate(b) > rate(a) ? b : a));
  const bare = best('bare');
  const adapter = best('adapter');
  for (const r of [adapter, bare]) {
    console.log(
      `${r.phase.padEnd(8)} ${Math.round(rate(r)).toLocaleString('en').padStart(8)} docs/s  ` +
        `(${r.insertSeconds.toFixed(2)} s inserting)  peak RSS ${r.peakRssMb.toFixed(0)} MB, peak heap ${r.peakHeapMb.toFixed(0)} MB, ` +
        `file ${r.fileBytesPerDoc.toFixed(0)} B/doc`,
    );
  }
  console.log(`adapter / bare: ${(rate(adapter) / rate(bare)).toFixed(2)}`);
  console.log(`average event document: ${adapter.avgJsonBytes.toFixed(0)} B as JSON (raw record ${adapter.avgRawBytes.toFixed(0)} B of it)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
