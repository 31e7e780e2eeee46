import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { CRM, customerOfRecord, ingestRows, resetWithGoldenSources } from '../support/golden-sources.ts';
import { launchBrowser, openPage, screenshot, seriousViolations, signIn, navLinks } from '../support/browser.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

// Jane calls the service desk. The agent finds her by phone in another format, sees her
// contact details masked, verifies her with two answers, and then sees them in clear.
const JANE = { id: 'c1', given: 'Jane', family: 'Doe', email: 'jane.doe@example.com', phone: '020 7946 0789', dob: '1990-12-31', street: '1 High Street', city: 'London', postcode: 'SW1A 1AA', customerNo: 'CN-40411' };
const OMAR = { id: 'c2', given: 'Omar', family: 'Haddad', email: 'omar.h@example.org', phone: '020 7946 0456', dob: '1985-06-15', street: '5 Brick Lane', city: 'London', postcode: 'E1 6AN' };
const ticket = { ticket: { id: 35436, url: null, status: 'open', category: 'complaint', created_at: '2024-03-07T10:15:00Z', updated_at: '2024-03-07T10:15:00Z', requester: { id: 9001, name: 'Jane Doe', email: JANE.email } } };
const order = {
  id: 5_678_900_001, order_number: 1001, email: JANE.email, customer: { id: 77, first_name: 'Jane', last_name: 'Doe' },
  line_items: [{ id: 1, variant_id: 42, sku: 'SKU-TEA-01', title: 'Earl Grey, 250g', quantity: 1, price: '24.50' }],
  total_price: '24.50', currency: 'GBP', financial_status: 'paid', created_at: '2024-03-01T12:00:00Z', updated_at: '2024-03-01T12:00:00Z',
};

describe('console: the agent desk in a real browser', () => {
  let app: TestApp;
  let browser: Browser;
  let jane: string;

  beforeAll(async () => {
    app = await startTestApp({ rateLimits: { queriesPerMinute: 100_000, verifyCallerPerMinute: 100_000 } });
    await resetWithGoldenSources(app);
    await ingestRows(app, CRM.name, [JANE, OMAR]);
    for (const [source, record] of [['support', ticket], ['webshop', order]] as const) {
      const res = await app.graphql('mutation($s: String!, $r: JSON!) { ingestRecord(source: $s, record: $r) { stored } }', { s: source, r: record });
      expect(res.body.errors).toBeUndefined();
    }
    jane = (await customerOfRecord(app, CRM.name, 'c1'))!;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('finds a caller by phone in any format, says why, shows masked contact details until the caller is verified', async () => {
    const { page, errors } = await openPage(browser);
    // Works offline: every request the console makes goes to the API's own origin.
    const elsewhere: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith(`${app.url}/`) && !req.url().startsWith('data:')) elsewhere.push(new URL(req.url()).origin);
    });
    await signIn(page, app.url, 'agent', 'agent-ann');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Agent desk');
    // The agent's pages only: no steward workbench, no segments.
    const nav = await navLinks(page);
    expect(nav).toEqual(['Agent desk', 'Identity graph']);

    await page.getByRole('searchbox').fill('+44 20 7946 0789');
    await page.getByRole('button', { name: 'Search' }).click();
    const results = page.getByRole('table', { name: 'Search results' });
    await results.waitFor();
    expect(await results.getByRole('row').count()).toBe(2);
    expect(await results.textContent()).toContain('phone (exact)');
    await screenshot(page, 'agent-desk-search');

    await results.getByRole('link', { name: 'Jane Doe' }).click();
    const details = page.getByTestId('contact-details');
    await details.waitFor();
    expect(await details.textContent()).toContain('j***@example.com');
    expect(await details.textContent()).not.toContain('jane.doe@example.com');
    expect(await page.getByRole('heading', { name: 'Tickets' }).isVisible()).toBe(true);
    expect(await page.locator('section', { has: page.getByRole('heading', { name: 'Tickets' }) }).textContent()).toContain('complaint');
    expect(await page.locator('ol.timeline').textContent()).toContain('£24.50');

    // One wrong answer: not verified, attempts left shown.
    await page.getByLabel('Date of birth').fill('1991-01-01');
    await page.getByLabel('Postcode').fill('N1 9GU');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText('Not verified').waitFor();
    expect(await page.getByRole('status').textContent()).toContain('Attempts left: 2');
    expect(await details.textContent()).toContain('j***@example.com');

    await page.getByLabel('Date of birth').fill('31 December 1990');
    await page.getByLabel('Postcode').fill('sw1a1aa');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText('Verified: contact details unlocked').waitFor();
    await page.getByText('jane.doe@example.com').waitFor();
    expect(await details.textContent()).toContain('1990-12-31');
    await screenshot(page, 'agent-desk');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    expect(elsewhere).toEqual([]);
    expect(page.url()).toContain(jane);
  });

  it('finds a customer by customer number on a tablet, and a steward signs in to a different set of pages', async () => {
    const { page } = await openPage(browser, { width: 820, height: 1180 });
    await signIn(page, app.url, 'steward', 'steward-sam');
    await page.getByRole('link', { name: 'Agent desk' }).click();
    await page.getByRole('searchbox').fill('CN-40411');
    await page.getByRole('button', { name: 'Search' }).click();
    const results = page.getByRole('table', { name: 'Search results' });
    await results.waitFor();
    expect(await results.textContent()).toContain('customer number (exact)');
    // Nothing wider than the tablet's screen: no sideways scrolling.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(820);
    await screenshot(page, 'agent-desk-tablet');
    const nav = await navLinks(page);
    expect(nav).toEqual(['Agent desk', 'Steward workbench', 'Identity graph']);
  });

  it('serves the page with a strict Content-Security-Policy, and its hashed assets as immutable', async () => {
    const res = await fetch(`${app.url}/console/agent/anything`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await res.text();
    const script = /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1];
    expect(script).toMatch(/^\/console\/assets\/index-[\w-]+\.js$/);
    const asset = await fetch(`${app.url}${script}`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${app.url}/console/assets/missing.js`)).status).toBe(404);
  });

  it('refuses a development sign-in with an unknown role, and signs out', async () => {
    const res = await fetch(`${app.url}/console/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'root', name: 'x' }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT', field: 'role' } });
    const { page } = await openPage(browser);
    await signIn(page, app.url, 'auditor', 'auditor-ali');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  });
});
