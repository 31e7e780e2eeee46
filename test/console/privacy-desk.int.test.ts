import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { CRM, LEDGER, customerOfRecord, graphqlAs, ingestRows, resetWithGoldenSources } from '../support/golden-sources.ts';
import { launchBrowser, openPage, screenshot, seriousViolations, signIn } from '../support/browser.ts';
import { bearer, startTestApp, type TestApp } from '../support/test-app.ts';

// Nina writes in for a copy of her data, and then to be forgotten. The officer opens both
// requests, verifies her, downloads the export, sees what the erasure will delete, and
// erases her. Otto's letter from six weeks ago is overdue.
const NINA = { id: 'nina-crm-1', given: 'Nina', family: 'Halvorsen', email: 'nina.halvorsen@example.com', phone: '+44 20 7946 0733', dob: '1988-11-23', street: '12 Wickham Terrace', city: 'Exeter', postcode: 'EX4 6NT' };
const OTTO = { id: 'otto-crm-1', given: 'Otto', family: 'Brennigan', email: 'otto.brennigan@example.org', dob: '1961-02-14', street: '3 Mill Lane', city: 'Leeds', postcode: 'LS1 4AP' };
const order = (n: number) => ({
  id: 5_678_920_000 + n, order_number: 3000 + n, email: NINA.email, customer: { id: 9401, first_name: 'Nina', last_name: 'Halvorsen' },
  line_items: [{ id: n, variant_id: 42, sku: 'SKU-TEA-01', title: 'Earl Grey, 250g', quantity: 1, price: '4.50' }],
  total_price: '4.50', currency: 'GBP', financial_status: 'paid', created_at: '2024-03-01T10:00:00Z', updated_at: '2024-03-01T10:00:00Z',
});

