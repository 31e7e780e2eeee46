import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServices, seedReferenceData } from '../src/services.ts';
import { runCli } from './support/cli.ts';
import { peopleMapping } from './support/people-source.ts';
import { bearer, emptyDatabase, startTestApp, type TestApp } from './support/test-app.ts';

// Bug (issue #11): a source's rejected records stayed OPEN after the corrected record was
// imported and stored, so the list of rejections a steward works through never shrank.

type Listed = {
  id: string;
  sourceRecordId: string | null;
  status: string;
  payload: string | null;
  resolvedAt: string | null;
  supersededBy: string | null;
  dismissedAt: string | null;
  dismissedBy: string | null;
  dismissReason: string | null;
};
const FIELDS = 'id sourceRecordId status payload resolvedAt supersededBy dismissedAt dismissedBy dismissReason';
const INGEST = 'mutation($s: String!, $r: [JSON!]!) { ingestBatch(source: $s, records: $r) { stored rejected { rejectedRecordId sourceRecordId code } } }';
const steward = bearer('steward-3', 'steward');

/** A CRM contact; `n` makes a distinct made-up person. */
const contact = (n: number, modified: string, overrides: Record<string, unknown> = {}) => ({
  Id: `003REJ${String(n).padStart(12, '0')}`,
  FirstName: `Given${n}`,
  LastName: `Family${n}`,
  Email: `rejected.person${n}@example.com`,
  LastModifiedDate: modified,
  ...overrides,
});
const idOf = (n: number) => `003REJ${String(n).padStart(12, '0')}`;

