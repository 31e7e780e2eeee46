import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CRM, LEDGER, customerOfRecord, ingestRows, resetWithGoldenSources, type GoldenRow } from '../support/golden-sources.ts';
import { launchBrowser, openPage, screenshot, seriousViolations, signIn } from '../support/browser.ts';
import { bearer, startTestApp, type TestApp } from '../support/test-app.ts';

// Jane has a CRM and a ledger record sharing her e-mail (one customer); John, a separate
// customer, shares her landline and address (a household, a neighbour one value away).
// Nine more people with 21 records each (one e-mail each) share an address (a household) and a
// switchboard number on 27 records (a hub): about 200 nodes at depth 2 (the graph draws
// identifiers shared by two or more records).
const JANE: GoldenRow[] = [
  { id: 'jane-crm', given: 'Jane', family: 'Doe', email: 'jane.doe@example.com', phone: '020 7946 0001', street: '1 High Street', city: 'London', postcode: 'SW1A 1AA' },
];
const JANE_LEDGER: GoldenRow[] = [{ id: 'jane-ledger', given: 'Jane', family: 'Doe', email: 'jane.doe@example.com', street: '1 High Street', city: 'London', postcode: 'SW1A 1AA' }];
const JOHN: GoldenRow = { id: 'john-crm', given: 'Johnathan', family: 'Quimby', email: 'jq@example.org', phone: '020 7946 0001', street: '1 High Street', city: 'London', postcode: 'SW1A 1AA' };
const GIVEN = ['Anselm', 'Brigida', 'Cosimo', 'Dagny', 'Evander', 'Fenna', 'Gideon', 'Hester', 'Ivo'];
const FAMILY = ['Brakworth', 'Kelmonby', 'Turvixley', 'Zandopp', 'Lurfenwick', 'Gostrell', 'Monbrae', 'Vixtorn', 'Dopkellar'];
const big: GoldenRow[] = GIVEN.flatMap((given, p) =>
  Array.from({ length: 21 }, (_, r) => ({
    id: `big-${p}-${r}`, given, family: FAMILY[p]!, email: `${given.toLowerCase()}@big.example`,
    phone: r < 3 ? '020 7000 0000' : `07700 900${String(p * 21 + r).padStart(3, '0')}`,
    ...(r === 0 ? { street: '9 Shared Court', city: 'London', postcode: 'N1 9GU' } : {}),
  })),
);

type Graph = { nodes: Array<{ id: string; kind: string; ref: string | null; hub: boolean }>; edges: Array<{ from: string; to: string; kind: string }>; truncated: boolean };