describe('console: the privacy desk in a real browser', () => {
  let app: TestApp;
  let browser: Browser;
  let nina: string;
  let otto: string;
  const officer = bearer('po-pat', 'privacy_officer');
  const as = graphqlAs(() => app, officer);

  beforeAll(async () => {
    app = await startTestApp({ rateLimits: { queriesPerMinute: 100_000, verifyCallerPerMinute: 100_000 } });
    await resetWithGoldenSources(app);
    await ingestRows(app, CRM.name, [NINA, OTTO]);
    await ingestRows(app, LEDGER.name, [{ id: 'nina-ledger-1', given: 'Nina', family: 'Halvorsen', email: NINA.email, dob: NINA.dob, taxId: 'TX-4471-88' }]);
    const shop = await app.graphql('mutation($r: [JSON!]!) { ingestBatch(source: "webshop", records: $r) { rejected { reason } } }', { r: [order(1), order(2)] });
    expect(shop.body.errors).toBeUndefined();
    nina = (await customerOfRecord(app, CRM.name, NINA.id))!;
    otto = (await customerOfRecord(app, CRM.name, OTTO.id))!;
    expect(await customerOfRecord(app, LEDGER.name, 'nina-ledger-1')).toBe(nina);
    expect(await customerOfRecord(app, 'webshop', '9401')).toBe(nina);
    const received = new Date(Date.now() - 42 * 86_400_000).toISOString();
    await as('mutation($c: ID!, $r: DateTime) { openPrivacyRequest(kind: ACCESS, customerId: $c, receivedAt: $r, note: "by letter") { id } }', { c: otto, r: received });
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('opens an access request, verifies the requester, downloads the export, then erases the person after naming what goes', async () => {
    const { page, errors } = await openPage(browser);
    await signIn(page, app.url, 'privacy_officer', 'po-pat', '#/privacy');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Privacy desk');
    const requests = page.getByRole('table', { name: 'Privacy requests' });
    await requests.waitFor();
    // Otto's is overdue, and says so.
    const ottoRow = requests.getByRole('row').filter({ hasText: otto });
    expect(await ottoRow.textContent()).toContain('Overdue');
    expect(await ottoRow.getAttribute('class')).toContain('overdue');
    expect(await seriousViolations(page)).toEqual([]);

    // Access: open, verify, export, download.
    await page.getByLabel('Customer id').fill(nina);
    await page.getByLabel('Kind').selectOption('ACCESS');
    await page.getByRole('button', { name: 'Open request' }).click();
    await page.getByRole('heading', { name: /^Access \(Art\. 15\)/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Export personal data' }).isDisabled()).toBe(true);
    await page.getByLabel('Evidence reference').fill('case 4411');
    await page.getByRole('button', { name: 'Mark verified' }).click();
    await page.getByText('ID document seen, ref. case 4411').waitFor();
    await page.getByRole('button', { name: 'Export personal data' }).click();
    const download = page.getByRole('link', { name: 'Download the export (JSON)' });
    await download.waitFor();
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toMatch(/^access-export-dsr_.*\.json$/);
    const exported = JSON.parse(readFileSync((await file.path())!, 'utf8')) as { subject: { customerId: string }; sections: Record<string, unknown[]> };
    expect(exported.subject.customerId).toBe(nina);
    expect(exported.sections['sourceRecords']).toHaveLength(3);
    const sections = page.getByRole('table', { name: 'Export sections' });
    expect(await sections.getByRole('row').filter({ hasText: 'sourceRecords' }).textContent()).toContain('3');
    await page.getByText('Completed', { exact: true }).first().waitFor();
    await screenshot(page, 'privacy-desk-export');

    // Erasure: open, verify, the dialog names what goes, confirm by typing the id.
    await page.getByRole('link', { name: '← All requests' }).click();
    await page.getByLabel('Customer id').fill(nina);
    await page.getByLabel('Kind').selectOption('ERASURE');
    await page.getByRole('button', { name: 'Open request' }).click();
    await page.getByRole('heading', { name: /^Erasure \(Art\. 17\)/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Erase this customer…' }).isDisabled()).toBe(true);
    await page.getByLabel('Method').selectOption('ACCOUNT_LOGIN');
    await page.getByLabel('Evidence reference').fill('ticket 88');
    await page.getByRole('button', { name: 'Mark verified' }).click();
    await page.getByText('Account login, ref. ticket 88').waitFor();
    await page.getByRole('button', { name: 'Erase this customer…' }).click();
    const dialog = page.getByRole('dialog', { name: `Erase customer ${nina}?` });
    await dialog.waitFor();
    const records = dialog.getByRole('table', { name: 'Source records to be deleted' });
    await records.waitFor();
    const listed = (await records.getByRole('row').allTextContents()).slice(1).sort();
    expect(listed).toEqual([`${CRM.name}${NINA.id}`, `${LEDGER.name}nina-ledger-1`, 'webshop9401'].sort());
    expect(await dialog.textContent()).toContain('3 source records');
    expect(await dialog.textContent()).toMatch(/2 interactions/);
    expect(await page.evaluate('Boolean(document.activeElement && document.activeElement.closest("dialog"))')).toBe(true);
    const confirm = dialog.getByRole('button', { name: 'Erase permanently' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel('Type the customer id to confirm').fill(nina.slice(0, -1));
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel('Type the customer id to confirm').fill(nina);
    await screenshot(page, 'privacy-desk');
    expect(await seriousViolations(page)).toEqual([]);
    await confirm.click();
    await dialog.getByText('Erased: nothing of the person is left.').waitFor();
    expect(await dialog.textContent()).toMatch(/Source records\s*3/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(await page.getByRole('dialog').count()).toBe(0);

    const gone = await app.graphql<{ customer: unknown }>('query($id: ID!) { customer(id: $id) { id } }', { id: nina });
    expect(gone.body.errors).toBeUndefined();
    expect(gone.body.data!.customer).toBeNull();
    expect(await customerOfRecord(app, CRM.name, NINA.id)).toBeNull();
    expect(await customerOfRecord(app, CRM.name, OTTO.id)).toBe(otto);
    expect(errors).toEqual([]);
  });

  it('lists records held back because they matched an erased person, at tablet width', async () => {
    const again = await app.graphql<{ ingestBatch: { heldBack: Array<{ heldBackId: string }> } }>(
      'mutation($s: String!, $r: [JSON!]!) { ingestBatch(source: $s, records: $r) { heldBack { heldBackId } } }',
      { s: CRM.name, r: [{ ...NINA, updated: '2024-06-01T00:00:00Z' }] },
    );
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data!.ingestBatch.heldBack).toHaveLength(1);
    const { page, errors } = await openPage(browser, { width: 820, height: 1180 });
    await signIn(page, app.url, 'privacy_officer', 'po-pat', '#/privacy');
    const held = page.getByRole('table', { name: 'Held-back records' });
    await held.waitFor();
    expect(await held.textContent()).toContain(CRM.name);
    expect(await held.textContent()).toMatch(/source record id/i);
    await page.getByRole('radio', { name: 'All' }).check();
    await page.getByRole('table', { name: 'Privacy requests' }).getByRole('row').nth(3).waitFor();
    await screenshot(page, 'privacy-desk-tablet');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(820);
    expect(await seriousViolations(page)).toEqual([]);

    // Discarded with a reason: the record leaves the held list and is kept as a decision.
    await held.getByText('Release or discard').click();
    await held.getByLabel('Reason').fill('same person, still erased');
    await held.getByRole('button', { name: 'Discard' }).click();
    await page.getByText('None held.').waitFor();
    await page.getByLabel('Show').selectOption('DISCARDED');
    await held.waitFor();
    expect(await held.textContent()).toContain('po-pat');
    expect(errors).toEqual([]);
  });
});
