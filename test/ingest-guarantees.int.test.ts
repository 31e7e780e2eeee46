import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, emptyDatabase, testCodec, type TestApp } from './support/test-app.ts';
import { graphCounts } from './support/graph-counts.ts';
import { seedReferenceData, createServices } from '../src/services.ts';

const INGEST_BATCH = `mutation Ingest($source: String!, $records: [JSON!]!) {
  ingestBatch(source: $source, records: $records) { batchId received stored unchanged rejected { position rejectedRecordId sourceRecordId field reason code } }
}`;

type Outcome = { received: number; stored: number; unchanged: number; rejected: Array<{ position: number; rejectedRecordId: string; field: string[]; reason: string; code: string }> };

/** A CRM contact; `n` makes a distinct made-up person. */
const contact = (n: number, modified: string, overrides: Record<string, unknown> = {}) => ({
  Id: `003TEST${String(n).padStart(11, '0')}`,
  FirstName: `Given${n}`,
  LastName: `Family${n}`,
  Email: `person${n}@example.com`,
  Phone: `+44 20 7946 ${String(n % 1000).padStart(4, '0')}`,
  LastModifiedDate: modified,
  ...overrides,
});

describe('ingestion guarantees on Neo4j', () => {
  let app: TestApp;
  // Values are stored encrypted and identifiers keyed by blind index: read them as the app does.
  const codec = testCodec();
  const ingest = async (source: string, records: unknown[]) => {
    const res = await app.graphql<{ ingestBatch: Outcome }>(INGEST_BATCH, { source, records });
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.ingestBatch;
  };
  const bulk = async (source: string, body: string | Buffer) => {
    const res = await fetch(`${app.url}/ingest/${source}`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', ...(await app.authHeaders()) }, body });
    return { status: res.status, body: (await res.json()) as Outcome & { rejectedCount: number } };
  };

  beforeAll(async () => {
    app = await startTestApp();
  });
  beforeEach(async () => {
    await emptyDatabase(app.driver);
    await seedReferenceData(createServices(app.executor));
  });
  afterAll(async () => app.stop());

  it('is idempotent: the same batch twice changes nothing the second time', async () => {
    const records = Array.from({ length: 50 }, (_, n) => contact(n, '2024-03-01T10:00:00.000+0000'));
    const first = await ingest('crm', records);
    expect(first).toMatchObject({ received: 50, stored: 50, unchanged: 0, rejected: [] });
    const before = await graphCounts(app.executor);
    const second = await ingest('crm', records);
    expect(second).toMatchObject({ received: 50, stored: 0, unchanged: 50, rejected: [] });
    expect(await graphCounts(app.executor)).toEqual(before);
    expect(before['SourceRecord']).toBe(50);
    expect(before['Identifier']).toBe(100);
  });

  it('never lets an older version overwrite a newer one, by the source clock', async () => {
    const newer = contact(1, '2024-05-01T00:00:00.000+0000', { LastName: 'Newname', Email: 'new@example.com' });
    const older = contact(1, '2024-04-01T00:00:00.000+0000', { LastName: 'Oldname', Email: 'old@example.com' });
    expect(await ingest('crm', [newer])).toMatchObject({ stored: 1 });
    expect(await ingest('crm', [older])).toMatchObject({ stored: 0, unchanged: 1 });
    const rows = await app.executor.readRows<{ emails: string[] }>(
      "MATCH (r:SourceRecord {key: 'crm|003TEST00000000001'})-[:HAS_IDENTIFIER]->(i:Identifier {type: 'email'}) RETURN collect(i.value) AS emails",
    );
    expect(rows[0]?.emails.map((e) => codec.decode(e))).toEqual(['new@example.com']);
    // Within one batch the newest version wins too, whatever the order.
    const newest = contact(2, '2024-06-01T00:00:00.000+0000', { Email: 'newest@example.com' });
    // The older version counts as unchanged: it was not written (it used to count as stored).
    expect(await ingest('crm', [newest, contact(2, '2024-01-01T00:00:00.000+0000', { Email: 'stale@example.com' })])).toMatchObject({ received: 2, stored: 1, unchanged: 1 });
    const two = await app.executor.readRows<{ value: string }>("MATCH (:SourceRecord {key: 'crm|003TEST00000000002'})-[:HAS_IDENTIFIER]->(i {type: 'email'}) RETURN i.value AS value");
    expect(two.map((r) => codec.decode(r.value))).toEqual(['newest@example.com']);
  });

  it('replaces a record’s identifiers with the newer version’s, keeping the shared Identifier nodes', async () => {
    await ingest('crm', [contact(1, '2024-01-01T00:00:00.000+0000'), contact(2, '2024-01-01T00:00:00.000+0000', { Email: 'person1@example.com' })]);
    await ingest('crm', [contact(1, '2024-02-01T00:00:00.000+0000', { Email: 'moved@example.com' })]);
    const shared = await app.executor.readRows<{ keys: string[] }>('MATCH (i:Identifier {key: $key})<-[:HAS_IDENTIFIER]-(r) RETURN collect(r.key) AS keys', {
      key: codec.lookupKey('email', 'person1@example.com'),
    });
    expect(shared[0]?.keys).toEqual(['crm|003TEST00000000002']);
  });

  it('commits the good records of a mixed batch and reports and keeps each bad one', async () => {
    const outcome = await ingest('crm', [
      contact(1, '2024-03-01T10:00:00.000+0000'),
      { ...contact(2, '2024-03-01T10:00:00.000+0000'), LastName: 42 },
      contact(3, '2024-03-01T10:00:00.000+0000'),
      { ...contact(4, '2024-02-30T10:00:00.000+0000') },
      'not an object',
    ]);
    expect(outcome.stored).toBe(2);
    expect(outcome.rejected.map(({ position, field, code }) => ({ position, field, code }))).toEqual([
      { position: 1, field: ['payload', 'LastName'], code: 'INVALID_PAYLOAD' },
      { position: 3, field: ['payload', 'LastModifiedDate'], code: 'INVALID_PAYLOAD' },
      { position: 4, field: ['payload'], code: 'INVALID_PAYLOAD' },
    ]);
    for (const r of outcome.rejected) expect(r.reason).not.toMatch(/Family|example\.com/);

    const listed = await app.graphql<{ rejectedRecords: Array<{ id: string; position: number; payload: string; status: string; code: string }> }>(
      '{ rejectedRecords(source: "crm", status: OPEN) { id position payload status code } }',
    );
    const kept = listed.body.data!.rejectedRecords;
    expect(kept.map((r) => r.id).sort()).toEqual(outcome.rejected.map((r) => r.rejectedRecordId).sort());
    expect(JSON.parse(kept.find((r) => r.position === 1)!.payload)).toMatchObject({ LastName: 42 });
    const counts = await graphCounts(app.executor);
    expect(counts['SourceRecord']).toBe(2);
    expect(counts['RejectedRecord']).toBe(3);

    // The same bad record sent again is the same rejection, seen twice.
    await ingest('crm', [{ ...contact(2, '2024-03-01T10:00:00.000+0000'), LastName: 42 }]);
    expect((await graphCounts(app.executor))['RejectedRecord']).toBe(3);
  });

  it('ends two concurrent overlapping imports in the same graph as one after the other', async () => {
    const a = Array.from({ length: 400 }, (_, n) => contact(n, '2024-03-01T10:00:00.000+0000'));
    const b = Array.from({ length: 400 }, (_, n) =>
      contact(n + 200, n < 200 ? '2024-03-02T10:00:00.000+0000' : '2024-03-01T10:00:00.000+0000', n < 200 ? { Phone: '+44 20 7946 0999' } : {}),
    );
    const ndjson = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n');
    const [ra, rb] = await Promise.all([bulk('crm', ndjson(a)), bulk('crm', ndjson(b))]);
    expect(ra.body.rejectedCount + rb.body.rejectedCount).toBe(0);
    const concurrent = await graphCounts(app.executor);
    // Each encryption of a value differs (random nonce): compare what the values decode to.
    const phones = async () =>
      (
        await app.executor.readRows<{ key: string; phones: string[] }>(
          "MATCH (r:SourceRecord)-[:HAS_IDENTIFIER]->(i {type: 'phone'}) RETURN r.key AS key, collect(i.value) AS phones ORDER BY key",
        )
      ).map((r) => ({ key: r.key, phones: r.phones.map((p) => codec.decode(p)).sort() }));
    const concurrentPhones = await phones();

    await emptyDatabase(app.driver);
    await seedReferenceData(createServices(app.executor));
    await bulk('crm', ndjson(a));
    await bulk('crm', ndjson(b));
    expect(await graphCounts(app.executor)).toEqual(concurrent);
    expect(await phones()).toEqual(concurrentPhones);
    expect(concurrent['SourceRecord']).toBe(600);
    const dupes = await app.executor.readRows<{ n: number }>('MATCH (i:Identifier) WITH i.key AS key, count(*) AS c WHERE c > 1 RETURN count(*) AS n');
    expect(dupes[0]?.n).toBe(0);
  });

  it('rejects malformed NDJSON line by line with nothing half-written', async () => {
    const big = `{"Id":"003BIG","LastName":"${'x'.repeat(50 * 1024 * 1024)}","LastModifiedDate":"2024-03-01T10:00:00.000+0000"}`;
    const lines = [
      JSON.stringify(contact(1, '2024-03-01T10:00:00.000+0000')),
      '{"Id": "003BROKEN", "LastName": ',
      JSON.stringify({ ...contact(2, '2024-03-01T10:00:00.000+0000'), Email: ['not', 'a string'] }),
      big,
      JSON.stringify({ ...contact(3, '2024-03-01T10:00:00.000+0000'), LastName: 'Fam\uD800ily' }),
      JSON.stringify({ ...contact(4, '2024-03-01T10:00:00.000+0000'), LastName: 'Evil\u202Eeman' }),
      JSON.stringify({ ...contact(5, '2024-03-01T10:00:00.000+0000'), LastName: 'Nul\u0000l' }),
      JSON.stringify({ ...contact(6, '2024-03-01T10:00:00.000+0000'), FirstName: 'Zoe\u0308', LastName: '山田' }),
    ];
    const res = await bulk('crm', lines.join('\n'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ received: 8, stored: 2, rejectedCount: 6 });
    expect(res.body.rejected.map((r) => [r.position, r.code, r.field.join('.')])).toEqual([
      [1, 'NOT_JSON', ''],
      [2, 'INVALID_PAYLOAD', 'payload.Email'],
      [3, 'TOO_LARGE', ''],
      [4, 'INVALID_TEXT', 'payload.LastName'],
      [5, 'INVALID_TEXT', 'payload.LastName'],
      [6, 'INVALID_TEXT', 'payload.LastName'],
    ]);
    const counts = await graphCounts(app.executor);
    expect(counts['SourceRecord']).toBe(2);
    expect(counts['RejectedRecord']).toBe(6);
    const stored = await app.executor.readRows<{ attrs: string }>("MATCH (r:SourceRecord {key: 'crm|003TEST00000000006'}) RETURN r.attrs AS attrs");
    expect(JSON.parse(codec.decode(stored[0]!.attrs)).names[0]).toMatchObject({ given: 'Zo\u00EB', family: '山田' });
    const tooLarge = (
      await app.executor.readRows<{ bytes: number; truncated: boolean; payload: string }>(
        "MATCH (j:RejectedRecord {code: 'TOO_LARGE'}) RETURN j.payloadBytes AS bytes, j.payloadTruncated AS truncated, j.payload AS payload",
      )
    ).map(({ payload, ...rest }) => ({ ...rest, kept: codec.decode(payload).length }));
    expect(tooLarge[0]).toEqual({ bytes: Buffer.byteLength(big), truncated: true, kept: 64 * 1024 });
  }, 120_000);

  it('answers API misuse with clear GraphQL errors', async () => {
    const unknown = await app.graphql(INGEST_BATCH, { source: 'nope', records: [{}] });
    expect(unknown.body.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND', field: ['source'] });
    const tooMany = await app.graphql(INGEST_BATCH, { source: 'crm', records: Array.from({ length: 1001 }, () => ({})) });
    expect(tooMany.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: ['records'] });
    const notJson = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(await app.authHeaders()) }, body: '{"query": ' });
    expect(notJson.status).toBe(400);
    const admin = await app.authHeaders();
    const wrongType = await fetch(`${app.url}/ingest/crm`, { method: 'POST', headers: { 'content-type': 'application/xml', ...admin }, body: '<a/>' });
    expect(wrongType.status).toBe(415);
    const noSource = await fetch(`${app.url}/ingest/nope`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', ...admin }, body: '{}' });
    expect(noSource.status).toBe(404);
    expect(await graphCounts(app.executor)).not.toHaveProperty('SourceRecord');
  });
});
