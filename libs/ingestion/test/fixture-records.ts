// Loads every audit record of the shared fixtures (../shared/fixtures/records beside the repo):
// elastic-beats *.log (JSON lines), elastic-integrations *.json ({events: [{event.original |
// o365audit}]}) and panther *.yml (the Log of each rule test). js-yaml is already in the tree
// (through eslint); it is loaded with createRequire because it ships no types.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../../..');
export const recordsDir = resolve(repoRoot, '../shared/fixtures/records');

export interface FixtureRecord {
  /** "folder/file#n" */
  readonly source: string;
  readonly record: unknown;
}

interface JsYaml {
  load(text: string, options: { schema: unknown }): unknown;
  CORE_SCHEMA: unknown;
}

export function fixtureFile(folder: string, file: string): string {
  return readFileSync(join(recordsDir, folder, file), 'utf8');
}

export function beatsRecords(file: string): unknown[] {
  return fixtureFile('elastic-beats', file)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

export function loadFixtureRecords(): FixtureRecord[] {
  if (!existsSync(recordsDir)) throw new Error(`fixtures not found at ${recordsDir}: clone shared/ beside the repo`);
  const out: FixtureRecord[] = [];
  for (const file of list('elastic-beats', '.log')) {
    beatsRecords(file).forEach((record, i) => out.push({ source: `elastic-beats/${file}#${i}`, record }));
  }
  for (const file of list('elastic-integrations', '.json')) {
    const doc = JSON.parse(fixtureFile('elastic-integrations', file)) as {
      events: { event?: { original?: string }; o365audit?: unknown }[];
    };
    doc.events.forEach((e, i) => {
      // event.original is the record as the API sent it; o365audit is Elastic's parsed copy.
      const record = e.event?.original !== undefined ? (JSON.parse(e.event.original) as unknown) : e.o365audit;
      out.push({ source: `elastic-integrations/${file}#${i}`, record });
    });
  }
  const yaml = createRequire(__filename)('js-yaml') as JsYaml;
  for (const file of list('panther', '.yml')) {
    // CORE_SCHEMA: no YAML timestamps, so a time stays the string the author wrote.
    const doc = yaml.load(fixtureFile('panther', file), { schema: yaml.CORE_SCHEMA }) as { Tests?: { Log: unknown }[] };
    (doc.Tests ?? []).forEach((t, i) => out.push({ source: `panther/${file}#${i}`, record: t.Log }));
  }
  return out;
}

function list(folder: string, ext: string): string[] {
  return readdirSync(join(recordsDir, folder))
    .filter((f) => f.endsWith(ext))
    .sort();
}
