import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockDataDirectory } from '@auditflow/local-host';
import { DEMO_MARKER, prepareDataDir } from './data-dir';

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'auditflow-demo-dir-'));
}

describe('prepareDataDir', () => {
  it('never deletes anything for a real tenant', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'auditflow.db'), 'real events');
    writeFileSync(join(dir, 'durable.db'), 'real history');
    prepareDataDir({ dataDir: dir, real: true, serve: false });
    expect(readFileSync(join(dir, 'auditflow.db'), 'utf8')).toBe('real events');
    expect(readFileSync(join(dir, 'durable.db'), 'utf8')).toBe('real history');
  });

  it('empties the simulated demo its own scratch store, and marks it as such', () => {
    const dir = join(scratch(), 'demo');
    prepareDataDir({ dataDir: dir, real: false, serve: false });
    expect(existsSync(join(dir, DEMO_MARKER))).toBe(true);
    writeFileSync(join(dir, 'auditflow.db'), 'old demo events');
    prepareDataDir({ dataDir: dir, real: false, serve: false });
    expect(existsSync(join(dir, 'auditflow.db'))).toBe(false);
    expect(existsSync(join(dir, DEMO_MARKER))).toBe(true);
  });

  it('refuses to empty a directory that is not a demo scratch store (a real store, say)', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'auditflow.db'), 'real events');
    expect(() => prepareDataDir({ dataDir: dir, real: false, serve: false })).toThrow(/not a demo scratch directory.*--data-dir/s);
    expect(readFileSync(join(dir, 'auditflow.db'), 'utf8')).toBe('real events');
  });

  it('keeps the demo store with --serve', () => {
    const dir = scratch();
    prepareDataDir({ dataDir: dir, real: false, serve: false });
    writeFileSync(join(dir, 'auditflow.db'), 'demo events');
    prepareDataDir({ dataDir: dir, real: false, serve: true });
    expect(readFileSync(join(dir, 'auditflow.db'), 'utf8')).toBe('demo events');
  });

  it('a real run refuses the demo scratch directory, so the demo never empties a real store later', () => {
    const dir = scratch();
    prepareDataDir({ dataDir: dir, real: false, serve: false });
    mkdirSync(join(dir, 'x'), { recursive: true });
    expect(() => prepareDataDir({ dataDir: dir, real: true, serve: false })).toThrow(/demo scratch directory.*--data-dir/s);
  });
});

describe('prepareDataDir while a host runs there', () => {
  it('refuses to empty the directory of a running host (another npm start), and leaves it whole', () => {
    const dir = scratch();
    prepareDataDir({ dataDir: dir, real: false, serve: false });
    writeFileSync(join(dir, 'durable.db'), 'the running host history');
    const held = lockDataDirectory(dir);
    try {
      expect(() => prepareDataDir({ dataDir: dir, real: false, serve: false })).toThrow(/another local host.*running/i);
      expect(readFileSync(join(dir, 'durable.db'), 'utf8')).toBe('the running host history');
    } finally {
      held.release();
    }
    prepareDataDir({ dataDir: dir, real: false, serve: false });
    expect(existsSync(join(dir, 'durable.db'))).toBe(false);
  });
});
