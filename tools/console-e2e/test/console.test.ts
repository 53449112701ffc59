// The console in a real browser against the real app: the simulated tenant collected once by the
// built Functions app in the local host, then every page checked in Debian's chromium.
import { CONTENT_TYPES } from '@auditflow/ingestion';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_KEY, newPage, screenshot, signIn, startBed, waitFor, type Bed } from './harness';

describe('the console in chromium', () => {
  let bed: Bed;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    bed = await startBed({ seed: 12, users: 15, days: 2, recordsPerHour: 40, faults: { expiredBlobRate: 0.03 } });
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

  it('shows the right counts on the overview', async () => {
    await page.goto(`${bed.host.url}/console`);
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
      expect(await shown('records')).toBe(records);
      const gaps = (await bed.store.checkpoints.listGaps(bed.sim.tenantId)).filter((g) => g.contentType === contentType);
      expect(await shown('gaps')).toBe(gaps.length);
    }
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

  it('loaded every page with no console error', () => {
    expect(errors).toEqual([]);
  });
});