describe('rejected records are resolved by the record that corrects them, or dismissed by a steward', () => {
  let app: TestApp;
  let dir: string;
  const ingest = async (source: string, records: unknown[]) => {
    const res = await app.graphql<{ ingestBatch: { stored: number; rejected: Array<{ rejectedRecordId: string; sourceRecordId: string | null; code: string }> } }>(INGEST, { s: source, r: records });
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.ingestBatch;
  };
  const list = async (args: string) => {
    const res = await app.graphql<{ rejectedRecords: Listed[] }>(`{ rejectedRecords(${args}) { ${FIELDS} } }`, {}, steward);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.rejectedRecords;
  };
  const one = async (id: string) => (await list('first: 1000')).find((r) => r.id === id)!;
  const openCount = async (source: string) => {
    const res = await app.graphql<{ sources: Array<{ name: string; openRejectionCount: number }> }>('{ sources { name openRejectionCount } }');
    return res.body.data!.sources.find((s) => s.name === source)!.openRejectionCount;
  };

  beforeAll(async () => {
    app = await startTestApp();
    dir = await mkdtemp(join(tmpdir(), 'identity-graph-rejections-'));
  });
  beforeEach(async () => {
    await emptyDatabase(app.driver);
    await seedReferenceData(createServices(app.executor));
  });
  afterAll(async () => {
    await app.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('marks the open rejections of a record RESOLVED when a corrected version is stored over GraphQL, naming that record', async () => {
    const first = await ingest('crm', [contact(1, 'yesterday'), contact(2, 'last week')]);
    expect(first.stored).toBe(0);
    // The record id is read from the payload even though the payload fails its schema.
    expect(first.rejected.map((r) => [r.sourceRecordId, r.code])).toEqual([[idOf(1), 'INVALID_PAYLOAD'], [idOf(2), 'INVALID_PAYLOAD']]);
    expect(await openCount('crm')).toBe(2);

    expect((await ingest('crm', [contact(1, '2024-03-01T10:00:00.000+0000')])).stored).toBe(1);
    const resolved = await one(first.rejected[0]!.rejectedRecordId);
    expect(resolved).toMatchObject({ status: 'RESOLVED', sourceRecordId: idOf(1), supersededBy: `crm|${idOf(1)}`, payload: null, dismissedAt: null });
    expect(Date.parse(resolved.resolvedAt!)).toBeGreaterThan(Date.now() - 60_000);
    // The other record's rejection is still waiting.
    expect(await one(first.rejected[1]!.rejectedRecordId)).toMatchObject({ status: 'OPEN', resolvedAt: null, supersededBy: null });
    expect(await openCount('crm')).toBe(1);

    // Filtering by status sees each in its place.
    expect((await list('source: "crm", status: OPEN')).map((r) => r.id)).toEqual([first.rejected[1]!.rejectedRecordId]);
    expect((await list('source: "crm", status: RESOLVED')).map((r) => r.id)).toEqual([first.rejected[0]!.rejectedRecordId]);
    expect(await list('status: REPLAYED')).toEqual([]);

    // The same bad payload sent again is open again, with its payload to inspect.
    await ingest('crm', [contact(1, 'yesterday')]);
    expect(await one(first.rejected[0]!.rejectedRecordId)).toMatchObject({ status: 'OPEN', resolvedAt: null, supersededBy: null, payload: expect.stringContaining('yesterday') });
  });

  it('resolves through the NDJSON endpoint, by later lines of the same stream, but not by a version sent before the bad one', async () => {
    const ndjson = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n');
    const res = await fetch(`${app.url}/ingest/crm`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', ...(await app.authHeaders()) },
      body: ndjson([contact(3, 'soon'), contact(3, '2024-03-01T10:00:00.000+0000'), contact(4, '2024-03-01T10:00:00.000+0000'), contact(4, 'never')]),
    });
    expect(res.status).toBe(200);
    const outcome = (await res.json()) as { stored: number; rejected: Array<{ rejectedRecordId: string; sourceRecordId: string }> };
    expect(outcome.stored).toBe(2);
    const byRecord = new Map(outcome.rejected.map((r) => [r.sourceRecordId, r.rejectedRecordId]));
    expect(await one(byRecord.get(idOf(3))!)).toMatchObject({ status: 'RESOLVED', supersededBy: `crm|${idOf(3)}` });
    expect(await one(byRecord.get(idOf(4))!)).toMatchObject({ status: 'OPEN' });
  });

  it('resolves through a CLI import and through a replay of another rejection of the same record', async () => {
    const register = await app.graphql('mutation($m: JSON!) { registerSource(input: { name: "people", mapping: $m }) { name } }', { m: peopleMapping });
    expect(register.body.errors).toBeUndefined();
    const bad = await ingest('people', [
      { id: 'P-1', given: 'Nell', family: 'Gwyn', email: 'nell.gwyn@example.com', updated: 'the day before yesterday' },
      { id: 'P-2', given: 'Sam', family: 'Pepys', email: 'sam.pepys@example.com', updated: 'Tuesday' },
    ]);
    expect(bad.rejected.map((r) => r.sourceRecordId)).toEqual(['P-1', 'P-2']);

    const csv = join(dir, 'people.csv');
    await writeFile(csv, ['id,given,family,email,updated', 'P-1,Nell,Gwyn,nell.gwyn@example.com,2024-03-02T10:00:00Z'].join('\n'));
    const run = await runCli(['import', '--source', 'people', csv]).done;
    expect(run.code, run.stderr).toBe(0);
    expect(await one(bad.rejected[0]!.rejectedRecordId)).toMatchObject({ status: 'RESOLVED', supersededBy: 'people|P-1' });

    // A second bad version of P-2 that a fixed mapping would take; replaying it alone stores
    // P-2, which supersedes the first rejection of P-2.
    const strict = { ...peopleMapping, fields: peopleMapping.fields.map((f) => (f.to === 'dateOfBirth' ? { ...f, onInvalid: 'reject' } : f)) };
    expect((await app.graphql('mutation($m: JSON!) { registerSource(input: { name: "people", mapping: $m }) { name } }', { m: strict })).body.errors).toBeUndefined();
    const usDate = await ingest('people', [{ id: 'P-2', given: 'Sam', family: 'Pepys', email: 'sam.pepys@example.com', dob: '02/23/1983', updated: '2024-03-02T10:00:00Z' }]);
    expect(usDate.rejected).toHaveLength(1);
    const fixed = { ...strict, fields: strict.fields.map((f) => (f.to === 'dateOfBirth' ? { ...f, transform: { type: 'date', format: 'MM/DD/YYYY' } } : f)) };
    expect((await app.graphql('mutation($m: JSON!) { registerSource(input: { name: "people", mapping: $m }) { name } }', { m: fixed })).body.errors).toBeUndefined();
    const replay = await app.graphql<{ replayRejected: { stored: number } }>('mutation($ids: [ID!]) { replayRejected(source: "people", ids: $ids) { stored } }', { ids: [usDate.rejected[0]!.rejectedRecordId] });
    expect(replay.body.errors).toBeUndefined();
    expect(replay.body.data?.replayRejected.stored).toBe(1);
    expect(await one(usDate.rejected[0]!.rejectedRecordId)).toMatchObject({ status: 'REPLAYED' });
    expect(await one(bad.rejected[1]!.rejectedRecordId)).toMatchObject({ status: 'RESOLVED', supersededBy: 'people|P-2' });
    expect(await openCount('people')).toBe(0);
  });

  it('lets a steward dismiss an open rejection with a reason, audited, and keeps it dismissed', async () => {
    const [rejection] = (await ingest('crm', [contact(5, 'whenever')])).rejected;
    const DISMISS = `mutation($id: ID!, $reason: String!) { dismissRejection(id: $id, reason: $reason) { ${FIELDS} } }`;

    const blank = await app.graphql(DISMISS, { id: rejection!.rejectedRecordId, reason: '  ' }, steward);
    expect(blank.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: ['reason'] } });
    for (const role of ['agent', 'marketer', 'auditor'] as const) {
      const refused = await app.graphql(DISMISS, { id: rejection!.rejectedRecordId, reason: 'test export' }, bearer(`${role}-1`, role));
      expect(refused.body.errors?.[0]?.extensions?.['code'], role).toBe('FORBIDDEN');
    }
    const unknown = await app.graphql(DISMISS, { id: 'rej_nothing', reason: 'test export' }, steward);
    expect(unknown.body.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND', field: ['id'] } });

    const dismissed = await app.graphql<{ dismissRejection: Listed }>(DISMISS, { id: rejection!.rejectedRecordId, reason: 'a test export, never a customer' }, steward);
    expect(dismissed.body.errors).toBeUndefined();
    expect(dismissed.body.data!.dismissRejection).toMatchObject({ status: 'DISMISSED', dismissedBy: 'steward-3', dismissReason: 'a test export, never a customer', payload: null });
    expect(await openCount('crm')).toBe(0);
    expect((await list('status: DISMISSED')).map((r) => r.id)).toEqual([rejection!.rejectedRecordId]);

    const again = await app.graphql(DISMISS, { id: rejection!.rejectedRecordId, reason: 'twice' }, steward);
    expect(again.body.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT', field: ['id'] } });

    const audit = await app.graphql<{ auditTrail: Array<{ operation: string; actor: string; reason: string | null; detail: Record<string, unknown> }> }>(
      '{ auditTrail(operations: [REJECTION_DISMISS]) { operation actor reason detail } }',
    );
    expect(audit.body.errors).toBeUndefined();
    expect(audit.body.data!.auditTrail).toEqual([
      { operation: 'REJECTION_DISMISS', actor: 'steward-3', reason: 'a test export, never a customer', detail: { rejection: rejection!.rejectedRecordId, source: 'crm' } },
    ]);

    // Sent again, the same bad payload stays dismissed; a corrected record does not reopen or resolve it.
    await ingest('crm', [contact(5, 'whenever')]);
    await ingest('crm', [contact(5, '2024-03-01T10:00:00.000+0000')]);
    expect(await one(rejection!.rejectedRecordId)).toMatchObject({ status: 'DISMISSED', resolvedAt: null });
  });
});
