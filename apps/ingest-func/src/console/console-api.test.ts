// The console API's routing, auth-first rule and orchestration views with a fake durable client;
// the export of a posted view through the investigation library's exporters.
import { loadConfig } from '@auditflow/config';
import { describe, expect, it } from 'vitest';
import { silentLog } from '../../test/temp-store';
import { handleConsoleApi, type ConsoleApiDeps, type ConsoleApiRequest } from './console-api';
import { ConsoleAuth } from './console-auth';
import type { ConsoleClient } from './orchestration-views';

const TENANT = '4f7d1c2e-0a3b-4c5d-8e9f-1a2b3c4d5e6f';
const NOW = new Date('2026-12-01T10:00:00Z');
const BASE = 'http://127.0.0.1:7071';
const config = loadConfig({ AUDITFLOW_TENANT_ID: TENANT });

function status(instanceId: string, runtimeStatus: string, createdTime: string) {
  return { instanceId, name: instanceId.startsWith('rerun') ? 'rerunOrchestrator' : 'collectOrchestrator', runtimeStatus, createdTime: new Date(createdTime), lastUpdatedTime: new Date(createdTime), customStatus: null, output: null, input: null };
}

function fakeClient() {
  const calls: string[] = [];
  const instances = [status(`collect-${TENANT}`, 'Running', '2026-12-01T09:00:00Z'), status(`collect-${TENANT}:Audit.Exchange`, 'Running', '2026-12-01T09:00:01Z'), status('rerun-x', 'Completed', '2026-11-30T09:00:00Z')];
  const client = {
    getStatusBy: async (filter: { runtimeStatus?: string[] }) => {
      calls.push(`getStatusBy ${JSON.stringify(filter)}`);
      return instances.filter((i) => !filter.runtimeStatus || filter.runtimeStatus.includes(i.runtimeStatus));
    },
    getStatus: async (id: string) => {
      const found = instances.find((i) => i.instanceId === id);
      if (!found) throw new Error('DurableClient error: Durable Functions extension replied with HTTP 404 response.');
      return found;
    },
    terminate: async (id: string) => void calls.push(`terminate ${id}`),
    startNew: async (name: string, options: { instanceId: string }) => {
      calls.push(`startNew ${name} ${options.instanceId}`);
      return options.instanceId;
    },
    createCheckStatusResponse: () => ({ status: 202, jsonBody: { statusQueryGetUri: `${BASE}/runtime/webhooks/durabletask/instances/x?code=SYSTEMKEY` } }),
    createHttpManagementPayload: () => ({ statusQueryGetUri: `${BASE}/runtime/webhooks/durabletask/instances/x?code=SYSTEMKEY` }),
  } as unknown as ConsoleClient;
  return { client, calls };
}

function setup() {
  const auth = new ConsoleAuth('session');
  const cookie = auth.issueCookie({ method: 'POST', url: BASE, headers: { get: () => null } }, NOW).split(';')[0]!;
  const { client, calls } = fakeClient();
  const deps: ConsoleApiDeps = { auth, client, config: () => config, store: async () => { throw new Error('no store in this test'); }, log: silentLog, now: () => NOW };
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const all: Record<string, string> = { host: '127.0.0.1:7071', cookie, ...(method === 'GET' ? {} : { origin: BASE }), ...headers };
    const request: ConsoleApiRequest = { method, url: `${BASE}/console/api/${path}`, headers: { get: (n: string) => all[n.toLowerCase()] ?? null }, text: async () => (body === undefined ? '' : JSON.stringify(body)) };
    return handleConsoleApi(request, path.split('?')[0]!, deps);
  };
  return { call, calls };
}

