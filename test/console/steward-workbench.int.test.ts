import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CRM, customerOfRecord, graphqlAs, ingestRows, resetWithGoldenSources, type GoldenRow } from '../support/golden-sources.ts';
import { launchBrowser, openPage, screenshot, seriousViolations, signIn } from '../support/browser.ts';
import { bearer, startTestApp, type TestApp } from '../support/test-app.ts';

// A steward works the review queue: two customers resolution was unsure are one person
// (the same name, different postcodes, nothing else; see review-queue.int.test.ts).
const OSKAR: GoldenRow[] = [
  { id: 'qa', given: 'Oskar', family: 'Brightwater', postcode: 'SW1A 1AA' },
  { id: 'qb', given: 'Oskar', family: 'Brightwater', postcode: 'E1 6AN' },
];
// Jane has two records in one customer (a shared customer number) and a third on her own: one item, two pairs.
const JANE: GoldenRow[] = [
  { id: 'r1', given: 'Jane', family: 'Quillfeather', postcode: 'SW1A 1AA', customerNo: 'C-1' },
  { id: 'r1b', given: 'Jane', family: 'Quillfeather', postcode: 'SW1A 1AA', customerNo: 'C-1' },
  { id: 'r2', given: 'Jane', family: 'Quillfeather', postcode: 'E1 6AN' },
];
// Someone else, whose e-mail the source sent unusable: a data-quality issue.
const ZENO: GoldenRow = { id: 'z1', given: 'Zeno', family: 'Unrelated', postcode: 'N1 9GU', email: 'zeno at example' };

type Item = { id: string; a: { id: string }; b: { id: string }; pairs: Array<{ a: { sourceRecordId: string }; explanation: { steps: unknown[] } }> };
const ITEMS = '{ reviewItems(first: 100) { id a { id } b { id } pairs { a { sourceRecordId } explanation { steps { weight } } } } }';

