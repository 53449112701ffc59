// Run as a child process by sqlite-store.test.ts: another process writing to the same file while
// the test reads and writes. argv: <db path> <batches> <batch size>. Prints "done <written>".
import { testEventDocument } from '../testing/test-documents';
import { openSqliteStore } from './open-sqlite-store';

async function main(): Promise<void> {
  const [path, batches, size] = process.argv.slice(2);
  if (path === undefined) throw new Error('usage: sqlite-writer.fixture.ts <db> <batches> <size>');
  const store = openSqliteStore({ path, busyTimeoutInMs: 10_000 });
  let written = 0;
  for (let b = 0; b < Number(batches); b++) {
    const docs = Array.from({ length: Number(size) }, (_, i) =>
      testEventDocument({ id: `child-${b}-${i}`, time: new Date(Date.UTC(2026, 10, 1 + (i % 20))).toISOString(), contentId: `child-blob-${b}` }),
    );
    written += (await store.events.upsertEvents(docs)).written;
    await new Promise((resolve) => setImmediate(resolve));
  }
  await store.close();
  process.stdout.write(`done ${written}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
