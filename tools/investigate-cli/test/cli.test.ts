// The CLI on a real SQLite store laid out like the one `npm start` fills (tmp/demo/auditflow.db),
// in-process for the commands and once as a child process through the root `investigate` script.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { normalizeBlob } from '@auditflow/ingestion';
import { openSqliteStore } from '@auditflow/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/run-cli';

const TENANT = '4f7d1c2e-0a3b-4c5d-8e9f-1a2b3c4d5e6f';
const NOW = new Date('2026-11-25T12:00:00.000Z');
const repoRoot = resolve(__dirname, '../../..');
let root: string;

async function cli(args: string[], env: NodeJS.ProcessEnv = {}, cwd = root) {
  let out = '';
  let err = '';
  const code = await runCli(args, { env, cwd, repoRoot: root, out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), now: () => NOW });
  return { code, out, err };
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'investigate-cli-'));
  mkdirSync(join(root, 'tmp', 'demo'), { recursive: true });
  const store = openSqliteStore({ path: join(root, 'tmp', 'demo', 'auditflow.db') });
  const records = Array.from({ length: 6 }, (_, i) => ({
    Id: `e${i}`,
    CreationTime: `2026-11-25T08:0${i}:00`,
    Operation: i < 5 ? 'FileDownloaded' : 'UserLoggedIn',
    OrganizationId: TENANT,
    RecordType: 6,
    UserKey: 'k',
    UserType: 0,
    Workload: 'SharePoint',
    ClientIP: '203.0.113.7',
    ObjectId: `https://contoso.sharepoint.com/sites/x/f${i}.docx`,
    UserId: 'alice@contoso.com',
  }));
  const { documents } = normalizeBlob(records, { tenantId: TENANT, contentType: 'Audit.SharePoint', contentId: 'b1', retentionDays: 90 });
  await store.events.upsertEvents(documents);
  await store.checkpoints.putWatermark({ tenantId: TENANT, contentType: 'Audit.SharePoint', value: '2026-11-25T11:00:00.000Z', updatedAt: NOW.toISOString() }, null);
  await store.investigation.putFindings(
    [
      {
        id: 'f-mass',
        tenantId: TENANT,
        indicator: 'mass-download',
        title: 'Mass download',
        severity: 'high',
        entities: [{ kind: 'user', id: 'user:alice@contoso.com' }],
        start: '2026-11-25T08:00:00.000Z',
        end: '2026-11-25T08:04:00.000Z',
        evidenceIds: ['e0', 'e1'],
        evidenceTotal: 5,
        source: 'elastic',
        details: {},
      },
    ],
    NOW.toISOString(),
  );
  await store.close();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('npm run investigate', () => {
  it('findings with no flags reads the store npm start filled, in a readable table', async () => {
    const { code, out } = await cli(['findings']);
    expect(code).toBe(0);
    expect(out).toMatch(/HIGH\s+mass-download\s+2026-11-25 08:00Z \.\. 2026-11-25 08:04Z\s+user:alice@contoso.com\s+5 events/);
    expect(out).toContain('npm run investigate -- graph --center user:alice@contoso.com');
  });

  it('--json gives a JSON list of findings, each naming its indicator', async () => {
    const { code, out } = await cli(['findings', '--json']);
    expect(code).toBe(0);
    const list = JSON.parse(out) as { indicator: string }[];
    expect(Array.isArray(list)).toBe(true);
    expect(list.map((f) => f.indicator)).toEqual(['mass-download']);
  });

  it('graph, entity and health print what the store holds', async () => {
    const graph = await cli(['graph', '--center', 'user:alice@contoso.com', '--hops', '1']);
    expect(graph.code).toBe(0);
    expect(graph.out).toMatch(/nodes \(.*1 user.*1 ip/);
    expect(graph.out).toMatch(/5\s+user:alice@contoso.com\s+performed/);
    const entity = await cli(['entity', 'user', 'alice@contoso.com', '--limit', '2']);
    expect(entity.code).toBe(0);
    expect(entity.out).toContain('6 events');
    expect(entity.out).toContain('more: --continuation-token');
    const health = await cli(['health']);
    expect(health.out).toMatch(/Audit.SharePoint\s+ok\s+2026-11-25 08:05Z\s+1.0 h/);
  });

  it('export writes a GraphML file (or CSV for Power BI) of the graph, with a watch list', async () => {
    const out = join(root, 'alice.graphml');
    const graphml = await cli(['export', '--center', 'user:alice@contoso.com', '--format', 'graphml', '--out', out]);
    expect(graphml.code, graphml.err).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^<\?xml/);
    expect(text).toContain('<graphml');
    expect(text).toContain('user:alice@contoso.com');
    const edges = await cli(['export', '--center', 'user:alice@contoso.com', '--format', 'csv', '--file', 'edges']);
    expect(edges.code, edges.err).toBe(0);
    expect(edges.out.split('\n')[0]).toMatch(/source/i);
    const list = join(root, 'watch.csv');
    writeFileSync(list, 'account\nnobody@contoso.com\n');
    const watched = await cli(['export', '--center', 'user:alice@contoso.com', '--format', 'json', '--watch-list', list]);
    expect(watched.code, watched.err).toBe(0);
    expect(JSON.parse(watched.out).nodes.length).toBeLessThan(JSON.parse((await cli(['export', '--center', 'user:alice@contoso.com', '--format', 'json'])).out).nodes.length);
  });

  it('names every bad option and exits 2', async () => {
    const { code, err } = await cli(['graph', '--center', 'alice', '--hops', '7', '--colour', 'red']);
    expect(code).toBe(2);
    expect(err).toContain('--center');
    expect(err).toContain('--hops');
    expect(err).toContain('--colour: unknown parameter');
  });

  it('says to run npm start when there is no store', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'investigate-cli-empty-'));
    try {
      let err = '';
      const code = await runCli(['findings'], { env: {}, cwd: empty, repoRoot: empty, out: () => undefined, err: (t) => (err += t) });
      expect(code).toBe(1);
      expect(err).toMatch(/no store at .*tmp\/demo\/auditflow\.db: run `npm start` first/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('uses the app settings when AUDITFLOW_* name the store', async () => {
    const { code, out } = await cli(['findings', '--json'], { AUDITFLOW_TENANT_ID: TENANT, AUDITFLOW_STORE: 'sqlite', AUDITFLOW_SQLITE_PATH: join(root, 'tmp', 'demo', 'auditflow.db') }, tmpdir());
    expect(code).toBe(0);
    expect(JSON.parse(out)).toHaveLength(1);
    const other = await cli(['findings', '--json'], { AUDITFLOW_TENANT_ID: '00000000-1111-2222-3333-444444444444', AUDITFLOW_SQLITE_PATH: join(root, 'tmp', 'demo', 'auditflow.db') });
    expect(JSON.parse(other.out)).toEqual([]);
  });

  it('runs as the root script in a child process', async () => {
    const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
    const { stdout } = await promisify(execFile)(tsx, ['--tsconfig', join(repoRoot, 'tsconfig.base.json'), join(repoRoot, 'tools/investigate-cli/src/main.ts'), 'findings', '--json', '--sqlite', join(root, 'tmp', 'demo', 'auditflow.db')], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '' },
    });
    expect((JSON.parse(stdout) as { indicator: string }[])[0]?.indicator).toBe('mass-download');
  }, 60_000);
});
