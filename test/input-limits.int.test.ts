import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.ts';
import { startTestApp, testCodec, type TestApp } from './support/test-app.ts';

// Bug: each way in had its own limits. Over GraphQL a 5 MiB record was stored, invalid
// UTF-8 was stored as U+FFFD and one record nested 100,000 levels deep failed the whole
// batch with INTERNAL_SERVER_ERROR; the NDJSON endpoint rejected them line by line. A
// record dated 9999-12-31 was stored, and every later correction answered `unchanged`.

type Rejected = { position: number; code: string; field: string[]; reason: string; rejectedRecordId?: string };
type Outcome = { received: number; stored: number; unchanged: number; rejected: Rejected[] };

const MODIFIED = '2024-03-01T10:00:00.000+0000';
const DEPTH = 100_000;

/** An 18-character CRM id, distinct per way in (`tag`) and record (`n`). */
const crmId = (tag: string, n: number) => `003${tag}${String(n).padStart(15 - tag.length, '0')}`;
const contact = (tag: string, n: number, overrides: Record<string, unknown> = {}) => ({
  Id: crmId(tag, n),
  FirstName: `Given${n}`,
  LastName: `Family${n}`,
  Email: `limits-${tag.toLowerCase()}-${n}@example.com`,
  LastModifiedDate: MODIFIED,
  ...overrides,
});

/**
 * The same records for every way in, as the bytes of one JSON value each: good ones at
 * 0, 2 and 7, and one of each kind of bad record between them.
 */
function records(tag: string): Buffer[] {
  const json = (value: unknown) => Buffer.from(JSON.stringify(value));
  const head = (n: number) => JSON.stringify(contact(tag, n)).slice(0, -1);
  return [
    json(contact(tag, 0)),
    // Over 1 MiB.
    json(contact(tag, 1, { LastName: 'x'.repeat(1536 * 1024) })),
    json(contact(tag, 2)),
    // 100,000 levels deep, under 1 MiB; built as text, since building it as a value
    // needs no recursion but writing it with JSON.stringify would.
    Buffer.from(`${head(3)},"Extra":${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}}`),
    // Bytes that are not UTF-8 inside a string.
    Buffer.concat([Buffer.from(head(4).split('"Family4"')[0]!), Buffer.from('"Fam'), Buffer.from([0xff, 0xfe]), Buffer.from(`ily"${head(4).split('"Family4"')[1]!}}`)]),
    // A lone surrogate, escaped (JSON allows it; UTF-8 cannot store it).
    Buffer.from(`${head(5).replace('"LastName":"Family5"', '"LastName":"Fam\\ud800ily"')}}`),
    // Dated 9999-12-31.
    json(contact(tag, 6, { LastModifiedDate: '9999-12-31T00:00:00.000+0000' })),
    json(contact(tag, 7)),
  ];
}

/** What every way in must answer for `records()`. */
function expectLimitsApplied(outcome: Pick<Outcome, 'stored' | 'rejected'>) {
  expect(outcome.rejected.map((r) => [r.position, r.code])).toEqual([
    [1, 'TOO_LARGE'],
    [3, 'TOO_DEEP'],
    [4, 'INVALID_TEXT'],
    [5, 'INVALID_TEXT'],
    [6, 'INVALID_RECORD'],
  ]);
  const [large, deep, bytes, surrogate, future] = outcome.rejected as [Rejected, Rejected, Rejected, Rejected, Rejected];
  expect(large).toMatchObject({ field: [], reason: 'record is larger than 1048576 bytes' });
  expect(deep.field.slice(0, 3)).toEqual(['payload', 'Extra', 'a']);
  expect(deep.reason).toBe('is nested deeper than 32 levels');
  expect(bytes).toMatchObject({ field: ['payload', 'LastName'], reason: 'contains bytes that are not valid UTF-8' });
  expect(surrogate).toMatchObject({ field: ['payload', 'LastName'], reason: 'contains malformed Unicode (a lone surrogate)' });
  expect(future).toMatchObject({ field: ['canonical', 'updatedAt'], reason: 'is more than 24 hours in the future' });
  expect(outcome.stored).toBe(3);
}

