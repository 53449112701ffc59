// The adversarial faults of issue 8 over real sockets: redirected listings and blobs (to a second
// origin the simulator runs), blobs that never read (four ways) with a runtime fix, the
// tenant-wide start guard, and ground truth that stays exact with all of them on.
import { gunzipSync } from 'node:zlib';
import { ManagementApiClient, createCredential, isManagementApiError } from '@auditflow/activity-api';
import { CONTENT_TYPES } from '@auditflow/ingestion';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../src/index';
import { parseCliArgs } from '../src/cli-args';
import { api, bearer, errorCode, feedUrl, HOUR } from './helpers';

const CT = 'Audit.Exchange';
let sim: RunningSimulator | undefined;

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(options: SimulatorOptions, subscribe: readonly string[] = [CT]): Promise<{ s: RunningSimulator; token: string }> {
  sim = await startSimulator({ seed: 11, users: 5, days: 2, recordsPerHour: 100, startTime: new Date('2026-03-10T00:00:00Z'), ...options });
  const token = await bearer(sim);
  for (const ct of subscribe) await api(sim, token, `subscriptions/start?contentType=${ct}`, { method: 'POST' });
  return { s: sim, token };
}

const blobUrl = (s: RunningSimulator, contentId: string) => `${s.url}/api/v1.0/${s.tenantId}/activity/feed/audit/${contentId}`;

/** One raw GET that does not follow redirects. */
function rawGet(s: RunningSimulator, token: string, url: string, signal?: AbortSignal): Promise<Response> {
  return fetch(feedUrl(s, url), { headers: { authorization: `Bearer ${token}` }, redirect: 'manual', signal });
}

describe('redirect faults', () => {
  it('redirectBlob: the chosen blob answers 302 to the second origin, which serves one made-up record; fixRedirects() restores it', async () => {
    const { s, token } = await start({ faults: { redirectBlob: { count: 1, contentType: CT } } });
    const [contentId] = s.faultyBlobs().redirected;
    expect(contentId).toBeDefined();
    const answer = await rawGet(s, token, blobUrl(s, contentId!));
    expect(answer.status).toBe(302);
    const location = answer.headers.get('location')!;
    expect(new URL(location).origin).toBe(s.secondOrigin!.url);
    expect(s.secondOrigin!.requests()).toBe(0);
    const forged = (await (await fetch(location)).json()) as { Id: string }[];
    expect(forged).toHaveLength(1);
    const truth = s.groundTruth();
    expect(truth.forgedIds).toEqual(new Set([forged[0]!.Id]));
    expect(truth.ids.has(forged[0]!.Id)).toBe(false);
    expect(truth.unreadableContentIds).toEqual(new Set([contentId]));
    s.fixRedirects();
    const fixed = await api(s, token, blobUrl(s, contentId!));
    expect(fixed.status).toBe(200);
    const ids = (fixed.json as { Id: string }[]).map((r) => r.Id);
    expect(ids.length).toBeGreaterThan(0);
    const after = s.groundTruth();
    for (const id of ids) expect(after.ids.has(id)).toBe(true);
    expect(after.unreadableContentIds.size).toBe(0);
  });

  it('redirectListing: the chosen page answers 302 to the second origin (same query), which answers []', async () => {
    const { s, token } = await start({ pageSize: 5, faults: { redirectListing: { contentType: CT, page: 1 } } });
    const now = s.clock.now().getTime();
    const query = `subscriptions/content?contentType=${CT}&startTime=${new Date(now - 20 * HOUR).toISOString()}&endTime=${new Date(now).toISOString()}`;
    const first = await api(s, token, query);
    expect(first.status).toBe(200); // page 0 is fine
    const next = first.headers.get('NextPageUri')!;
    const second = await rawGet(s, token, next);
    expect(second.status).toBe(302);
    const location = new URL(second.headers.get('location')!);
    expect(location.origin).toBe(s.secondOrigin!.url);
    expect(location.searchParams.get('nextPage')).toBe(new URL(next).searchParams.get('nextPage'));
    expect(await (await fetch(location)).json()).toEqual([]);
    s.fixRedirects();
    expect((await api(s, token, next)).status).toBe(200);
  });
});

