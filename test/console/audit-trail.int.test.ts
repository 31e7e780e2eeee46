import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { CRM, customerOfRecord, graphqlAs, ingestRows, resetWithGoldenSources } from '../support/golden-sources.ts';
import { launchBrowser, openPage, screenshot, seriousViolations, signIn, navLinks } from '../support/browser.ts';
import { bearer, startTestApp, type TestApp } from '../support/test-app.ts';

// Two customers nothing links (other names, other e-mails). An agent reports they are the
// same person; a steward merges them; an agent reads the survivor's profile. The auditor
// sees who merged them and why, that the chain is intact, and who read the profile.
const ROS = { id: 'ros-1', given: 'Rosalind', family: 'Achterberg', email: 'rosalind.achterberg@example.com', phone: '+44 20 7946 0611', dob: '1979-04-02', postcode: 'BS1 4DJ' };
const TEO = { id: 'teo-1', given: 'Teodor', family: 'Marchetti', email: 'teo.marchetti@example.org', postcode: 'M1 1AE' };
const REASON = 'duplicate reported by agent';

describe('console: the auditor’s trail in a real browser', () => {
  let app: TestApp;
  let browser: Browser;
  let survivor: string;
  let mergedAway: string;
  const steward = graphqlAs(() => app, bearer('steward-1', 'steward'));

  beforeAll(async () => {
    app = await startTestApp({ rateLimits: { queriesPerMinute: 100_000, verifyCallerPerMinute: 100_000 } });
    await resetWithGoldenSources(app);
    await ingestRows(app, CRM.name, [ROS, TEO]);
    const [a, b] = [(await customerOfRecord(app, CRM.name, ROS.id))!, (await customerOfRecord(app, CRM.name, TEO.id))!];
    expect(a).not.toBe(b);
    const merged = await steward<{ mergeCustomers: { survivor: { id: string }; mergedAway: string } }>(
      'mutation($a: ID!, $b: ID!, $r: String!) { mergeCustomers(a: $a, b: $b, reason: $r) { survivor { id } mergedAway } }',
      { a, b, r: REASON },
    );
    survivor = merged.mergeCustomers.survivor.id;
    mergedAway = merged.mergeCustomers.mergedAway;
    // One read of the survivor's profile by an agent: the access log's entry.
    await steward('query($id: ID!) { customer(id: $id) { profile { familyName { value } emails { value } } } }', { id: survivor }, bearer('agent-ann', 'agent'));
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows the merge with its reason and steward, the verified chain, the agent’s read and an attribute’s history, all masked', async () => {
    const { page, errors } = await openPage(browser);
    await signIn(page, app.url, 'auditor', 'auditor-ali', `#/audit/${survivor}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe("Auditor's trail");
    const nav = await navLinks(page);
    expect(nav).toEqual(['Identity graph', "Auditor's trail"]);

    // The chain's verdict, prominently.
    const status = page.getByRole('status');
    await status.getByText('Verified').waitFor();
    expect(await status.textContent()).toMatch(/Entries checked\d+/);
    expect(await status.textContent()).toMatch(/Sealed headentry \d+ · [0-9a-f]{64}/);

    // The merge, with who, why, and which customers.
    const timeline = page.getByRole('list', { name: /^Merge path of/ });
    await timeline.waitFor();
    const merge = timeline.getByRole('listitem').filter({ hasText: REASON });
    expect(await merge.count()).toBe(1);
    const step = await merge.textContent();
    expect(step).toContain('Merge');
    expect(step).toContain('steward-1');
    expect(step).toContain('(steward)');
    expect(step).toContain(`moved from ${mergedAway} into ${survivor}`);
    expect(await merge.locator('.actor').textContent()).toBe('steward-1');

    // Who read the profile: the agent.
    const log = page.getByRole('table', { name: "Reads of the customer's personal data" });
    await log.waitFor();
    const agentRead = log.getByRole('row').filter({ hasText: 'agent-ann' });
    expect(await agentRead.count()).toBe(1);
    expect(await agentRead.textContent()).toContain('read profile');
    // The fields it read, and that the e-mail reached the agent masked (not verified).
    expect(await agentRead.textContent()).toContain('GoldenProfile.familyName');
    expect(await agentRead.textContent()).toContain('GoldenProfile.emails');
    expect(await agentRead.textContent()).toContain('2 values, 1 masked');
    expect(await page.getByLabel('From').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // The preferred e-mail's history, masked as the API returns it to an auditor.
    await page.getByLabel('Attribute', { exact: true }).selectOption('EMAIL');
    const history = page.getByRole('table', { name: 'History of e-mail (preferred)' });
    await history.waitFor();
    expect(await history.getByRole('row').count()).toBeGreaterThan(1);
    const historyText = (await history.textContent())!;
    expect(historyText).toMatch(/[rt]\*\*\*@example\.(com|org)/);
    expect(historyText).toContain('crm2');

    // The steward's decision the merge left: a must-link on both records.
    const decisions = page.getByRole('table', { name: 'Steward decisions in force' });
    await decisions.waitFor();
    expect(await decisions.textContent()).toContain('must link');

    // Nothing personal in clear anywhere on the page.
    const text = (await page.locator('main').textContent())!.replace(/cus_[0-9a-f]+|[0-9a-f]{64}/g, '');
    for (const personal of ['Rosalind', 'Achterberg', 'Marchetti', 'rosalind.achterberg', 'teo.marchetti', '7946', '1979-04-02']) expect(text).not.toContain(personal);

    await screenshot(page, 'audit-trail');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('opens a trail from a typed-in id on a tablet, without sideways scrolling', async () => {
    const { page, errors } = await openPage(browser, { width: 820, height: 1180 });
    await signIn(page, app.url, 'auditor', 'auditor-ali', '#/audit');
    await page.getByRole('status').getByText('Verified').waitFor();
    await page.getByLabel('Customer id').fill(mergedAway);
    await page.getByRole('button', { name: 'Open trail' }).click();
    // The merged-away id says where it went.
    await page.getByText('the surviving customer').waitFor();
    await page.getByRole('link', { name: survivor }).first().click();
    await page.getByRole('list', { name: `Merge path of ${survivor}, oldest first` }).getByText(REASON).waitFor();
    await page.getByRole('table', { name: "Reads of the customer's personal data" }).waitFor();
    await page.getByRole('table', { name: 'History of family name' }).waitFor();
    expect(page.url()).toContain(`#/audit/${survivor}`);
    // One form for one customer, after moving from one trail to another.
    expect(await page.getByLabel('Customer id').count()).toBe(1);
    expect(await page.getByLabel('Customer id').inputValue()).toBe(survivor);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(820);
    await screenshot(page, 'audit-trail-tablet');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('is not offered to a marketer, and the API refuses the trail to one', async () => {
    const { page } = await openPage(browser);
    await signIn(page, app.url, 'marketer', 'marketer-mo', `#/audit/${survivor}`);
    const nav = await navLinks(page);
    expect(nav).not.toContain("Auditor's trail");
    expect(await page.getByRole('heading', { level: 1 }).textContent()).not.toBe("Auditor's trail");
    const refused = await app.graphql('{ verifyAuditChain { ok } }', {}, bearer('marketer-mo', 'marketer'));
    expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});
