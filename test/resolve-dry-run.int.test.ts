import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServices, seedReferenceData } from '../src/services.ts';
import { runCli } from './support/cli.ts';
import { graphCounts } from './support/graph-counts.ts';
import { customersOf, ingestPeople, registerPeople, type PersonRow } from './support/people-source.ts';
import { bearer, emptyDatabase, startTestApp, type TestApp } from './support/test-app.ts';

const steward = bearer('steward-1', 'steward');
const PREVIEW = `{ previewResolveAll {
  records modelVersion customersBefore customersAfter merged split grown unchanged newCustomers links reviews
  heldBack { clusterSizeLimit weakBridge } sizes { median p90 p99 largest } largest { customerId records fromCustomers } refusals } }`;
const SINGLES: PersonRow[] = [
  ['Amara', 'Okonjo'],
  ['Bodhi', 'Lindqvist'],
  ['Cosima', 'Achterberg'],
  ['Dario', 'Valdivia'],
  ['Elif', 'Gunawardena'],
  ['Farid', 'Thibodeaux'],
  ['Greta', 'Yardley'],
  ['Hiro', 'Zeller'],
].map(([given, family], n) => ({ id: `s${n}`, given, family, email: `${given!.toLowerCase()}.${family!.toLowerCase()}@example.com`, dob: `19${60 + n}-0${n + 1}-1${n}` }));

/**
 * Twelve customers: eight people on their own, a namesake pair waiting for review, and a
 * family inbox the same-email rule was switched off for while it was ingested. With the
 * rule back, a re-resolution merges the two Ashdowns: one of twelve customers (8.3%), past
 * the default bound of 5%.
 */
async function twelveCustomers(app: TestApp): Promise<Array<{ name: string; identifierTypes: string[] }>> {
  await emptyDatabase(app.driver);
  await seedReferenceData(createServices(app.executor));
  await registerPeople(app);
  const rules = (await app.graphql<{ matchRules: Array<{ name: string; identifierTypes: string[] }> }>('{ matchRules { name identifierTypes } }')).body.data!.matchRules;
  const setRules = (r: typeof rules) => app.graphql('mutation($r: [MatchRuleInput!]!) { setMatchRules(rules: $r) { name } }', { r });
  await setRules(rules.filter((r) => r.name !== 'same-email'));
  await ingestPeople(app, [
    ...SINGLES,
    { id: 'e1', given: 'Robin', family: 'Ashdown', email: 'ashdown.home@example.com', postcode: 'SW1A 1AA' },
    { id: 'e2', given: 'Sam', family: 'Ashdown', email: 'ashdown.home@example.com', postcode: 'E1 6AN' },
    { id: 'r1', given: 'Jane', family: 'Quillfeather', postcode: 'SW1A 1AA' },
    { id: 'r2', given: 'Jane', family: 'Quillfeather', postcode: 'E1 6AN' },
  ]);
  await setRules(rules);
  return rules;
}