describe('unreadable blobs', () => {
  it.each(['not-json', 'gzip-no-header', 'redirect-loop', 'trickle'] as const)('%s, then fixUnreadable() serves the records', async (mode) => {
    const { s, token } = await start({ faults: { unreadableBlobs: { count: 2, contentType: CT, mode, trickleMs: 20 } } });
    const chosen = s.faultyBlobs().unreadable;
    expect(chosen).toHaveLength(2);
    const url = blobUrl(s, chosen[0]!);
    if (mode === 'trickle') {
      const controller = new AbortController();
      const answer = await rawGet(s, token, url, controller.signal);
      expect(answer.status).toBe(200);
      const reader = answer.body!.getReader();
      let bytes = 0;
      const until = Date.now() + 300;
      while (Date.now() < until) bytes += (await reader.read()).value?.byteLength ?? 0;
      controller.abort();
      expect(bytes).toBeGreaterThan(1);
      expect(bytes).toBeLessThan(40); // a byte per 20 ms: still nowhere near a JSON array
    } else {
      const answer = await rawGet(s, token, url);
      if (mode === 'redirect-loop') {
        expect(answer.status).toBe(302);
        expect(decodeURIComponent(new URL(answer.headers.get('location')!).pathname)).toBe(decodeURIComponent(new URL(url).pathname));
      } else {
        const bytes = Buffer.from(await answer.arrayBuffer());
        expect(answer.status).toBe(200);
        expect(() => JSON.parse(bytes.toString('utf8'))).toThrow();
        if (mode === 'gzip-no-header') {
          expect(answer.headers.get('content-encoding')).toBeNull();
          expect(JSON.parse(gunzipSync(bytes).toString('utf8'))).toEqual(expect.arrayContaining([expect.objectContaining({ RecordType: 2 })]));
        }
      }
    }
    const truth = s.groundTruth();
    expect(truth.unreadableContentIds).toEqual(new Set(chosen));
    s.fixUnreadable();
    const fixed = await api(s, token, url);
    expect(fixed.status).toBe(200);
    expect(Array.isArray(fixed.json)).toBe(true);
    expect(s.groundTruth().unreadableContentIds.size).toBe(0);
  });

  it('the choice is a pure function of the seed, and contentIds picks exactly', async () => {
    const { s } = await start({ faults: { unreadableBlobs: { count: 3 } } });
    const first = s.faultyBlobs().unreadable;
    await s.close();
    const { s: again } = await start({ faults: { unreadableBlobs: { count: 3 } } });
    expect(again.faultyBlobs().unreadable).toEqual(first);
    await again.close();
    const { s: exact } = await start({ faults: { unreadableBlobs: { contentIds: [first[1]!] }, redirectBlob: { count: 2 } } });
    expect(exact.faultyBlobs().unreadable).toEqual([first[1]]);
    expect(exact.faultyBlobs().redirected).toHaveLength(2);
    expect(exact.faultyBlobs().redirected).not.toContain(first[1]);
  });
});

describe('ground truth stays exact with the faults on', () => {
  it('the real client collects exactly ids (faulty blobs refused or unreadable), and after the fix exactly the new ids', async () => {
    const { s } = await start(
      { faults: { unreadableBlobs: { count: 2, mode: 'not-json' }, redirectBlob: { count: 2 }, redirectListing: { contentType: 'DLP.All', page: 0 } } },
      CONTENT_TYPES,
    );
    const credential = createCredential({ authMode: 'client-secret', tenantId: s.tenantId, clientId: s.clientId, clientSecret: s.clientSecret, authorityHost: s.authorityHost, authorityCaPem: s.authorityCaPem });
    const client = new ManagementApiClient({ tenantId: s.tenantId, credential, apiBaseUrl: s.url, retry: { maxRetries: 1, baseDelayInMs: 1, maxDelayInMs: 2 } });
    const now = s.clock.now().getTime();
    const collected = new Set<string>();
    const failedBlobs = new Set<string>();
    const listingErrors: string[] = [];
    const blobsSeen: { contentId: string; contentUri: string }[] = [];
    for (const ct of CONTENT_TYPES) {
      for (let startMs = now - 48 * HOUR; startMs < now; startMs += 24 * HOUR) {
        const window = { startTime: new Date(startMs).toISOString(), endTime: new Date(Math.min(startMs + 24 * HOUR, now + 1)).toISOString() };
        try {
          for await (const page of client.listContent(ct, window)) blobsSeen.push(...page);
        } catch (error) {
          if (!isManagementApiError(error)) throw error;
          listingErrors.push(`${ct}:${error.code}`);
        }
      }
    }
    const fetchAll = async (blobs: { contentId: string; contentUri: string }[]) => {
      for (const blob of blobs) {
        try {
          for (const record of await client.fetchContent(blob.contentUri)) collected.add(String(record.Id));
          failedBlobs.delete(blob.contentId);
        } catch (error) {
          if (!isManagementApiError(error)) throw error;
          failedBlobs.add(blob.contentId);
        }
      }
    };
    await fetchAll(blobsSeen);
    expect(new Set(listingErrors)).toEqual(new Set(['DLP.All:UntrustedRedirect']));
    expect(s.secondOrigin!.requests()).toBe(0);
    // DLP.All was not listed, so compare the four other types with their ground truth.
    const others = CONTENT_TYPES.filter((ct) => ct !== 'DLP.All');
    const truthOf = () => {
      const ids = new Set<string>();
      const unreadable = new Set<string>();
      for (const ct of others) {
        const t = s.groundTruth({ contentType: ct, from: new Date(now - 48 * HOUR) });
        t.ids.forEach((id) => ids.add(id));
        t.unreadableContentIds.forEach((id) => unreadable.add(id));
      }
      return { ids, unreadable };
    };
    const before = truthOf();
    expect(collected).toEqual(before.ids);
    expect(failedBlobs).toEqual(before.unreadable);
    for (const id of s.groundTruth().forgedIds) expect(collected.has(id)).toBe(false);

    s.fixUnreadable();
    s.fixRedirects();
    await fetchAll(blobsSeen.filter((b) => failedBlobs.has(b.contentId)));
    expect(failedBlobs.size).toBe(0);
    expect(collected).toEqual(truthOf().ids);
  }, 60_000);
});

