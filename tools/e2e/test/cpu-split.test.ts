// The benchmark's CPU split: a profile of a bundle with a source map is attributed to source files.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bucketOf, cpuSplit } from '../bench/cpu-split';

describe('bucketOf', () => {
  it.each([
    ['/r/libs/activity-api/src/body-reader.ts', 'fetch+parse'],
    ['/r/libs/ingestion/src/normalize-record.ts', 'normalize'],
    ['/r/libs/storage/src/sqlite/sqlite-event-store.ts', 'write'],
    ['/r/node_modules/better-sqlite3/lib/methods/transaction.js', 'write'],
    ['/r/tools/local-host/src/engine/engine.ts', 'engine'],
    ['/r/node_modules/durable-functions/lib/src/x.js', 'engine'],
    ['/r/apps/ingest-func/src/activities/store-content.ts', 'other'],
  ])('%s -> %s', (source, bucket) => {
    expect(bucketOf(source, 'f')).toBe(bucket);
  });
  it('knows the V8 pseudo-frames', () => {
    expect(bucketOf('', '(garbage collector)')).toBe('gc');
    expect(bucketOf('', '(idle)')).toBe('idle');
  });
});

describe('cpuSplit', () => {
  it('maps bundle positions through the source map and sums self time per bucket', () => {
    const dir = mkdtempSync(join(tmpdir(), 'auditflow-cpu-'));
    const bundle = join(dir, 'main.js');
    writeFileSync(bundle, 'a();\nb();\n');
    // line 1 -> libs/ingestion/x.ts, line 2 -> libs/storage/y.ts
    writeFileSync(`${bundle}.map`, JSON.stringify({ version: 3, sources: ['../libs/ingestion/x.ts', '../libs/storage/y.ts'], names: [], mappings: 'AAAA;ACAA' }));
    const url = pathToFileURL(bundle).href;
    const frame = (id: number, functionName: string, lineNumber: number) => ({ id, callFrame: { functionName, url, lineNumber, columnNumber: 0 } });
    writeFileSync(
      join(dir, 'x.cpuprofile'),
      JSON.stringify({
        nodes: [frame(1, 'a', 0), frame(2, 'b', 1), { id: 3, callFrame: { functionName: '(idle)', url: '', lineNumber: -1, columnNumber: -1 } }],
        samples: [1, 2, 2, 3],
        timeDeltas: [1000, 2000, 3000, 5000],
      }),
    );
    const { totals: split } = cpuSplit(dir);
    expect(split.normalize).toBe(1);
    expect(split.write).toBe(5);
    expect(split.idle).toBe(5);
  });
});

describe('bucketOf startup', () => {
  it('counts module loading as startup', () => {
    expect(bucketOf('node:internal/modules/cjs/loader', 'Module._load')).toBe('startup');
  });
});