describe('resolveAll: the dry run first, and bounds it will not cross unforced', () => {
  let app: TestApp;
  let dir: string;

  beforeAll(async () => {
    app = await startTestApp();
    dir = await mkdtemp(join(tmpdir(), 'identity-graph-resolve-'));
  });
  beforeEach(async () => {
    await twelveCustomers(app);
    const before = await customersOf(app, ['e1', 'e2', 'r1', 'r2']);
    if (before['e1'] === before['e2'] || before['r1'] === before['r2']) throw new Error('setup: the pairs should start apart');
  });
  afterAll(async () => {
    await app.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('previews the change for a steward without writing anything, refuses it unforced with a coded error, applies it forced and undoes it', async () => {
    const before = await customersOf(app, ['e1', 'e2']);
    const counts = await graphCounts(app.executor);
    const preview = await app.graphql<{ previewResolveAll: Record<string, unknown> }>(PREVIEW, {}, steward);
    expect(preview.body.errors).toBeUndefined();
    expect(preview.body.data!.previewResolveAll).toEqual({
      records: 12,
      modelVersion: 'default-3',
      customersBefore: 12,
      customersAfter: 11,
      merged: 1,
      split: 0,
      grown: 1,
      unchanged: 10,
      newCustomers: 0,
      links: 1,
      reviews: 1,
      heldBack: { clusterSizeLimit: 0, weakBridge: 0 },
      sizes: { median: 1, p90: 1, p99: 2, largest: 2 },
      largest: expect.arrayContaining([{ customerId: expect.stringMatching(/^cus_/), records: 2, fromCustomers: 2 }]),
      refusals: ['it would merge away 1 of 12 customers (8.3%; the bound is 5%)'],
    });
    expect((preview.body.data!.previewResolveAll['largest'] as unknown[]).length).toBe(10);
    expect(await graphCounts(app.executor)).toEqual(counts);
    const agent = await app.graphql(PREVIEW, {}, bearer('agent-1', 'agent'));
    expect(agent.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    const refused = await app.graphql('mutation { resolveAll { mergedAway } }', {}, steward);
    expect(refused.body.data).toBeNull();
    expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('CHANGE_TOO_LARGE');
    expect(refused.body.errors?.[0]?.message).toBe(
      'Re-resolution refused: it would merge away 1 of 12 customers (8.3%; the bound is 5%). Nothing was changed. Review it with previewResolveAll (CLI: resolve --dry-run), then apply it with force: true (CLI: --force).',
    );
    expect(await customersOf(app, ['e1', 'e2'])).toEqual(before);
    expect(await graphCounts(app.executor)).toEqual(counts);

    const forced = await app.graphql<{ resolveAll: { mergedAway: number; customers: number } }>('mutation { resolveAll(force: true) { mergedAway customers } }', {}, steward);
    expect(forced.body.data?.resolveAll).toEqual({ mergedAway: 1, customers: 11 });
    const together = (await customersOf(app, ['e1', 'e2']))['e1']!;
    expect((await customersOf(app, ['e2']))['e2']).toBe(together);
    const path = await app.graphql<{ mergePath: Array<{ id: string; kind: string }> }>('query($id: ID!) { mergePath(customerId: $id) { id kind } }', { id: together }, steward);
    expect(path.body.data!.mergePath.map((s) => s.kind)).toEqual(['MERGE']);
    const undone = await app.graphql('mutation($e: ID!) { unmergeCustomers(eventId: $e, reason: "a shared family inbox") { to { id } } }', { e: path.body.data!.mergePath[0]!.id }, steward);
    expect(undone.body.errors).toBeUndefined();
    const apart = await customersOf(app, ['e1', 'e2']);
    expect(new Set([apart['e1'], apart['e2']])).toEqual(new Set([before['e1'], before['e2']]));
  });

  it('runs the same from the command line: --dry-run writes nothing, resolve refuses with exit 1, --force applies', async () => {
    const before = await customersOf(app, ['e1', 'e2']);
    const counts = await graphCounts(app.executor);
    const dry = await runCli(['resolve', '--dry-run']).done;
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Dry run with model default-3: nothing was written.');
    expect(dry.stdout).toContain("Of today's customers: 1 merged away, 0 split, 1 grown, 10 unchanged; 0 new customers.");
    expect(dry.stdout).toContain('Customer sizes afterwards: median 1, p90 1, p99 2, largest 2 records.');
    expect(dry.stdout).toMatch(/cus_[0-9a-f]{24}\s+2 records from 2 of today's customers/);
    expect(dry.stdout).toContain('would refuse: it would merge away 1 of 12 customers (8.3%; the bound is 5%). Apply it anyway with --force.');
    expect(await graphCounts(app.executor)).toEqual(counts);

    const refused = await runCli(['resolve']).done;
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Re-resolution refused: it would merge away 1 of 12 customers (8.3%; the bound is 5%). Nothing was changed.');
    expect(refused.stderr).toContain('--force');
    // The bounds come from the environment: a looser share, but no customer above one record.
    const tooBig = await runCli(['resolve'], { RESOLVE_MAX_MERGED_AWAY_PERCENT: '50', RESOLVE_MAX_CUSTOMER_RECORDS: '1' }).done;
    expect(tooBig.code).toBe(1);
    expect(tooBig.stderr).toContain('Re-resolution refused: it would make a customer of 2 records (the bound is 1). Nothing was changed.');
    expect(await customersOf(app, ['e1', 'e2'])).toEqual(before);

    const forced = await runCli(['resolve', '--force']).done;
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/^Resolved 12 records into 11 customers with model default-3 in [\d.]+ s: 11 ids kept, 0 new, 1 merged away, 1 open reviews \(0 links held back\)\.$/m);
    const after = await customersOf(app, ['e1', 'e2']);
    expect(after['e1']).toBe(after['e2']);
  });

  it('compares two models over the stored records: the pairs whose decision changes, by direction', async () => {
    const shipped = join(import.meta.dirname, '..', 'models', 'default-model.json');
    const model = JSON.parse(await readFile(shipped, 'utf8'));
    const lenient = join(dir, 'lenient.json');
    await writeFile(lenient, JSON.stringify({ ...model, version: 'lenient-1', thresholds: { link: 0.6, review: 0.5 } }));
    const run = await runCli(['compare-models', shipped, lenient, '--first', '3']).done;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Compared default-3 \(A\) with lenient-1 \(B\) on \d+ candidate pairs: [1-9]\d* change decision\.$/m);
    expect(run.stdout).toMatch(/^ {2}review -> link +1$/m);
    expect(run.stdout).toMatch(/^ {2}people\|r1 {2}people\|r2 {2}A 0\.\d{4} {2}B 0\.\d{4}$/m);
    // Nothing changes between a model and itself.
    const same = await runCli(['compare-models', shipped, shipped]).done;
    expect(same.stdout).toMatch(/candidate pairs: 0 change decision\.$/m);
  });
});