describe('tenant-wide start guard', () => {
  it('answers every second start within the guard with 403 code "429" and the hint; a start after the hint succeeds', async () => {
    const { s, token } = await start({ startGuard: 'tenant-wide' }, []);
    const outcomes: string[] = [];
    for (const ct of CONTENT_TYPES) {
      const answer = await api(s, token, `subscriptions/start?contentType=${ct}`, { method: 'POST' });
      outcomes.push(answer.status === 200 ? 'ok' : `${answer.status}:${errorCode(answer.json)}`);
      if (answer.status !== 200) {
        expect((answer.json as { error: { message: string } }).error.message).toBe('Too many frequent subscription start requests. Please retry again after 0m 3s.');
        s.clock.advance(3000);
        const again = await api(s, token, `subscriptions/start?contentType=${ct}`, { method: 'POST' });
        expect(again.status).toBe(200);
        outcomes.push('ok');
      }
    }
    expect(outcomes).toEqual(['ok', '403:429', 'ok', '403:429', 'ok', '403:429', 'ok', '403:429', 'ok']);
  });

  it('the hint is configurable, and the per-content-type guard still applies by default', async () => {
    const { s, token } = await start({ startGuard: 'tenant-wide', startGuardInMs: 5000, startGuardHintMs: 65_000 }, [CT]);
    const refused = await api(s, token, 'subscriptions/start?contentType=Audit.General', { method: 'POST' });
    expect((refused.json as { error: { message: string } }).error.message).toContain('retry again after 1m 5s.');
    await s.close();
    const { s: perType, token: t2 } = await start({}, [CT]);
    expect((await api(perType, t2, 'subscriptions/start?contentType=Audit.General', { method: 'POST' })).status).toBe(200);
  });
});

describe('CLI flags of the adversarial faults', () => {
  it('parses them into the options', () => {
    const cli = parseCliArgs([
      '--redirect-listing', 'Audit.Exchange:2', '--redirect-blob', '1:Audit.SharePoint', '--unreadable-blobs', '3',
      '--unreadable-mode', 'trickle', '--trickle-ms', '50', '--start-guard', 'tenant-wide', '--start-guard-hint-ms', '3000',
    ]);
    expect(cli.simulator.faults).toMatchObject({
      redirectListing: { contentType: 'Audit.Exchange', page: 2 },
      redirectBlob: { count: 1, contentType: 'Audit.SharePoint' },
      unreadableBlobs: { count: 3, mode: 'trickle', trickleMs: 50 },
    });
    expect(cli.simulator).toMatchObject({ startGuard: 'tenant-wide', startGuardHintMs: 3000 });
    expect(() => parseCliArgs(['--unreadable-mode', 'nope', '--unreadable-blobs', '1'])).toThrow(/unreadable-mode/);
    expect(() => parseCliArgs(['--redirect-listing', 'Audit.Nope'])).toThrow(/content type/);
    expect(() => parseCliArgs(['--start-guard', 'global'])).toThrow(/start-guard/);
  });
});
