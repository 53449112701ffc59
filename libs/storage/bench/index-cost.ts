// What each secondary index of `events` costs a write, in a figure the machine's load cannot
// blur: WAL frames (4 KiB pages written) per document, inserting the same documents through the
// adapter (calls of --batch) with auto-checkpoint off, so every page a commit writes stays
// counted in the log. Also the file size per document. One row per variant: all indexes, then
// each index dropped alone.
// Usage: npx tsx bench/index-cost.ts [--docs 30000 --batch 500]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../src/sqlite/open-sqlite-store';
import { DocumentFactory } from './document-factory';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i] ?? '', process.argv[i + 1] ?? '');
const DOCS = Number(args.get('--docs') ?? 30_000);
const BATCH = Number(args.get('--batch') ?? 500);

async function framesPerDoc(drop: string | undefined, factory: DocumentFactory): Promise<{ frames: number; fileBytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'auditflow-index-cost-'));
  const path = join(dir, 'cost.db');
  const store = openSqliteStore({ path, walAutocheckpointPages: 0 });
  if (drop !== undefined) {
    const db = new Database(path);
    db.exec(`DROP INDEX ${drop}`);
    db.close();
  }
  for (let start = 0; start < DOCS; start += BATCH) await store.events.upsertEvents(factory.batch(start, Math.min(BATCH, DOCS - start)));
  const { walFrames } = (await store.checkpointWal?.()) ?? { walFrames: 0 };
  const fileBytes = statSync(path).size;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return { frames: walFrames / DOCS, fileBytes: fileBytes / DOCS };
}

async function main(): Promise<void> {
  const factory = new DocumentFactory();
  const tmp = mkdtempSync(join(tmpdir(), 'auditflow-index-list-'));
  const listing = openSqliteStore({ path: join(tmp, 'list.db') });
  await listing.close();
  const db = new Database(join(tmp, 'list.db'), { readonly: true });
  const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  db.close();
  rmSync(tmp, { recursive: true, force: true });
  console.log(`events index cost: ${DOCS.toLocaleString('en')} documents, adapter calls of ${BATCH}, WAL frames (4 KiB pages written) per document`);
  const all = await framesPerDoc(undefined, factory);
  console.log(`${'all indexes'.padEnd(28)} ${all.frames.toFixed(2).padStart(6)} frames/doc  file ${all.fileBytes.toFixed(0)} B/doc`);
  for (const index of indexes) {
    const r = await framesPerDoc(index, factory);
    console.log(
      `${`without ${index}`.padEnd(28)} ${r.frames.toFixed(2).padStart(6)} frames/doc  file ${r.fileBytes.toFixed(0)} B/doc  ` +
        `(the index costs ${(all.frames - r.frames).toFixed(2)} frames, ${(all.fileBytes - r.fileBytes).toFixed(0)} B per document)`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
