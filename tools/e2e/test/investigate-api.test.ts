// Issue 11 through the local host over real sockets: the simulator seeds its attack stories, the
// unmodified app collects them and computes findings as the cycle ends, and the investigation API
// serves them with the function key: every story's expected finding is listed by GET /api/findings
// with its entities, and the graph, entity, health and export routes answer on the same store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '@auditflow/o365-simulator';
import { appSettings, getInstance, startHostProcess, tempDir, waitFor, type HostProcess } from './harness';

interface FindingBody {
  readonly id: string;
  readonly indicator: string;
  readonly entities: readonly { kind: string; id: string }[];
  readonly evidenceIds: readonly string[];
  readonly evidenceTotal: number;
}

describe('the investigation API through the local host', () => {
  let sim: RunningSimulator;
  let host: HostProcess;
  const api = (path: string, init: RequestInit = {}) => fetch(`${host.url}${path}`, { ...init, headers: { 'x-functions-key': host.functionKey, ...(init.headers ?? {}) } });

  beforeAll(async () => {
    sim = await startSimulator({ seed: 11, users: 20, days: 3, recordsPerHour: 60, stories: true });
    const dir = tempDir('investigate');
    host = await startHostProcess({ dir, settings: appSettings(sim, dir) });
    await waitFor('the first cycle and its analysis', host, async () => {
      const status = await getInstance(host, `collect-${sim.tenantId}`);
      if (status?.runtimeStatus === 'Failed') throw new Error(`cycle failed: ${JSON.stringify(status.output)}\n${host.output().slice(-4000)}`);
      return status?.runtimeStatus === 'Completed' ? status : undefined;
    });
  }, 300_000);

  afterAll(async () => {
    await host?.kill();
    await sim?.close();
  });

  async function allFindings(): Promise<FindingBody[]> {
    const out: FindingBody[] = [];
    let token: string | undefined;
    do {
      const response = await api(`/api/findings?from=2000-01-01T00:00:00Z&limit=1000${token ? `&continuationToken=${encodeURIComponent(token)}` : ''}`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { findings: FindingBody[]; continuationToken?: string };
      out.push(...body.findings);
      token = body.continuationToken;
    } while (token);
    return out;
  }

  it('lists every seeded story\'s finding that needs no geolocation, on its entities', async () => {
    const findings = await allFindings();
    const expected = sim
      .storyGroundTruth()
      // every one, "new country" included: the demo's settings give the app the simulator's geography
      .flatMap((s) => s.findings.map((f) => ({ story: s.story, ...f })));
    expect(expected.length).toBeGreaterThan(0);
    const missed = expected.filter(
      (e) => !findings.some((f) => f.indicator === e.indicator && e.entities.every((id) => f.entities.some((x) => x.id === id))),
    );
    expect(missed.map((m) => `${m.story}: ${m.indicator} on ${m.entities.join(', ')}`)).toEqual([]);
  });

  it('serves the graph, an entity, health and an export, and names bad parameters', async () => {
    const [story] = sim.storyGroundTruth();
    const center = story?.findings[0]?.entities.find((e) => e.startsWith('user:')) ?? story?.findings[0]?.entities[0];
    expect(center).toBeDefined();
    const range = `from=${encodeURIComponent(new Date(Date.parse(story!.start) - 86_400_000).toISOString())}&to=${encodeURIComponent(new Date(Date.parse(story!.end) + 86_400_000).toISOString())}`;
    const graph = (await (await api(`/api/graph?center=${encodeURIComponent(center!)}&hops=2&${range}`)).json()) as { nodes: { id: string }[] };
    expect(graph.nodes.map((n) => n.id)).toContain(center);
    const [kind, ...key] = center!.split(':');
    const entity = await api(`/api/entities/${kind}/${encodeURIComponent(key.join(':'))}?${range}&limit=5`);
    expect(entity.status).toBe(200);
    expect(((await entity.json()) as { events: unknown[] }).events.length).toBeGreaterThan(0);
    const health = (await (await api('/api/health')).json()) as { contentTypes: { contentType: string; watermark: string | null }[] };
    expect(health.contentTypes.every((c) => c.watermark !== null)).toBe(true);
    // The same health per content type in GET /api/status (issue 11 section 3), over the socket.
    const status = (await (await api('/api/status?behindHours=2')).json()) as {
      health: { behindHours: number; verdict: string };
      contentTypes: { contentType: string; health: { newestEventTime: string | null; watermarkLagInSeconds: number | null; blobs: Record<string, number>; verdict: string } | null }[];
    };
    expect(status.health.behindHours).toBe(2);
    expect(status.contentTypes.length).toBe(health.contentTypes.length);
    for (const c of status.contentTypes) {
      expect(c.health?.watermarkLagInSeconds, c.contentType).not.toBeNull();
      expect(c.health?.blobs['stored'], c.contentType).toBeGreaterThan(0);
    }
    expect(status.contentTypes.some((c) => c.health?.newestEventTime !== null)).toBe(true);
    expect((await api('/api/status?behindHours=0')).status).toBe(400);
    const gexf = await api(`/api/export?format=gexf&center=${encodeURIComponent(center!)}&${range}`);
    expect(gexf.headers.get('content-type')).toContain('gexf');
    expect(await gexf.text()).toContain('<gexf');
    const bad = await api('/api/graph?center=nobody&hops=7&colour=red');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { problems: { parameter: string }[] }).problems.map((p) => p.parameter).sort()).toEqual(['center', 'colour', 'hops']);
    expect((await fetch(`${host.url}/api/findings`)).status).toBe(401);
  });
});
