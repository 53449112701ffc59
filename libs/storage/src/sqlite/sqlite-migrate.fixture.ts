// Run as a child process by sqlite-migration.test.ts: starts the real v1 -> v2 migration on
// <db path> with a tiny page cache (so uncommitted pages spill into the WAL file, as they do on a
// large store), prints "copying <rows>" after the second chunk (of three) and then hangs until killed.
import Database from 'better-sqlite3';
import { ensureSchema } from './sqlite-schema';

const path = process.argv[2];
if (path === undefined) throw new Error('usage: sqlite-migrate.fixture.ts <db>');
const db = new Database(path);
db.pragma('journal_mode = WAL');
db.pragma('cache_size = 16');
let chunks = 0;
ensureSchema(db, path, {
  afterChunk: (copied) => {
    if (++chunks < 2) return;
    process.stdout.write(`copying ${copied}\n`);
    // Block the thread inside the open transaction: the parent SIGKILLs us here.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  },
});
process.stdout.write('migrated without being killed\n');
