// The console in a real browser against the real app: the simulated tenant collected once by the
// built Functions app in the local host, then every page checked in Debian's chromium.
import { readFileSync } from 'node:fs';
import { CONTENT_TYPES } from '@auditflow/ingestion';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_KEY, newPage, screenshot, signIn, startBed, waitFor, type Bed } from './harness';
import { becStory, clickNodeOnCanvas, listedNodes } from './investigate-page';

describe('the console in chromium', () => {
  let bed: Bed;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    // Blobs that never read, in a content type no attack story writes to (an expired-blob rate could
    // hit the BEC story's blob, and a lost rule would not be on the graph): listed != stored.
    bed = await startBed({ seed: 12, users: 15, days: 2, recordsPerHour: 40, stories: true, faults: { unreadableBlobs: { count: 2, contentType: 'Audit.General' } } });
    context = await bed.browser.newContext({ viewport: { width: 1280, height: 800 } });
    ({ page, errors } = await newPage(context));
    await signIn(page, bed.host.url);
  });

  afterAll(async () => {
    await context?.close();
    await bed?.close();
  });

  it('refuses requests without the cookie or the key, and redirects an anonymous browser to sign in', async () => {
    const url = bed.host.url;
    expect((await fetch(`${url}/console/api/status`)).status).toBe(401);
    expect((await fetch(`${url}/console/api/overview`)).status).toBe(401);
    expect((await fetch(`${url}/api/status`)).status).toBe(401);
    expect((await fetch(`${url}/console/api/session`, { method: 'POST', headers: { 'x-functions-key': 'wrong' } })).status).toBe(401);
    const anonymous = await fetch(`${url}/console/orchestrations?status=Failed`, { redirect: 'manual' });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe(`/console/sign-in?next=${encodeURIComponent('/console/orchestrations?status=Failed')}`);
    // the function key keeps working for scripts on /api/*
    expect((await fetch(`${url}/api/status`, { headers: { 'x-functions-key': FUNCTION_KEY } })).status).toBe(200);
  });

  it('signs in once with an HttpOnly, SameSite=Strict cookie, and never puts the key in a URL', async () => {
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'auditflow_console');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/console' });
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(page.url()).not.toContain(FUNCTION_KEY);
    // a state change with the cookie but from another origin is refused
    const cookie = `auditflow_console=${session!.value}`;
    const foreign = await fetch(`${bed.host.url}/console/api/rerun`, { method: 'POST', headers: { cookie, origin: 'http://evil.example', 'content-type': 'application/json' }, body: '{}' });
    expect(foreign.status).toBe(403);
  });

  it('shows the right counts on the overview, and the newest event as /api/health reports it', async () => {
    await page.goto(`${bed.host.url}/console`);
    const health = (await (await fetch(`${bed.host.url}/api/health`, { headers: { 'x-functions-key': FUNCTION_KEY } })).json()) as { contentTypes: { contentType: string; newestEventTime: string | null }[] };
    let waiting = 0;
    for (const contentType of CONTENT_TYPES) {
      const card = page.locator(`article[data-content-type="${contentType}"]`);
      await card.waitFor();
      const ledger = await bed.store.checkpoints.listLedger(bed.sim.tenantId, contentType);
      const records = await bed.store.events.countEvents({ tenantId: bed.sim.tenantId, contentType });
      const shown = async (what: string) => Number((await card.locator(`[data-count="${what}"]`).innerText()).replace(/,/g, ''));
      expect(ledger.length).toBeGreaterThan(0);
      expect(await shown('listed')).toBe(ledger.length);
      expect(await shown('stored')).toBe(ledger.filter((e) => e.state === 'stored').length);
      expect(await shown('lost')).toBe(ledger.filter((e) => e.state === 'lost').length);
      expect(await shown('quarantined')).toBe(ledger.filter((e) => e.state === 'quarantined').length);
      expect(await shown('waiting')).toBe(ledger.filter((e) => e.state === 'listed').length);
      waiting += ledger.filter((e) => e.state === 'listed').length;
      expect(await shown('records')).toBe(records);
      const [newest] = (await bed.store.events.pageEvents({ tenantId: bed.sim.tenantId, contentTypes: [contentType], order: 'desc', limit: 1 })).events;
      const reported = health.contentTypes.find((c) => c.contentType === contentType)?.newestEventTime;
      expect(reported).toBe(newest?.time);
      expect(reported).toBeTruthy();
      expect(await card.locator('[data-newest]').getAttribute('data-newest')).toBe(reported);
      expect(await card.locator('[data-newest]').innerText()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d/);
      const gaps = (await bed.store.checkpoints.listGaps(bed.sim.tenantId)).filter((g) => g.contentType === contentType);
      expect(await shown('gaps')).toBe(gaps.length);
    }
    // the unreadable Audit.General blobs are listed and not stored: the counts are not all equal
    expect(waiting).toBeGreaterThan(0);
    await screenshot(page, 'overview');
  });

  it('lists orchestrations, opens one as a timeline, and a rerun it starts shows up', async () => {
    await page.goto(`${bed.host.url}/console/orchestrations`);
    const collectId = `collect-${bed.sim.tenantId}`;
    await page.getByRole('link', { name: collectId, exact: true }).click();
    await page.waitForURL(new RegExp(`/console/orchestrations/${encodeURIComponent(collectId)}$`));
    await expect.poll(() => page.locator('table.timeline tbody tr').count()).toBeGreaterThan(2);
    await expect.poll(() => page.getByText('ensureSubscriptions').count()).toBeGreaterThan(0);
    await screenshot(page, 'instance');

    await page.goto(`${bed.host.url}/console/orchestrations`);
    await page.getByRole('checkbox', { name: 'Audit.General' }).uncheck();
    await page.getByRole('button', { name: 'Rerun window…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Start rerun' }).click();
    await page.waitForURL(/\/console\/orchestrations\/rerun-/);
    const rerunId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await waitFor('the rerun to complete', bed.host, async () => ((await page.locator('.badge').first().innerText()).includes('Completed') ? true : undefined), 120_000);
    await page.goto(`${bed.host.url}/console/orchestrations?name=rerun`);
    await expect.poll(() => page.getByRole('link', { name: rerunId, exact: true }).count()).toBe(1);
    await screenshot(page, 'orchestrations');
  });

  const nodeButton = (id: string) => page.locator(`.node-list button[data-node="${id}"]`);
  const rendered = async () => Number(await page.locator('.graph-canvas').getAttribute('data-rendered'));
  const api = async <T,>(path: string): Promise<T> => (await (await fetch(`${bed.host.url}/api/${path}`, { headers: { 'x-functions-key': FUNCTION_KEY } })).json()) as T;

  it("opens the BEC story's user as a graph with the forwarding rule and the new-country sign-in on it", async () => {
    const { user, destination, ip, range, ruleEvent, signInEvent } = becStory(bed.sim.storyGroundTruth());
    // the story's evidence was collected (else the graph could not show it, whatever the console does)
    const stored = await bed.store.events.getEvents(bed.sim.tenantId, [ruleEvent, signInEvent]);
    expect(stored.map((e) => e.operation).sort()).toEqual(['New-InboxRule', 'UserLoggedIn']);
    await page.goto(`${bed.host.url}/console/investigate?center=${encodeURIComponent(user)}&hops=1&operations=New-InboxRule,Set-InboxRule,UserLoggedIn&${range}`);
    await page.locator('.graph-canvas[data-rendered]').waitFor();
    expect(await nodeButton(destination).count()).toBe(1);
    expect(await nodeButton(ip).count()).toBe(1);
    // the forwarding rule: a forwards-to relation to the outside address; the sign-in: from-ip
    const forwards = page.locator('.edge-list li[data-edge-kind="forwards-to"]');
    expect(await forwards.count()).toBeGreaterThan(0);
    expect(await forwards.first().textContent()).toContain(destination.slice('user:'.length));
    expect(await page.locator('.edge-list li[data-edge-kind="from-ip"]').filter({ hasText: ip.slice('ip:'.length) }).count()).toBeGreaterThan(0);
    // and both are drawn on the canvas, inside the visible part of the page
    await page.locator('.graph-canvas').scrollIntoViewIfNeeded();
    await screenshot(page, 'investigate');
  });

  it('expands a node clicked on the canvas', async () => {
    const { user, range } = becStory(bed.sim.storyGroundTruth());
    const filters = `operations=UserLoggedIn,UserLoginFailed&${range}`;
    await page.goto(`${bed.host.url}/console/investigate?center=${encodeURIComponent(user)}&hops=1&${filters}`);
    await page.locator('.graph-canvas[data-rendered]').waitFor();
    const before = await rendered();
    const shown = new Set((await api<{ nodes: { id: string }[] }>(`graph?center=${encodeURIComponent(user)}&hops=1&${filters}`)).nodes.map((n) => n.id));
    expect(shown.size).toBe(before);
    // an address of the view that others used too (the password spray's): expanding it adds them
    let target: string | undefined;
    let grown = 0;
    for (const id of [...shown].filter((n) => n.startsWith('ip:'))) {
      const around = await api<{ nodes: { id: string }[] }>(`graph?center=${encodeURIComponent(id)}&hops=1&${filters}`);
      const added = around.nodes.filter((n) => !shown.has(n.id)).length;
      if (added > grown) [target, grown] = [id, added];
    }
    expect(target).toBeDefined();
    await clickNodeOnCanvas(page, target!);
    await page.waitForURL((url) => (url.searchParams.get('expand') ?? '').split(',').includes(target!));
    await expect.poll(rendered, { timeout: 30_000 }).toBe(before + grown);
    expect(await page.locator('#pane-title').innerText()).toContain(target!.slice('ip:'.length));
    await screenshot(page, 'investigate-expanded');
  });

  it('says which entities a click cannot expand, and selects them instead', async () => {
    const operation = (await listedNodes(page)).find((id) => id.startsWith('operation:'));
    expect(operation).toBeDefined();
    const url = page.url();
    await clickNodeOnCanvas(page, operation!);
    await expect.poll(async () => (await page.locator('#pane-title').innerText()).toLowerCase()).toContain(operation!.slice('operation:'.length));
    expect(new URL(page.url()).searchParams.get('expand')).toBe(new URL(url).searchParams.get('expand'));
    expect(await page.getByRole('button', { name: 'Expand this entity' }).isDisabled()).toBe(true);
    expect(await page.locator('.pane').innerText()).toContain('cannot be expanded');
  });

  it('exports the view as GraphML, GEXF and CSV files that parse', async () => {
    const shown = Number(await page.locator('.graph-canvas').getAttribute('data-rendered'));
    for (const [button, root] of [['GraphML', 'graphml'], ['GEXF', 'gexf']] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
      const text = readFileSync((await download.path())!, 'utf8');
      const parsed = await page.evaluate(([xml, tag]) => {
        const doc = new DOMParser().parseFromString(xml!, 'application/xml');
        return { error: doc.querySelector('parsererror')?.textContent ?? null, root: doc.documentElement.localName, nodes: doc.getElementsByTagName('node').length, tag };
      }, [text, root]);
      expect(parsed).toMatchObject({ error: null, root, nodes: shown });
    }
    const downloads: { name: string; text: string }[] = [];
    page.on('download', async (d) => downloads.push({ name: d.suggestedFilename(), text: readFileSync((await d.path())!, 'utf8') }));
    await page.getByRole('button', { name: 'CSV (nodes + edges)' }).click();
    await expect.poll(() => downloads.length).toBe(2);
    const lines = (header: string) => {
      const file = downloads.find((d) => d.text.startsWith(`${header},`));
      expect(file, `a CSV whose header starts ${header}`).toBeDefined();
      return file!.text.trim().split(/\r?\n/);
    };
    const nodes = lines('Id,Label,Kind,Count');
    expect(nodes[0]).toBe('Id,Label,Kind,Count,FirstSeen,LastSeen,Guest,External,Watched');
    expect(nodes).toHaveLength(shown + 1);
    const edges = lines('Id,Source,Target');
    expect(edges.length).toBeGreaterThan(1);
    expect(downloads.map((d) => d.name).every((n) => n.endsWith('.csv'))).toBe(true);
  });

  it('opens a finding in its graph with its evidence highlighted', async () => {
    await page.goto(`${bed.host.url}/console/findings?indicator=mail-forwarding-external`);
    const row = page.locator('tr[data-indicator="mail-forwarding-external"]').first();
    await row.waitFor();
    await screenshot(page, 'findings');
    await row.getByRole('link', { name: 'Open graph' }).click();
    await page.waitForURL(/\/console\/investigate\?.*finding=/);
    await page.locator('.finding-callout').waitFor();
    await expect.poll(() => page.locator('.edge-list li.evidence').count()).toBeGreaterThan(0);
    expect(await page.locator('.edge-list li.evidence').first().textContent()).toContain('★');
    // the evidence is the forwarding rule itself, and its destination is starred in the list
    expect(await page.locator('.edge-list li.evidence[data-edge-kind="forwards-to"]').count()).toBeGreaterThan(0);
    await page.locator('.graph-canvas').scrollIntoViewIfNeeded();
    await screenshot(page, 'finding-graph');
  });

  it('keeps only the paths touching an uploaded watch list', async () => {
    const { user, ip, range } = becStory(bed.sim.storyGroundTruth());
    // the sign-ins around the user (the spray's addresses and the users they tried too)
    await page.goto(`${bed.host.url}/console/investigate?center=${encodeURIComponent(user)}&hops=2&operations=UserLoggedIn,UserLoginFailed&${range}`);
    await page.locator('.graph-canvas[data-rendered]').waitFor();
    const before = await rendered();
    await page.getByLabel('Watch list (CSV of accounts or IPs)').setInputFiles({ name: 'adminlist.csv', mimeType: 'text/csv', buffer: Buffer.from(`UserId\n${ip.slice('ip:'.length)}\n`) });
    await page.waitForURL((url) => url.searchParams.get('watch') === ip);
    await expect.poll(rendered, { timeout: 30_000 }).toBeLessThan(before);
    expect(await nodeButton(ip).count()).toBe(1);
  });

  it('is usable by keyboard, with a visible focus', async () => {
    await page.goto(`${bed.host.url}/console`);
    await page.locator('article[data-content-type]').first().waitFor();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({ text: document.activeElement?.textContent, outline: getComputedStyle(document.activeElement!).outlineStyle }));
    expect(focused).toEqual({ text: 'Skip to content', outline: 'solid' });
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
  });

  it('reads at a large screen size too', async () => {
    const large = await bed.browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await large.addCookies(await context.cookies());
    const { page: p, errors: more } = await newPage(large);
    await p.goto(`${bed.host.url}/console`);
    await p.locator('article[data-content-type]').first().waitFor();
    await screenshot(p, 'overview-1920');
    await large.close();
    expect(more).toEqual([]);
  });

  it('loaded every page with no console error', () => {
    expect(errors).toEqual([]);
  });
});