describe('console: the steward workbench in a real browser', () => {
  let app: TestApp;
  let browser: Browser;
  const gql = graphqlAs(() => app, bearer('steward-check', 'steward'));
  const items = async () => (await gql<{ reviewItems: Item[] }>(ITEMS)).reviewItems;
  let oskar: Item;

  const open = async (viewport?: { width: number; height: number }) => {
    const opened = await openPage(browser, viewport);
    await signIn(opened.page, app.url, 'steward', 'steward-sam', '#/steward');
    await opened.page.getByRole('table', { name: 'Review queue' }).waitFor();
    return opened;
  };
  const queueRows = (page: Page) => page.getByRole('table', { name: 'Review queue' }).locator('tbody tr');

  beforeAll(async () => {
    app = await startTestApp({ rateLimits: { queriesPerMinute: 100_000, verifyCallerPerMinute: 100_000 } });
    await resetWithGoldenSources(app);
    await ingestRows(app, CRM.name, [...OSKAR, ...JANE, ZENO]);
    const listed = await items();
    expect(listed).toHaveLength(2);
    oskar = listed.find((i) => ['qa', 'qb'].includes(i.pairs[0]!.a.sourceRecordId))!;
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('lists the queue with its counts, filters and tools; shortcuts move the selection but never fire while typing', async () => {
    const { page, errors } = await open();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Steward workbench');
    expect(await queueRows(page).count()).toBe(2);
    expect(await page.getByTestId('queue-stats').textContent()).toContain('2 open items · 3 record pairs');
    expect(await page.getByRole('heading', { name: 'Keyboard shortcuts' }).isVisible()).toBe(true);
    expect(await page.locator('.shortcuts').textContent()).toContain('a approve');

    // Typing an 'a' or a 'j' into the reason is typing, not a decision.
    const reason = page.getByLabel('Reason for decisions');
    await reason.fill('');
    await reason.pressSequentially('same person, checked by phone');
    expect(await reason.inputValue()).toBe('same person, checked by phone');
    expect(await items()).toHaveLength(2);
    expect(await queueRows(page).nth(0).getAttribute('aria-selected')).toBe('true');

    // Out of the field, j and k move the selection.
    await page.getByRole('heading', { name: 'Review queue' }).click();
    await page.keyboard.press('j');
    expect(await queueRows(page).nth(1).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('k');
    expect(await queueRows(page).nth(0).getAttribute('aria-selected')).toBe('true');

    // A filter the items do not pass empties the list; clearing it brings them back.
    await page.getByLabel('Probability from (%)').fill('100');
    await page.getByText('No open items under these filters.').waitFor();
    await page.getByLabel('Probability from (%)').fill('');
    await page.getByRole('table', { name: 'Review queue' }).waitFor();
    await page.getByRole('combobox', { name: /^Source/ }).selectOption(CRM.name);
    await page.getByRole('table', { name: 'Review queue' }).waitFor();
    expect(await queueRows(page).count()).toBe(2);

    const quality = page.getByRole('table', { name: 'Data-quality issues per source' });
    await quality.waitFor();
    expect(await quality.textContent()).toContain('invalid e-mail');
    await quality.getByRole('button', { name: `Show the issues of ${CRM.name}` }).click();
    const issues = page.getByRole('table', { name: `Data-quality issues of ${CRM.name}` });
    await issues.waitFor();
    expect(await issues.textContent()).toContain('z1');

    await page.getByRole('button', { name: 'Run a dry run' }).click();
    const dryRun = page.getByTestId('resolve-preview');
    await dryRun.waitFor({ timeout: 30_000 });
    expect(await dryRun.textContent()).toMatch(/Records\s*6/);

    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'steward-workbench');
    expect(errors).toEqual([]);
  });

  it('opens an item side by side with its waterfall and merge preview, approves it with the a key, and unmerges it again', async () => {
    const { page, errors } = await open();
    await page.locator(`tr[data-item="${oskar.id}"]`).getByRole('link').click();
    const sides = page.getByRole('table', { name: 'The two customers side by side' });
    await sides.waitFor();
    expect(page.url()).toContain(encodeURIComponent(oskar.id));

    // The postcodes differ, highlighted and said in words; the names are the same.
    const postcode = sides.locator('tr[data-attribute="postcode"]');
    expect(await postcode.getAttribute('class')).toContain('differs');
    expect(await postcode.textContent()).toContain('differs');
    expect(await postcode.textContent()).toContain('SW1A 1AA');
    const name = sides.locator('tr[data-attribute="name"]');
    expect(await name.getAttribute('class')).toBeNull();
    expect(await name.textContent()).not.toContain('differs');

    // The waterfall: one bar for the prior and one per comparison, then the final score.
    const chart = page.getByRole('img', { name: /^Match-weight waterfall/ });
    await chart.locator('svg').waitFor();
    const steps = oskar.pairs[0]!.explanation.steps.length;
    expect(steps).toBeGreaterThan(0);
    expect(await chart.locator('svg .waterfall-evidence rect').count()).toBe(steps + 1);
    expect(await chart.locator('svg .waterfall-score rect').count()).toBe(1);
    expect(await chart.getAttribute('aria-label')).toMatch(/probability \d/);
    expect(await page.getByRole('list', { name: 'The evidence, step by step' }).getByRole('listitem').count()).toBe(steps + 2);

    const merge = page.getByRole('table', { name: 'Merge preview: the golden record before and after' });
    await merge.waitFor();
    expect(await merge.textContent()).toContain(`${CRM.name} · qa`);
    expect(await merge.textContent()).toContain(`${CRM.name} · qb`);

    // Each of Oskar's customers has one record: there is nothing to split.
    expect(await page.getByText('there is nothing to split').isVisible()).toBe(true);

    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'steward-workbench-item');

    // Approve with the keyboard: the two records become one customer, and the workbench moves on.
    await page.getByRole('heading', { name: 'The two customers' }).click();
    await page.keyboard.press('a');
    await page.getByTestId('notice').getByText('Approved').waitFor();
    expect(await customerOfRecord(app, CRM.name, 'qa')).toBe(await customerOfRecord(app, CRM.name, 'qb'));
    expect((await items()).map((i) => i.id)).not.toContain(oskar.id);
    await page.getByRole('link', { name: '← Back to the queue' }).click();
    await page.getByRole('table', { name: 'Review queue' }).waitFor();
    expect(await queueRows(page).count()).toBe(1);
    expect(await page.locator(`tr[data-item="${oskar.id}"]`).count()).toBe(0);

    // The merge is on the survivor's merge path, and can be undone from there.
    const survivor = (await customerOfRecord(app, CRM.name, 'qa'))!;
    await page.getByLabel('Customer id').fill(survivor);
    await page.getByRole('button', { name: 'Show merge path' }).click();
    const path = page.getByRole('table', { name: `Merge path of ${survivor}` });
    await path.waitFor();
    await path.getByRole('button', { name: /^Unmerge / }).click();
    await path.getByRole('button', { name: 'Confirm unmerge' }).click();
    await page.getByTestId('notice').getByText('Unmerged').waitFor();
    expect(await customerOfRecord(app, CRM.name, 'qa')).not.toBe(await customerOfRecord(app, CRM.name, 'qb'));
    expect(errors).toEqual([]);
  });

  it('fits a tablet: the item page at 820 px wide', async () => {
    const { page, errors } = await open({ width: 820, height: 1180 });
    await queueRows(page).filter({ hasText: 'Jane Quillfeather' }).getByRole('link').click();
    await page.getByRole('img', { name: /^Match-weight waterfall/ }).locator('svg').waitFor();
    await page.getByRole('table', { name: /^Merge preview/ }).waitFor();

    // Jane's item has two record pairs, each with its waterfall; her first customer has two records, one of which can be split off.
    const pairs = page.getByRole('combobox', { name: /^Record pair/ });
    expect(await pairs.locator('option').count()).toBe(2);
    const before = await page.getByRole('img', { name: /^Match-weight waterfall/ }).getAttribute('aria-label');
    await pairs.selectOption({ index: 1 });
    expect(await page.getByRole('img', { name: /^Match-weight waterfall/ }).getAttribute('aria-label')).not.toBe(before);
    await page.getByRole('combobox', { name: /^Record to move out/ }).selectOption({ label: `${CRM.name} · r1b` });
    await page.getByRole('button', { name: 'Preview split' }).click();
    const split = page.getByRole('table', { name: 'Split preview: the customers after the split' });
    await split.waitFor();
    expect(await split.locator('tr', { hasText: 'Source records' }).getByRole('cell').allTextContents()).toEqual([`${CRM.name} · r1`, `${CRM.name} · r1b`]);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(820);
    await screenshot(page, 'steward-workbench-tablet');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
  it('shows the queue fifty at a time, and fifty more on request', async () => {
    // Sixty more unsure pairs: made-up surnames no two of which sound alike (as review-queue.int.test.ts).
    const SYLLABLES = ['bra', 'kel', 'mon', 'tur', 'vix', 'zan', 'dop', 'lur', 'fen', 'gost'];
    const GIVEN = ['Anselm', 'Brigida', 'Cosimo', 'Dagny', 'Evander', 'Fenna', 'Gideon', 'Hester', 'Ivo', 'Jolanda', 'Kasimir'];
    const rows: GoldenRow[] = Array.from({ length: 60 }, (_, i) => {
      const family = `${SYLLABLES[i % 10]!.replace(/^./, (c) => c.toUpperCase())}${SYLLABLES[Math.floor(i / 10) % 10]}worth`;
      return [{ id: `m${i}a`, given: GIVEN[i % 11]!, family, postcode: 'SW1A 1AA' }, { id: `m${i}b`, given: GIVEN[i % 11]!, family, postcode: 'E1 6AN' }];
    }).flat();
    for (let i = 0; i < rows.length; i += 40) await ingestRows(app, CRM.name, rows.slice(i, i + 40));
    const open = (await gql<{ reviewQueueStats: { size: number } }>('{ reviewQueueStats { size } }')).reviewQueueStats.size;
    expect(open).toBeGreaterThan(50);
    const { page } = await openPage(browser);
    await signIn(page, app.url, 'steward', 'steward-sam', '#/steward');
    await page.getByRole('table', { name: 'Review queue' }).waitFor();
    expect(await queueRows(page).count()).toBe(50);
    expect(await page.getByText(`Showing 50 of ${open}.`).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Show 50 more' }).click();
    await page.getByText(`Showing ${Math.min(open, 100)} of ${open}.`).waitFor();
    expect(await queueRows(page).count()).toBe(Math.min(open, 100));
  });
});
