/**
 * How soon the web console can be used, run on demand (not a test):
 *   node bench/console/first-interaction.bench.ts [--people 500] [--samples 20]
 *
 * On one local Neo4j with `--people` generated people (every source, resolved), the API in
 * this process serves the built console (npm run console:build first). Debian's Chromium,
 * one fresh browser context per sample (empty cache, as a first visit):
 *  - first interaction: navigation to /console/ until the sign-in button can be clicked;
 *  - signed in: click on Sign in until the agent desk's search box is there;
 *  - search: a name search until the result table is drawn;
 *  - graph: the identity graph of the customer with the most records until it is drawn
 *    (its node count printed);
 *  - a 200-node graph: 210 nodes and 420 edges added to the page's canvas and laid out as
 *    the page lays out an expansion (cose, no animation), then the frame intervals while the
 *    canvas pans for 60 frames (16.7 ms is 60 frames a second).
 * The floor is the same browser loading the smallest page the server has (/healthz) over
 * the same loopback. Prints timings and counts only, never a value.
 */
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { systemActor } from '../../src/audit/audit.ts';
import { DEV_JWT_SECRET, type AuthConfig } from '../../src/config.ts';
import { migrate } from '../../src/graph/migrations/migrate.ts';
import { ingestStream } from '../../src/ingest/bulk-ingest.ts';
import type { IngestItem } from '../../src/ingest/ingest.service.ts';
import { createLogger } from '../../src/logger.ts';
import { startServer } from '../../src/server.ts';
import { createServices, seedReferenceData } from '../../src/services.ts';
import { launchBrowser } from '../../test/support/browser.ts';
import { generateDataset, sourceKinds } from '../generate/dataset.ts';
import { latencyLine } from '../support/measure.ts';
import { openBenchDatabase } from '../support/neo4j.ts';
import { positiveOption } from '../support/options.ts';

const { values } = parseArgs({ options: { people: { type: 'string', default: '500' }, samples: { type: 'string', default: '20' } }, strict: true });
const [people, samples] = [positiveOption(values, 'people'), positiveOption(values, 'samples')];
const say = (line = '') => console.log(line);
const auth: AuthConfig = { verifier: { kind: 'secret', secret: DEV_JWT_SECRET }, issuer: undefined, audience: undefined, subjectClaim: 'sub', rolesClaim: 'roles', devTokens: true };

async function* itemsOf(payloads: Iterable<{ payload: unknown }>): AsyncGenerator<IngestItem> {
  let position = 0;
  for (const { payload } of payloads) yield { position: position++, payload };
}

const db = await openBenchDatabase(say);
await db.executor.runSchema('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
await migrate(db.executor);
const services = createServices(db.executor);
await seedReferenceData(services);
for (const source of sourceKinds) await ingestStream(services.ingest, await services.sources.resolve(source), itemsOf(generateDataset({ people, seed: 7, sources: [source] })), { chunkSize: 2000 });
await services.bulkResolve.resolveAll(systemActor, { force: true });
const [biggest] = await db.executor.readRows<{ id: string; records: number }>(
  "MATCH (c:Customer {status: 'active'})<-[:BELONGS_TO]-(r) WITH c, count(r) AS records ORDER BY records DESC LIMIT 1 RETURN c.id AS id, records",
);
const server = await startServer({
  config: { env: 'test', http: { host: '127.0.0.1', port: 0, shutdownTimeoutMs: 5_000 }, auth, corsOrigins: [], rateLimits: { queriesPerMinute: 1_000_000, verifyCallerPerMinute: 10 } },
  logger: createLogger('silent', new Writable({ write: (_c, _e, done) => done() })),
  executor: db.executor,
  version: 'bench',
  services,
});
server.markReady([]);

const browser = await launchBrowser();
const timings = { floor: [] as number[], first: [] as number[], signedIn: [] as number[], search: [] as number[], graph: [] as number[], layout: [] as number[], frames: [] as number[] };
// Runs in the page, on the identity graph's own Cytoscape instance: no personal data, made-up ids.
const BIG_GRAPH = `(async () => {
  const cy = window.identityGraphCanvas;
  cy.elements().remove();
  const nodes = Array.from({ length: 210 }, (_, i) => ({ group: 'nodes', position: { x: 214 * Math.cos(i / 33.4), y: 214 * Math.sin(i / 33.4) }, data: { id: 'n' + i, label: 'node ' + i, colour: '#8250df', shape: 'ellipse', kind: i % 20 === 0 ? 'CUSTOMER' : 'SOURCE_RECORD' } }));
  const edges = Array.from({ length: 420 }, (_, i) => ({ group: 'edges', data: { id: 'e' + i, source: 'n' + (i % 210), target: 'n' + (Math.floor(i / 2) % 10) * 20 } }));
  const started = performance.now();
  cy.add([...nodes, ...edges]);
  cy.layout(window.identityGraphLayout(210)).run();
  cy.fit(undefined, 24);
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const layout = performance.now() - started;
  const frames = [];
  let last = performance.now();
  for (let i = 0; i < 60; i++) {
    cy.panBy({ x: 3, y: 2 });
    await new Promise((r) => requestAnimationFrame(r));
    const now = performance.now();
    frames.push(now - last);
    last = now;
  }
  return { layout, frames };
})()`;
let graphNodes = 'n/a';
const time = async (into: number[], work: () => Promise<unknown>) => {
  const started = performance.now();
  await work();
  into.push(performance.now() - started);
};
// One warm-up round (the server's first GraphQL requests compile and plan), then the samples.
for (let round = 0; round <= samples; round++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const into = round === 0 ? { floor: [], first: [], signedIn: [], search: [], graph: [], layout: [], frames: [] } : timings;
  await time(into.floor, () => page.goto(`${server.url}/healthz`));
  await time(into.first, async () => {
    await page.goto(`${server.url}/console/`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  });
  await page.getByLabel('Role').selectOption('steward');
  await page.getByLabel('Name').fill('bench-steward');
  await time(into.signedIn, async () => {
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('searchbox').waitFor();
  });
  await page.getByRole('searchbox').fill('smith');
  await time(into.search, async () => {
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText(/customers? found|No customer matches/).waitFor();
  });
  if (biggest) {
    await time(into.graph, async () => {
      await page.goto(`${server.url}/console/#/graph/${biggest.id}`);
      await page.getByTestId('graph-counts').waitFor();
    });
    graphNodes = (await page.getByTestId('graph-counts').textContent()) ?? 'n/a';
    const big = (await page.evaluate(BIG_GRAPH)) as { layout: number; frames: number[] };
    into.layout.push(big.layout);
    into.frames.push(...big.frames);
  }
  await context.close();
}
await browser.close();
await server.stop();
await db.close();

say(`console, ${people} generated people, ${samples} first visits (fresh browser context each), on ${db.description}`);
say(`  floor (GET /healthz in the browser)   ${latencyLine(timings.floor)}`);
say(`  first interaction (sign-in ready)     ${latencyLine(timings.first)}`);
say(`  signed in to the agent desk           ${latencyLine(timings.signedIn)}`);
say(`  name search drawn                     ${latencyLine(timings.search)}`);
say(`  identity graph drawn (${biggest?.records ?? 0} records; ${graphNodes})  ${latencyLine(timings.graph)}`);
say(`  210-node graph laid out and drawn     ${latencyLine(timings.layout)}`);
say(`  frame interval panning it             ${latencyLine(timings.frames)}`);
