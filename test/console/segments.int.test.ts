import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CRM, customerOfRecord, ingestRows, resetWithGoldenSources } from '../support/golden-sources.ts';
import { launchBrowser, openPage, screenshot, seriousViolations, signIn, navLinks } from '../support/browser.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

// Ada and Bo subscribed to the newsletter (marketing consent by e-mail) and ordered £600
// and £40; Eve is known from the CRM only (no consent decision) and ordered £800. Spending
// over £500: Ada and Eve. On e-mail, Eve is left out for want of consent.
const day = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * day).toISOString();
const people = [
  { n: 1, first: 'Ada', last: 'Fernley', email: 'ada.fernley@example.com', total: '600.00' },
  { n: 2, first: 'Bo', last: 'Lindqvist', email: 'bo.lindqvist@example.com', total: '40.00' },
  { n: 3, first: 'Eve', last: 'Marchetti', email: 'eve.marchetti@example.org', total: '800.00' },
];
const order = (p: (typeof people)[number]) => ({
  id: 5_678_910_000 + p.n, order_number: 2000 + p.n, email: p.email, customer: { id: 8000 + p.n, first_name: p.first, last_name: p.last },
  line_items: [{ id: p.n, variant_id: 42, sku: 'SKU-TEA-01', title: 'Tea', quantity: 1, price: p.total }],
  total_price: p.total, currency: 'GBP', financial_status: 'paid', created_at: ago(5), updated_at: ago(5),
});
const subscriber = (p: (typeof people)[number]) => ({
  record_type: 'subscriber', subscriber_id: `sub-${p.n}`, email_address: p.email, merge_fields: { FNAME: p.first, LNAME: p.last }, status: 'subscribed', last_changed: ago(60),
});