describe('console: the identity graph in a real browser', () => {
  let app: TestApp;
  let browser: Browser;
  let jane: string;
  let john: string;
  let bigOne: string;

  const graphOf = async (id: string, depth: number): Promise<Graph> => {
    const res = await app.graphql<{ identityGraph: Graph }>('query($id: ID!, $d: Int) { identityGraph(customerId: $id, depth: $d) { nodes { id kind ref hub } edges { from to kind } truncated } }', { id, d: depth }, bearer('steward-1', 'steward'));
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.identityGraph;
  };
  const union = (...graphs: Graph[]) => ({
    nodes: new Set(graphs.flatMap((g) => g.nodes.map((n) => n.id))).size,
    edges: new Set(graphs.flatMap((g) => g.edges.map((e) => `${e.from}>${e.kind}>${e.to}`))).size,
  });
  const drawn = (page: Page) => page.evaluate('({ nodes: window.identityGraphCanvas.nodes().length, edges: window.identityGraphCanvas.edges().length })') as Promise<{ nodes: number; edges: number }>;
  /** Where Cytoscape drew an element, in page coordinates. */
  const at = async (page: Page, script: string) => {
    const box = (await page.locator('.graph-canvas').boundingBox())!;
    const p = (await page.evaluate(script)) as { x: number; y: number };
    return { x: box.x + p.x, y: box.y + p.y };
  };

  beforeAll(async () => {
    app = await startTestApp();
    await resetWithGoldenSources(app);
    await ingestRows(app, CRM.name, [...JANE, JOHN]);
    await ingestRows(app, LEDGER.name, JANE_LEDGER);
    for (let i = 0; i < big.length; i += 48) await ingestRows(app, CRM.name, big.slice(i, i + 48));
    [jane, john, bigOne] = [(await customerOfRecord(app, CRM.name, 'jane-crm'))!, (await customerOfRecord(app, CRM.name, 'john-crm'))!, (await customerOfRecord(app, CRM.name, 'big-0-0'))!];
    expect(await customerOfRecord(app, LEDGER.name, 'jane-ledger')).toBe(jane);
    expect(john).not.toBe(jane);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('draws the graph the API returns, expands a customer on a click, and shows an edge’s evidence', async () => {
    const { page, errors } = await openPage(browser);
    await signIn(page, app.url, 'steward', 'steward-sam', `#/graph/${jane}`);
    const expected = await graphOf(jane, 1);
    const counts = page.getByTestId('graph-counts');
    await counts.waitFor();
    expect(await counts.textContent()).toContain(`${expected.nodes.length} nodes, ${expected.edges.length} edges`);
    expect(await drawn(page)).toEqual({ nodes: expected.nodes.length, edges: expected.edges.length });
    const johnNode = expected.nodes.find((n) => n.kind === 'CUSTOMER' && n.ref === john);
    expect(johnNode).toBeDefined();

    // A click on John's customer node on the canvas adds his own neighbourhood.
    const where = await at(page, `window.identityGraphCanvas.$id(${JSON.stringify(johnNode!.id)}).renderedPosition()`);
    await page.mouse.click(where.x, where.y);
    const grown = union(expected, await graphOf(john, 1));
    await page.getByText(`${grown.nodes} nodes, ${grown.edges} edges`).waitFor();
    expect(await drawn(page)).toEqual(grown);
    await screenshot(page, 'identity-graph');

    // A click on an edge between one of Jane's records and her customer explains the link.
    const belongs = expected.edges.find((e) => e.kind === 'BELONGS_TO' && (e.to === expected.nodes.find((n) => n.ref === jane)!.id))!;
    const middle = await at(page, `window.identityGraphCanvas.$id(${JSON.stringify(`${belongs.from}->${belongs.kind}->${belongs.to}`)}).renderedMidpoint()`);
    await page.mouse.click(middle.x, middle.y);
    const panel = page.getByRole('complementary');
    await panel.getByText('same-email').first().waitFor();
    expect(await panel.textContent()).toContain('Decision');

    // The same from the keyboard: the edge table's buttons open the same panel.
    await page.getByText(/as tables/).click();
    const householdRow = page.getByRole('table', { name: 'Edges' }).getByRole('row').filter({ hasText: 'lives in' }).first();
    await householdRow.getByRole('button', { name: 'Evidence' }).click();
    await panel.getByText(/Shared (address|landline)/).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('draws a graph of about 200 nodes whole, hub identifiers marked, on a tablet too', async () => {
    const expected = await graphOf(bigOne, 2);
    expect(expected.nodes.length).toBeGreaterThanOrEqual(195);
    expect(expected.truncated).toBe(false);
    const { page } = await openPage(browser, { width: 820, height: 1180 });
    await signIn(page, app.url, 'auditor', 'auditor-ali', `#/graph/${bigOne}`);
    await page.getByTestId('graph-counts').waitFor();
    await page.getByLabel('Depth').selectOption('2');
    await page.getByText(`${expected.nodes.length} nodes, ${expected.edges.length} edges`).waitFor();
    expect(await drawn(page)).toEqual({ nodes: expected.nodes.length, edges: expected.edges.length });
    const hubs = expected.nodes.filter((n) => n.hub).length;
    expect(hubs).toBe(1);
    expect(await page.evaluate('window.identityGraphCanvas.nodes(".hub").length')).toBe(hubs);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(820);
    await screenshot(page, 'identity-graph-tablet');
  });
});
