// Benchmark: realistic event documents into SQLite through the adapter (upsertEvents, BATCH
// documents per call, as the app passes one storeContent activity's documents), beside the
// physical limits measured in the same run: the same documents inserted with one prepared
// statement into the REAL schema in transactions of 20,000 (startSqliteInsertLimit 'real'), and
// the 4-column floor ('four-column', for reference). Each phase runs in its own child process so
// memory peaks do not mix; rounds alternate the phases and the best of each is reported.
// Usage: npm run bench [-- --docs 200000 --batch 500 --rounds 2 --phases adapter,real,four-column --drop-index a,b --autocheckpoint N]
// (--drop-index / --autocheckpoint change the adapter phase only: to price an index or the WAL policy).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../src/sqlite/open-sqlite-store';
import { startSqliteInsertLimit, type SqliteInsertLimitSchema } from '../src/sqlite/sqlite-insert-limit';
import { DocumentFactory } from './document-factory';

type Phase = 'adapter' | SqliteInsertLimitSchema;
const ALL_PHASES: readonly Phase[] = ['real', 'adapter', 'four-column'];

interface PhaseResult {
  readonly phase: Phase;
  readonly docs: number;
  readonly insertSeconds: number;
  readonly peakRssMb: number;
  readonly avgJsonBytes: number;
  readonly avgRawBytes: number;
  readonly fileBytesPerDoc: number;
}

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i] ?? '', process.argv[i + 1] ?? '');
const DOCS = Number(args.get('--docs') ?? 200_000);
const BATCH = Number(args.get('--batch') ?? 500);
const ROUNDS = Number(args.get('--rounds') ?? 2);
const DROP = (args.get('--drop-index') ?? '').split(',').filter((s) => s !== '');
const PHASES = args.has('--phases') ? ALL_PHASES.filter((p) => (args.get('--phases') ?? '').split(',').includes(p)) : ALL_PHASES;
const AUTOCHECKPOINT = args.has('--autocheckpoint') ? Number(args.get('--autocheckpoint')) : undefined;

function peakRss(): { stop(): number } {
  let peak = 0;
  const sample = (): void => void (peak = Math.max(peak, process.memoryUsage().rss));
  const timer = setInterval(sample, 20);
  return { stop: () => (clearInterval(timer), sample(), peak / 2 ** 20) };
}

async function runPhase(phase: Phase): Promise<PhaseResult> {
  const dir = mkdtempSync(join(tmpdir(), `auditflow-bench-${phase}-`));
  const path = join(dir, 'bench.db');
  const factory = new DocumentFactory();
  const rss = peakRss();
  let jsonBytes = 0;
  let rawBytes = 0;
  let insertNs = 0n;
  let fileBytes = 0;
  if (phase === 'adapter') {
    const store = openSqliteStore({ path, ...(AUTOCHECKPOINT === undefined ? {} : { walAutocheckpointPages: AUTOCHECKPOINT }) });
    if (DROP.length > 0) {
      const db = new Database(path);
      for (const index of DROP) db.exec(`DROP INDEX ${index}`);
      db.close();
    }
    for (let start = 0; start < DOCS; start += BATCH) {
      const docs = factory.batch(start, Math.min(BATCH, DOCS - start));
      for (const d of docs) {
        jsonBytes += Buffer.byteLength(JSON.stringify(d));
        rawBytes += Buffer.byteLength(JSON.stringify(d.raw));
      }
      const t0 = process.hrtime.bigint();
      const { written } = await store.events.upsertEvents(docs);
      insertNs += process.hrtime.bigint() - t0;
      if (written !== docs.length) throw new Error(`expected ${docs.length} written, got ${written}`);
    }
    await store.checkpointWal?.();
    fileBytes = statSync(path).size;
    await store.close();
  } else {
    const limit = startSqliteInsertLimit({ schema: phase, dir });
    for (let start = 0; start < DOCS; start += BATCH) limit.add(factory.batch(start, Math.min(BATCH, DOCS - start)));
    const result = limit.finish();
    if (result.docs !== DOCS) throw new Error(`expected ${DOCS} rows, got ${result.docs}`);
    insertNs = BigInt(Math.round(result.seconds * 1e9));
  }
  const peakRssMb = rss.stop();
  rmSync(dir, { recursive: true, force: true });
  return { phase, docs: DOCS, insertSeconds: Number(insertNs) / 1e9, peakRssMb, avgJsonBytes: jsonBytes / DOCS, avgRawBytes: rawBytes / DOCS, fileBytesPerDoc: fileBytes / DOCS };
}

function runChild(phase: Phase): PhaseResult {
  const passOn = [...args.entries()].filter(([k]) => k !== '--phase').flat();
  const child = spawnSync(process.execPath, ['--import', 'tsx', __filename, ...passOn, '--phase', phase], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`${phase} phase failed (exit ${child.status})`);
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '') as PhaseResult;
}

async function main(): Promise<void> {
  const phase = args.get('--phase') as Phase | undefined;
  if (phase !== undefined) {
    process.stdout.write(`${JSON.stringify(await runPhase(phase))}\n`);
    return;
  }
  const variant = [DROP.length > 0 ? `adapter without ${DROP.join(', ')}` : '', AUTOCHECKPOINT === undefined ? '' : `wal_autocheckpoint ${AUTOCHECKPOINT}`].filter(Boolean).join('; ');
  console.log(
    `SQLite insert benchmark: ${DOCS.toLocaleString('en')} event documents, adapter calls of ${BATCH}, best of ${ROUNDS} rounds` +
      `${variant === '' ? '' : ` (${variant})`} (node ${process.version})`,
  );
  const rate = (r: PhaseResult): number => r.docs / r.insertSeconds;
  const results = new Map<Phase, PhaseResult[]>(PHASES.map((p) => [p, []]));
  for (let i = 0; i < ROUNDS; i++) {
    const line: string[] = [];
    for (const p of PHASES) {
      const r = runChild(p);
      results.get(p)?.push(r);
      line.push(`${p} ${Math.round(rate(r))}`);
    }
    console.log(`  round ${i + 1} (docs/s): ${line.join(', ')}`);
  }
  const best = (p: Phase): PhaseResult => (results.get(p) ?? []).reduce((a, b) => (rate(b) > rate(a) ? b : a));
  const label: Record<Phase, string> = { adapter: 'adapter (upsertEvents)', real: 'raw insert, real schema', 'four-column': 'raw insert, 4-column floor' };
  const shown = (['adapter', 'real', 'four-column'] as const).filter((p) => PHASES.includes(p));
  for (const p of shown) {
    const r = best(p);
    console.log(
      `${label[p].padEnd(27)} ${Math.round(rate(r)).toLocaleString('en').padStart(8)} docs/s  (${r.insertSeconds.toFixed(2)} s inserting, peak RSS ${r.peakRssMb.toFixed(0)} MB)`,
    );
  }
  if (shown.length < 3) return;
  console.log(`adapter / raw real schema: ${(rate(best('adapter')) / rate(best('real'))).toFixed(2)}`);
  console.log(`raw real schema / 4-column floor: ${(rate(best('real')) / rate(best('four-column'))).toFixed(2)}`);
  const a = best('adapter');
  console.log(`average event document: ${a.avgJsonBytes.toFixed(0)} B as JSON (raw record ${a.avgRawBytes.toFixed(0)} B of it); file ${a.fileBytesPerDoc.toFixed(0)} B/doc`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