describe('one set of input limits for every way in', () => {
  let app: TestApp;
  let dir: string;

  const post = (path: string, contentType: string, body: Buffer) => postRaw(app, path, contentType, body);

  const storedIds = async (tag: string) =>
    (
      await app.executor.readRows<{ id: string }>(
        'MATCH (r:SourceRecord) WHERE r.key STARTS WITH $prefix RETURN r.sourceRecordId AS id ORDER BY id',
        { prefix: `crm|003${tag}` },
      )
    ).map((r) => r.id);

  beforeAll(async () => {
    app = await startTestApp();
    dir = await mkdtemp(join(tmpdir(), 'identity-graph-limits-'));
  });
  afterAll(async () => {
    await app.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('GraphQL ingestBatch rejects each bad record alone and stores its neighbours', async () => {
    const query = 'mutation($records: [JSON!]!) { ingestBatch(source: "crm", records: $records) { received stored unchanged rejected { position code field reason } } }';
    const body = Buffer.concat([Buffer.from(`{"query":${JSON.stringify(query)},"variables":{"records":[`), ...interleave(records('GQL'), ','), Buffer.from(']}}')]);
    const res = await post('/graphql', 'application/json', body);
    const json = (await res.json()) as { data?: { ingestBatch: Outcome }; errors?: unknown[] };
    expect(json.errors).toBeUndefined();
    expectLimitsApplied(json.data!.ingestBatch);
    expect(await storedIds('GQL')).toEqual([crmId('GQL', 0), crmId('GQL', 2), crmId('GQL', 7)]);
  }, 60_000);

  it('GraphQL ingestRecord rejects bytes that are not UTF-8', async () => {
    const query = 'mutation($record: JSON!) { ingestRecord(source: "crm", record: $record) { stored rejected { position code field } } }';
    const body = Buffer.concat([Buffer.from(`{"query":${JSON.stringify(query)},"variables":{"record":`), records('ONE')[4]!, Buffer.from('}}')]);
    const json = (await (await post('/graphql', 'application/json', body)).json()) as { data?: { ingestRecord: Outcome } };
    expect(json.data?.ingestRecord).toEqual({ stored: 0, rejected: [{ position: 0, code: 'INVALID_TEXT', field: ['payload', 'LastName'] }] });
  });

  it('the NDJSON endpoint answers the same', async () => {
    const res = await post('/ingest/crm', 'application/x-ndjson', Buffer.concat(interleave(records('NDJ'), '\n')));
    expect(res.status).toBe(200);
    const outcome = (await res.json()) as Outcome & { rejectedCount: number };
    expectLimitsApplied(outcome);
    expect(await storedIds('NDJ')).toEqual([crmId('NDJ', 0), crmId('NDJ', 2), crmId('NDJ', 7)]);
  }, 60_000);

  it('the CLI import answers the same', async () => {
    const file = join(dir, 'limits.ndjson');
    await writeFile(file, Buffer.concat(interleave(records('CLI'), '\n')));
    const run = await runCli(['import', '--source', 'crm', file]).done;
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('3 stored, 0 unchanged, 5 rejected.');
    const lines = run.stdout.split('\n').filter((line) => line.startsWith('  record '));
    expect(lines.map((line) => /^ {2}record (\d+): (\w+) at /.exec(line)?.slice(1))).toEqual([
      ['1', 'TOO_LARGE'],
      ['3', 'TOO_DEEP'],
      ['4', 'INVALID_TEXT'],
      ['5', 'INVALID_TEXT'],
      ['6', 'INVALID_RECORD'],
    ]);
    expect(lines[2]).toContain('at payload.LastName: contains bytes that are not valid UTF-8');
    expect(lines[4]).toContain('at canonical.updatedAt: is more than 24 hours in the future');
    expect(await storedIds('CLI')).toEqual([crmId('CLI', 0), crmId('CLI', 2), crmId('CLI', 7)]);
  }, 120_000);

  it('replays a rejection of bytes that were not UTF-8 as rejected still, never as U+FFFD text', async () => {
    const res = await app.graphql<{ replayRejected: Outcome }>('mutation { replayRejected(source: "crm") { received stored rejected { code reason } } }');
    expect(res.body.errors).toBeUndefined();
    const outcome = res.body.data!.replayRejected;
    expect(outcome.stored).toBe(0);
    expect(outcome.rejected.filter((r) => r.reason === 'contains bytes that are not valid UTF-8').length).toBeGreaterThan(0);
    const replacement = await app.executor.readRows<{ n: number }>("MATCH (r:SourceRecord) WHERE r.attrs CONTAINS '\uFFFD' RETURN count(r) AS n");
    expect(replacement[0]?.n).toBe(0);
  });

  it('rejects a record from the far future, so that a later real correction is stored', async () => {
    const ingest = (record: unknown) =>
      app.graphql<{ ingestRecord: Outcome }>('mutation($r: JSON!) { ingestRecord(source: "crm", record: $r) { stored unchanged rejected { code field reason } } }', { r: record });
    const future = await ingest(contact('FUT', 1, { LastName: 'Wrongname', LastModifiedDate: '9999-12-31T23:59:59.000+0000' }));
    expect(future.body.data?.ingestRecord).toEqual({
      stored: 0,
      unchanged: 0,
      rejected: [{ code: 'INVALID_RECORD', field: ['canonical', 'updatedAt'], reason: 'is more than 24 hours in the future' }],
    });
    const correction = await ingest(contact('FUT', 1, { LastName: 'Rightname', LastModifiedDate: new Date().toISOString() }));
    expect(correction.body.data?.ingestRecord).toEqual({ stored: 1, unchanged: 0, rejected: [] });
    // Within the skew: a source clock a little ahead of ours is not refused.
    const ahead = await ingest(contact('FUT', 1, { LastName: 'Aheadname', LastModifiedDate: new Date(Date.now() + 60 * 60 * 1000).toISOString() }));
    expect(ahead.body.data?.ingestRecord).toMatchObject({ stored: 1, rejected: [] });
  });
});

describe('the store of rejected records per source is capped', () => {
  let app: TestApp;
  const CAP = 3;
  const SOURCES = '{ sources { name openRejectionCount droppedRejectionCount } }';

  beforeAll(async () => {
    app = await startTestApp({ serviceOptions: { ingestLimits: { maxRejectionsPerSource: CAP } } });
  });
  afterAll(async () => app.stop());

  const crmCounts = async () => {
    const res = await app.graphql<{ sources: Array<{ name: string; openRejectionCount: number; droppedRejectionCount: number }> }>(SOURCES);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.sources.find((s) => s.name === 'crm');
  };
  const junk = (from: number, n: number) => Array.from({ length: n }, (_, i) => `junk ${from + i}`);
  const ingestBatch = async (payloads: unknown[]) => {
    const res = await app.graphql<{ ingestBatch: Outcome }>(
      'mutation($r: [JSON!]!) { ingestBatch(source: "crm", records: $r) { stored rejected { position code rejectedRecordId } } }',
      { r: payloads },
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.ingestBatch;
  };

  it('drops the oldest rejections over the cap and counts them', async () => {
    const first = await ingestBatch(junk(0, 5));
    expect(first.rejected).toHaveLength(5);
    expect(await crmCounts()).toEqual({ name: 'crm', openRejectionCount: CAP, droppedRejectionCount: 2 });

    const second = await ingestBatch([contact('CAP', 1), ...junk(5, 2)]);
    expect(second.stored).toBe(1);
    expect(await crmCounts()).toEqual({ name: 'crm', openRejectionCount: CAP, droppedRejectionCount: 4 });
    const kept = await app.executor.readRows<{ id: string }>("MATCH (j:RejectedRecord {source: 'crm'}) RETURN j.id AS id");
    // The newest are kept: both of the second batch, one of the first.
    expect(kept.map((k) => k.id)).toEqual(expect.arrayContaining(second.rejected.map((r) => r.rejectedRecordId)));
    // Other sources are not touched.
    const billing = (await app.graphql<{ sources: Array<{ name: string; droppedRejectionCount: number }> }>(SOURCES)).body.data!.sources.find((s) => s.name === 'billing');
    expect(billing?.droppedRejectionCount).toBe(0);
  });

  it('keeps 1,000 junk lines of 20 KB to the cap', async () => {
    const line = (n: number) => `{"junk":${n},"pad":"${'z'.repeat(20 * 1024)}"}`;
    const body = Array.from({ length: 1000 }, (_, n) => line(n)).join('\n');
    const res = await postRaw(app, '/ingest/crm', 'application/x-ndjson', Buffer.from(body));
    expect(((await res.json()) as { rejectedCount: number }).rejectedCount).toBe(1000);
    // Payloads are stored encrypted (a third bigger in base64): the cap is on what they decode to.
    const codec = testCodec();
    const stored = await app.executor.readRows<{ payload: string }>("MATCH (j:RejectedRecord {source: 'crm'}) RETURN j.payload AS payload");
    expect(stored).toHaveLength(CAP);
    expect(stored.reduce((sum, { payload }) => sum + Buffer.byteLength(codec.decode(payload)), 0)).toBeLessThan(CAP * 21 * 1024);
    expect((await crmCounts())?.droppedRejectionCount).toBe(4 + 1000);
  }, 60_000);
});

/** Every raw request goes through here, as admin: the bytes sent are exactly `body`. */
async function postRaw(app: TestApp, path: string, contentType: string, body: Buffer): Promise<Response> {
  return fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': contentType, ...(await app.authHeaders()) }, body });
}

/** The parts with `separator` between them. */
function interleave(parts: Buffer[], separator: string): Buffer[] {
  return parts.flatMap((part, i) => (i === 0 ? [part] : [Buffer.from(separator), part]));
}