describe('console API', () => {
  it('checks the caller before anything else', async () => {
    const { call, calls } = setup();
    expect((await call('GET', 'instances', undefined, { cookie: '' })).status).toBe(401);
    expect((await call('POST', 'rerun', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect(calls).toEqual([]);
  });

  it('lists instances newest first with status and sub-orchestration filters, and refuses bad filters naming each', async () => {
    const { call } = setup();
    const all = (await call('GET', 'instances')).jsonBody as { instances: { instanceId: string }[] };
    expect(all.instances.map((i) => i.instanceId)).toEqual([`collect-${TENANT}:Audit.Exchange`, `collect-${TENANT}`, 'rerun-x']);
    const top = (await call('GET', 'instances?topLevel=true&status=Running')).jsonBody as { instances: { instanceId: string }[] };
    expect(top.instances.map((i) => i.instanceId)).toEqual([`collect-${TENANT}`]);
    const badOne = await call('GET', 'instances?status=Bogus&from=yesterday');
    expect(badOne.status).toBe(400);
    expect((badOne.jsonBody as { problems: unknown[] }).problems).toHaveLength(2);
  });

  it('terminates only a running instance', async () => {
    const { call, calls } = setup();
    expect((await call('POST', 'instances/rerun-x/terminate', {})).status).toBe(409);
    expect((await call('POST', 'instances/nope/terminate', {})).status).toBe(404);
    expect((await call('POST', `instances/collect-${TENANT}/terminate`, { reason: 'stuck' })).status).toBe(202);
    expect(calls).toContain(`terminate collect-${TENANT}`);
  });

  it('starts a rerun and answers its id only: no management URL, no key', async () => {
    const { call, calls } = setup();
    const response = await call('POST', 'rerun', { contentTypes: ['Audit.Exchange'], start: '2026-11-30T00:00:00Z', end: '2026-11-30T06:00:00Z' });
    expect(response.status).toBe(202);
    expect(JSON.stringify(response.jsonBody)).not.toMatch(/code=|SYSTEMKEY|webhooks/);
    expect(calls.some((c) => c.startsWith('startNew rerunOrchestrator rerun-'))).toBe(true);
    expect((await call('POST', 'rerun', { start: 'nope' })).status).toBe(400);
  });

  it('exports a posted view in each format, and refuses a malformed one naming the problems', async () => {
    const { call } = setup();
    const node = (id: string) => ({ id, kind: id.split(':')[0], label: id.split(':')[1], count: 2, firstSeen: '2026-11-30T00:00:00Z', lastSeen: '2026-11-30T01:00:00Z' });
    const graph = {
      nodes: [node('user:a@contoso.com'), node('ip:203.0.113.7')],
      edges: [{ id: 'from-ip|user:a@contoso.com|ip:203.0.113.7|', source: 'user:a@contoso.com', target: 'ip:203.0.113.7', kind: 'from-ip', count: 2, firstSeen: '2026-11-30T00:00:00Z', lastSeen: '2026-11-30T01:00:00Z', evidence: { ids: ['e1', 'e2'], total: 2 } }],
      truncated: { nodes: 0, edges: 0 },
    };
    for (const [format, file, type, name] of [['graphml', undefined, 'graphml', 'graph.graphml'], ['gexf', undefined, 'gexf', 'graph.gexf'], ['csv', 'nodes', 'csv', 'nodes.csv'], ['csv', 'edges', 'csv', 'edges.csv']] as const) {
      const r = await call('POST', 'export', { format, ...(file ? { file } : {}), graph });
      expect(r.status).toBe(200);
      expect((r.headers as Record<string, string>)['Content-Type']).toContain(type);
      expect((r.headers as Record<string, string>)['Content-Disposition']).toBe(`attachment; filename="${name}"`);
      expect(String(r.body)).toContain('203.0.113.7');
    }
    const refused = await call('POST', 'export', { format: 'pdf', graph: { nodes: [{ id: 1 }], edges: [] } });
    expect(refused.status).toBe(400);
    expect((refused.jsonBody as { problems: unknown[] }).problems).toHaveLength(2);
  });

  it('turns a watch-list CSV into node ids', async () => {
    const { call } = setup();
    const r = await call('POST', 'watch-list', { csv: 'UserId\nadmin@contoso.com\n203.0.113.7\n' });
    expect(r.jsonBody).toEqual({ ids: ['user:admin@contoso.com', 'ip:203.0.113.7'] });
    expect((await call('POST', 'watch-list', { csv: '' })).status).toBe(400);
  });

  it('answers 404 naming the unknown route', async () => {
    const { call } = setup();
    const r = await call('GET', 'nothing/here');
    expect(r.status).toBe(404);
    expect(JSON.stringify(r.jsonBody)).toContain('/console/api/nothing/here');
  });
});
