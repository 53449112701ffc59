// What can go wrong under the durable store's writes, and how the engine reacts to each:
// - a disk or I/O fault (SQLITE_FULL, SQLITE_IOERR*, read-only volume...) is transient: the write's
//   transaction rolled back, the engine pauses and retries (write-health.ts);
// - the file deleted or replaced while the host runs is fatal: writes would go to an unlinked
//   inode (lost at the next start) or to somebody else's file, so the host stops loudly.
import { statSync, type Stats } from 'node:fs';
import { LocalHostError } from '../local-host-error';

const TRANSIENT = /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|BUSY|LOCKED|PROTOCOL|NOMEM)/;

/** The SQLite result code of a disk or I/O fault worth waiting out, else undefined. */
export function storeFaultCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT.test(code) ? code : undefined;
}

export class FileIdentity {
  private readonly dev: number;
  private readonly ino: number;

  constructor(private readonly file: string) {
    const s = statSync(file);
    this.dev = s.dev;
    this.ino = s.ino;
  }

  /** Throws DurableStoreReplaced when `file` is gone or is not the file opened. */
  check(operation: string): void {
    let s: Stats | undefined;
    try {
      s = statSync(this.file);
    } catch {
      s = undefined;
    }
    if (s && s.dev === this.dev && s.ino === this.ino) return;
    throw new LocalHostError(
      'DurableStoreReplaced',
      `The durable store ${this.file} was ${s ? 'replaced by another file' : 'deleted'} while the host ran (found at "${operation}"). ` +
        'The host stops rather than write into a file nobody will read. Restore the file from where it went (or start over with an empty one) and start the host again; ' +
        'activities that were running are run again at the next start.',
      500,
    );
  }
}
