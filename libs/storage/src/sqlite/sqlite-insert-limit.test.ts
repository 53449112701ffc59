// The benchmark limit writes what the store would (same rows, de-duplicated by (tenant, id)) and
// cleans up after itself.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testEventDocument } from '../testing';
import { measureSqliteInsertLimit, startSqliteInsertLimit } from './sqlite-insert-limit';

const dir = mkdtempSync(join(tmpdir(), 'auditflow-limit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const docs = Array.from({ length: 2_500 }, (_, i) => testEventDocument({ id: `l-${i % 2_000}`, time: '2026-11-09T00:00:00.000Z' }));

describe('SQLite insert limit', () => {
  it('inserts into the real schema in large transactions, counts rows once per (tenant, id), deletes its file', () => {
    const limit = startSqliteInsertLimit({ dir, transactionDocs: 1_000 });
    limit.add(docs.slice(0, 1_200));
    limit.add(docs.slice(1_200));
    const result = limit.finish();
    expect(result).toMatchObject({ schema: 'real', docs: 2_000 });
    expect(result.seconds).toBeGreaterThan(0);
    expect(result.docsPerSecond).toBeCloseTo(2_000 / result.seconds);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('measures the 4-column floor the same way, in its own temp folder', () => {
    const result = measureSqliteInsertLimit(docs, { schema: 'four-column' });
    expect(result).toMatchObject({ schema: 'four-column', docs: 2_000 });
    expect(existsSync(dir)).toBe(true);
  });
});
