// Which file a connection opened, by device and inode. A SQLite connection keeps writing into the
// file it opened even after that path was deleted or replaced (restored from a backup, swapped by
// an operator, a fresh empty store put in its place): those writes go to an unlinked inode and
// vanish at close. Comparing the path's identity with the opened one at each write catches it.
import { statSync } from 'node:fs';
import { StorageError } from '../storage-error';

export class FileIdentity {
  private constructor(
    private readonly path: string,
    private readonly dev: number,
    private readonly ino: number,
  ) {}

  /** The identity of `path` now (call right after opening it). */
  static of(path: string): FileIdentity {
    const stat = statSync(path);
    return new FileIdentity(path, stat.dev, stat.ino);
  }

  /** StorageError StoreReplaced when `path` no longer names the opened file; undefined while it does. */
  problem(what: string): StorageError | undefined {
    const now = statSync(this.path, { throwIfNoEntry: false });
    if (now !== undefined && now.dev === this.dev && now.ino === this.ino) return undefined;
    const happened = now === undefined ? 'was deleted' : 'was replaced by another file';
    return new StorageError(
      'StoreReplaced',
      409,
      `The SQLite store ${this.path} ${happened} while this process had it open, so refusing to ${what}: the ` +
        'write would land in the old, unlinked file and be lost. Stop this process; then either restore the ' +
        'original file to that path, or, to start over on purpose with the file now there, restart the process ' +
        '(it opens the file anew).',
    );
  }
}