describe('console: segments in a real browser', () => {
  let app: TestApp;
  let browser: Browser;
  let marketer: Record<string, string>;
  const ids: Record<string, string> = {};

  const ingest = async (source: string, records: unknown[]) => {
    const res = await app.graphql<{ ingestBatch: { rejected: unknown[] } }>('mutation($s: String!, $r: [JSON!]!) { ingestBatch(source: $s, records: $r) { rejected { field reason } } }', { s: source, r: records });
    expect(res.body.errors ?? res.body.data!.ingestBatch.rejected).toEqual([]);
  };
  /** The page's definition as it shows it (the JSON it sends). */
  const pageDefinition = async (page: Page) => JSON.parse((await page.getByTestId('definition-json').textContent())!) as unknown;
  /** What countSegment answers for the definition on the page: the live count must be this. */
  const apiCount = async (page: Page) => {
    const res = await app.graphql<{ countSegment: number }>('query($d: JSON!) { countSegment(definition: $d) }', { d: await pageDefinition(page) }, marketer);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.countSegment;
  };
  /** The stored segment the page saved (its id is in the address). */
  const savedSegment = async (page: Page) => {
    const id = decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '');
    expect(id).toMatch(/^seg_/);
    const res = await app.graphql<{ segment: { version: number; count: number; definition: unknown } }>('query($id: ID!) { segment(id: $id) { version count definition } }', { id }, marketer);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.segment;
  };
  /** Segment nodes in the database: one per saved version. */
  const storedVersions = async () => Number((await app.executor.readRows<{ n: number }>('MATCH (x:Segment) RETURN count(x) AS n'))[0]!.n);
  /** Waits until the live count has caught up with the last edit, and answers it. */
  const settledCount = async (page: Page, expected: number) => {
    await page.getByTestId('count-status').filter({ hasText: 'Up to date' }).waitFor();
    await page.getByTestId('segment-count').filter({ hasText: new RegExp(`^${expected}$`) }).waitFor();
    return Number(await page.getByTestId('segment-count').textContent());
  };
  const saveAs = async (page: Page, version: number) => {
    await page.getByRole('button', { name: 'Save segment' }).click();
    await page.getByTestId('saved-version').filter({ hasText: new RegExp(`^${version}$`) }).waitFor();
    await page.getByTestId('save-status').filter({ hasText: 'no unsaved changes' }).waitFor();
  };

  beforeAll(async () => {
    app = await startTestApp({ rateLimits: { queriesPerMinute: 100_000, verifyCallerPerMinute: 100_000 } });
    await resetWithGoldenSources(app);
    marketer = await app.authHeaders('mk-mia', 'marketer');
    await ingestRows(app, CRM.name, [{ id: 'eve-crm-1', given: 'Eve', family: 'Marchetti', email: people[2]!.email, city: 'Bristol', postcode: 'BS1 4DJ' }]);
    await ingest('webshop', people.map(order));
    await ingest('email', people.slice(0, 2).map(subscriber));
    ids['Ada'] = (await customerOfRecord(app, 'email', 'sub-1'))!;
    ids['Bo'] = (await customerOfRecord(app, 'email', 'sub-2'))!;
    ids['Eve'] = (await customerOfRecord(app, CRM.name, 'eve-crm-1'))!;
    expect(new Set(Object.values(ids)).size).toBe(3);
    expect(await customerOfRecord(app, 'webshop', '8003')).toBe(ids['Eve']);
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('counts a segment live as countSegment does without saving it, saves it on request, exports the saved version with the reasons members were left out', async () => {
    const { page, errors } = await openPage(browser);
    const logged: string[] = [];
    page.on('console', (m) => logged.push(m.text()));
    await signIn(page, app.url, 'marketer', 'mk-mia');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Segments');
    expect(await navLinks(page)).toEqual(['Segments']);
    const exporter = page.getByRole('region', { name: 'Export' });
    const exportButton = exporter.getByRole('button', { name: 'Export', exact: true });
    const before = await storedVersions();

    // No condition is every active customer, counted at once.
    expect(await settledCount(page, 3)).toBe(await apiCount(page));
    await page.getByLabel('Segment name').fill('Big spenders');
    await page.getByRole('button', { name: '+ Aggregate' }).click();
    const condition = page.getByRole('group', { name: 'Aggregate condition 1' });
    await condition.getByLabel('Amount').fill('500');
    expect(await settledCount(page, 2)).toBe(await apiCount(page));
    expect(await page.getByTestId('definition-json').textContent()).toContain('"aggregate": "lifetimeValue"');
    // Nothing saved yet: nothing to export.
    expect(await exportButton.isDisabled()).toBe(true);
    expect(await exporter.getByTestId('export-blocked').textContent()).toContain('Save the segment first');

    // Negated: everyone else. The count follows each edit, and countSegment agrees.
    await condition.getByLabel('Not').check();
    expect(await settledCount(page, 1)).toBe(await apiCount(page));
    await condition.getByLabel('Not').uncheck();
    expect(await settledCount(page, 2)).toBe(await apiCount(page));
    expect(await storedVersions()).toBe(before);

    // Saving is a click: createSegment, the address names it, members and export follow it.
    await saveAs(page, 1);
    expect(await savedSegment(page)).toMatchObject({ version: 1, count: 2, definition: await pageDefinition(page) });
    expect(await storedVersions()).toBe(before + 1);
    expect(await page.getByTestId('saved-count').textContent()).toBe('2');
    expect(await page.getByRole('button', { name: 'Save segment' }).isDisabled()).toBe(true);
    const members = page.getByRole('table', { name: 'First members' });
    expect((await members.textContent())!).toContain(ids['Ada']);
    expect((await members.textContent())!).toContain(ids['Eve']);
    expect((await members.textContent())!).not.toContain(ids['Bo']);

    await exporter.getByLabel('Channel').selectOption('EMAIL');
    await exportButton.click();
    const result = page.getByTestId('export-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('1 contact on email, 1 left out (version 1)');
    const reasons = page.getByRole('table', { name: 'Suppression reasons' });
    expect(await reasons.textContent()).toContain('No marketing consent on email');
    expect(await reasons.textContent()).toContain('consent:marketing:email:none');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^segment-seg_.*-v1-email\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8').trim().split('\n');
    expect(csv[0]).toBe('customerId,value,suppressedReason');
    expect(csv).toContain(`${ids['Ada']},${people[0]!.email},`);
    expect(csv).toContain(`${ids['Eve']},,consent:marketing:email:none`);
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download JSON' }).click()]);
    expect(JSON.parse(readFileSync((await json.path())!, 'utf8'))).toMatchObject({ channel: 'EMAIL', version: 1, suppressed: [{ customerId: ids['Eve'], reason: 'consent:marketing:email:none' }] });

    // A consent condition: marketing granted on e-mail (the newsletter's subscribers), with over £500: Ada.
    await page.getByRole('button', { name: '+ Consent' }).click();
    const consent = page.getByRole('group', { name: 'Consent condition 2' });
    await consent.getByLabel('Purpose or flag').selectOption('MARKETING');
    await consent.getByLabel('Channel').selectOption('EMAIL');
    await consent.getByLabel('Decision').selectOption('granted');
    expect(await settledCount(page, 1)).toBe(await apiCount(page));
    expect(await pageDefinition(page)).toEqual({ and: [{ aggregate: 'lifetimeValue', currency: 'GBP', op: 'gt', value: 500 }, { consent: { purpose: 'MARKETING', channel: 'EMAIL', is: 'granted' } }] });
    // Unsaved: the stored version is untouched, and the export waits for a save.
    expect(await storedVersions()).toBe(before + 1);
    expect(await savedSegment(page)).toMatchObject({ version: 1, count: 2 });
    expect(await exportButton.isDisabled()).toBe(true);
    expect(await exporter.getByTestId('export-blocked').textContent()).toContain('unsaved changes');
    expect(await page.getByTestId('saved-note').textContent()).toContain('version 1');

    // The hint says what "any channel" means; the flag has its own field.
    await consent.getByLabel('Channel').selectOption('');
    await consent.getByText('on at least one channel').waitFor();
    expect(await settledCount(page, 1)).toBe(await apiCount(page));
    await consent.getByLabel('Channel').selectOption('EMAIL');
    expect(await settledCount(page, 1)).toBe(await apiCount(page));

    await saveAs(page, 2);
    expect(await savedSegment(page)).toMatchObject({ version: 2, count: 1, definition: await pageDefinition(page) });
    expect(await storedVersions()).toBe(before + 2);
    expect(await exportButton.isDisabled()).toBe(false);
    await exportButton.click();
    await result.filter({ hasText: 'left out (version 2)' }).waitFor();
    expect(await result.textContent()).toContain('1 contact on email, 0 left out');

    await page.getByText('Definition JSON sent to the API').click();
    await screenshot(page, 'segments');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    // No personal value reached the browser's console.
    expect(logged.filter((l) => people.some((p) => l.includes(p.email) || l.includes(p.last)))).toEqual([]);

    // A reload comes back to the saved segment, drawn in the builder, with nothing unsaved.
    await page.reload();
    const reloaded = page.getByRole('group', { name: 'Consent condition 2' });
    await reloaded.getByLabel('Decision').waitFor();
    expect(await page.getByRole('group', { name: 'Aggregate condition 1' }).getByLabel('Amount').inputValue()).toBe('500');
    expect(await reloaded.getByLabel('Channel').inputValue()).toBe('EMAIL');
    expect(await reloaded.getByLabel('Decision').inputValue()).toBe('granted');
    expect(await page.getByTestId('segment-count').textContent()).toBe('1');
    expect(await page.getByTestId('save-status').textContent()).toContain('no unsaved changes');
    expect(await storedVersions()).toBe(before + 2);
  });

  it('combines conditions with any-of (consent not decided on any channel among them), and says clearly why startsWith on a hashed attribute is refused', async () => {
    const { page, errors } = await openPage(browser, { width: 820, height: 1180 });
    await signIn(page, app.url, 'marketer', 'mk-mia');
    const before = await storedVersions();
    await page.getByLabel('Customers must match').first().selectOption('or');
    await page.getByRole('button', { name: '+ Attribute' }).click();
    const attribute = page.getByRole('group', { name: 'Attribute condition 1' });
    await attribute.getByRole('combobox', { name: /^Attribute/ }).selectOption('familyName');
    await attribute.getByLabel('Value').fill('lindqvist');
    await page.getByRole('button', { name: '+ Behaviour' }).click();
    const behaviour = page.getByRole('group', { name: 'Behaviour condition 2' });
    await behaviour.getByLabel('Interaction').selectOption('order');
    await behaviour.getByLabel('Within days').fill('30');
    await behaviour.getByLabel('At least').fill('1');
    // Bo by name, or anyone who ordered in 30 days: all three.
    expect(await settledCount(page, 3)).toBe(await apiCount(page));
    await behaviour.getByRole('button', { name: 'Remove behaviour condition 2' }).click();
    expect(await settledCount(page, 1)).toBe(await apiCount(page));
    // Bo by name, or no marketing decision on any channel (Eve, known from the CRM only): two.
    await page.getByRole('button', { name: '+ Consent' }).click();
    const consent = page.getByRole('group', { name: 'Consent condition 2' });
    await consent.getByLabel('Channel').selectOption('');
    await consent.getByLabel('Decision').selectOption('undecided');
    await consent.getByText('No decision on any channel').waitFor();
    expect(await settledCount(page, 2)).toBe(await apiCount(page));
    expect((await pageDefinition(page) as { or: unknown[] }).or[1]).toEqual({ consent: { purpose: 'MARKETING', is: 'undecided' } });
    // A flag instead: nobody objected, so Bo alone.
    await consent.getByLabel('Purpose or flag').selectOption('OBJECTION');
    await consent.getByLabel(/^Flag/).selectOption('raised');
    expect(await settledCount(page, 1)).toBe(await apiCount(page));
    expect(await storedVersions()).toBe(before);

    await attribute.getByLabel('Comparison').selectOption('startsWith');
    await attribute.getByLabel('Value').fill('Lind');
    const refusal = page.getByRole('alert').filter({ hasText: 'keyed hash' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('familyName is stored as a keyed hash');
    expect(await refusal.textContent()).toContain('BAD_USER_INPUT');
    expect(await page.getByText('The API refused this definition', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Save segment' }).isDisabled()).toBe(true);
    expect(await page.getByTestId('save-status').textContent()).toContain('change it to save');
    expect(await storedVersions()).toBe(before);
    await screenshot(page, 'segments-tablet');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(820);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
