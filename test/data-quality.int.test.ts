import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.ts';
import { customerOfRecord } from './support/golden-sources.ts';
import { bearer, emptyDatabase, startTestApp, type TestApp } from './support/test-app.ts';
import { createServices, seedReferenceData } from '../src/services.ts';
import { peopleMapping } from './support/people-source.ts';

// Bug (issue #10): a record whose date of birth did not parse ("19081309") was rejected
// whole, so its e-mail never reached resolution and its duplicates stayed duplicates.

type Issue = { id: string; source: string; sourceRecordId: string; field: string[]; code: string; reason: string; raw: string; at: string };
const ISSUES = 'query($s: String, $first: Int, $after: String) { dataQualityIssues(source: $s, first: $first, after: $after) { id source sourceRecordId field code reason raw at } }';
const SUMMARY = 'query($s: String) { dataQualitySummary(source: $s) { source code issues records } }';
const steward = bearer('steward-1', 'steward');

/** The people source's mapping with its date of birth read as DD/MM/YYYY. */
const mapping = (name: string, dob: Record<string, unknown> = {}) => ({
  ...peopleMapping,
  name,
  fields: [
    ...peopleMapping.fields.filter((field) => ['name.given', 'name.family', 'email', 'phone'].includes(field.to)),
    { to: 'dateOfBirth', from: 'dob', transform: { type: 'date', format: 'DD/MM/YYYY' }, ...dob },
  ],
});

const contact = (n: number, at: string, extra: Record<string, unknown> = {}) => ({
  Id: `003DQ${String(n).padStart(13, '0')}`,
  FirstName: 'Nora',
  LastName: 'Quillfeather',
  Email: 'nora.quillfeather@example.com',
  LastModifiedDate: at,
  ...extra,
});

describe('a record with one bad field value is stored and resolved without it', () => {
  let app: TestApp;
  let dir: string;
  const issues = async (source: string | null, headers: Record<string, string> = steward, first?: number, after?: string) => {
    const res = await app.graphql<{ dataQualityIssues: Issue[] }>(ISSUES, { s: source, first, after }, headers);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.dataQualityIssues;
  };
  const summary = async (source: string | null) => (await app.graphql<{ dataQualitySummary: unknown[] }>(SUMMARY, { s: source }, steward)).body.data!.dataQualitySummary;
  const register = async (spec: Record<string, unknown>) => {
    const res = await app.graphql('mutation($n: String!, $m: JSON!) { registerSource(input: { name: $n, mapping: $m }) { name } }', { n: spec['name'], m: spec });
    expect(res.body.errors).toBeUndefined();
  };

  beforeAll(async () => {
    app = await startTestApp();
    await emptyDatabase(app.driver);
    await seedReferenceData(createServices(app.executor));
    dir = await mkdtemp(join(tmpdir(), 'identity-graph-quality-'));
  });
  afterAll(async () => {
    await app.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('imports a CSV row with a bad date of birth: stored, joined to its duplicate by e-mail, the value listed as an issue', async () => {
    await register(mapping('dq-export'));
    const crm = await app.graphql<{ ingestRecord: { stored: number } }>('mutation($r: JSON!) { ingestRecord(source: "crm", record: $r) { stored } }', {
      r: contact(1, '2024-03-01T10:00:00.000+0000', { Email: 'rowan.inkwell@example.com', FirstName: 'Rowan', LastName: 'Inkwell' }),
    });
    expect(crm.body.data?.ingestRecord.stored).toBe(1);
    const csv = join(dir, 'export.csv');
    await writeFile(
      csv,
      [
        'id,given,family,email,phone,dob,updated',
        'D-1,Rowan,Inkwell,rowan.inkwell@example.com,020 7946 0101,19081309,2024-03-02T10:00:00Z',
        'D-2,Ivo,Marchbank,ivo.marchbank@example.com,020 7946 0102,02/05/1979,2024-03-02T10:00:00Z',
      ].join('\n'),
    );
    const run = await runCli(['import', '--source', 'dq-export', csv]).done;
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2 stored, 0 unchanged, 0 rejected.');
    expect(run.stdout).toContain('1 value(s) left out of stored records as data-quality issues');

    const record = await app.graphql<{ sourceRecord: { dateOfBirth: string | null; emails: string[]; phones: string[] } }>(
      '{ sourceRecord(source: "dq-export", sourceRecordId: "D-1") { dateOfBirth emails phones } }',
    );
    expect(record.body.data?.sourceRecord).toEqual({ dateOfBirth: null, emails: ['rowan.inkwell@example.com'], phones: ['020 7946 0101'] });
    expect(await customerOfRecord(app, 'dq-export', 'D-1')).toBe(await customerOfRecord(app, 'crm', contact(1, '').Id));

    expect(await issues('dq-export')).toEqual([
      { id: 'dq-export|D-1|0000', source: 'dq-export', sourceRecordId: 'D-1', field: ['payload', 'dob'], code: 'INVALID_DATE', reason: 'is not a date in format DD/MM/YYYY', raw: '19081309', at: expect.any(String) },
    ]);
    expect(await summary('dq-export')).toEqual([{ source: 'dq-export', code: 'INVALID_DATE', issues: 1, records: 1 }]);

    const quality = await runCli(['quality', '--source', 'dq-export']).done;
    expect(quality.code).toBe(0);
    expect(quality.stdout).toMatch(/dq-export\s+INVALID_DATE\s+1 issue\(s\) in 1 record\(s\)/);
    expect(quality.stdout).toContain('dq-export record D-1: INVALID_DATE at payload.dob: is not a date in format DD/MM/YYYY');
    expect(quality.stdout).not.toContain('19081309');
  });

  it('rejects the same row when the mapping says onInvalid: reject', async () => {
    await register(mapping('dq-strict', { onInvalid: 'reject' }));
    const csv = join(dir, 'strict.csv');
    await writeFile(csv, ['id,given,family,email,phone,dob,updated', 'S-1,Rowan,Inkwell,rowan.inkwell@example.com,020 7946 0101,19081309,2024-03-02T10:00:00Z'].join('\n'));
    const run = await runCli(['import', '--source', 'dq-strict', csv]).done;
    expect(run.stdout).toContain('0 stored, 0 unchanged, 1 rejected.');
    expect(run.stdout).toContain('record 0: INVALID_PAYLOAD at payload.dob: dob is not a date in format DD/MM/YYYY');
    expect(await customerOfRecord(app, 'dq-strict', 'S-1')).toBeNull();
    expect(await issues('dq-strict')).toEqual([]);
  });

  it('stores a GraphQL batch record with a bad birth date, reports the issue by position and resolves it with its duplicate', async () => {
    const res = await app.graphql<{ ingestBatch: { stored: number; rejected: unknown[]; dataQualityIssues: unknown[] } }>(
      'mutation($r: [JSON!]!) { ingestBatch(source: "crm", records: $r) { stored rejected { position } dataQualityIssues { position sourceRecordId field code reason } } }',
      { r: [contact(2, '2024-03-01T10:00:00.000+0000'), contact(3, '2024-03-01T10:00:00.000+0000', { Birthdate: '19081309', MailingCountry: 'Atlantis', MailingCity: 'York' })] },
    );
    expect(res.body.data?.ingestBatch).toEqual({
      stored: 2,
      rejected: [],
      dataQualityIssues: [
        { position: 1, sourceRecordId: contact(3, '').Id, field: ['payload', 'MailingCountry'], code: 'INVALID_COUNTRY', reason: expect.any(String) },
        { position: 1, sourceRecordId: contact(3, '').Id, field: ['payload', 'Birthdate'], code: 'INVALID_DATE', reason: 'is not a date as YYYY-MM-DD' },
      ],
    });
    expect(JSON.stringify(res.body)).not.toMatch(/19081309|Atlantis/);
    expect(await customerOfRecord(app, 'crm', contact(3, '').Id)).toBe(await customerOfRecord(app, 'crm', contact(2, '').Id));
    expect((await issues('crm')).map((i) => [i.sourceRecordId, i.field.join('.'), i.code, i.raw])).toEqual([
      [contact(3, '').Id, 'payload.MailingCountry', 'INVALID_COUNTRY', 'Atlantis'],
      [contact(3, '').Id, 'payload.Birthdate', 'INVALID_DATE', '19081309'],
    ]);
    expect(await summary(null)).toEqual([
      { source: 'crm', code: 'INVALID_COUNTRY', issues: 1, records: 1 },
      { source: 'crm', code: 'INVALID_DATE', issues: 1, records: 1 },
      { source: 'dq-export', code: 'INVALID_DATE', issues: 1, records: 1 },
    ]);
  });

  it('pages through every source in id order', async () => {
    const all = await issues(null);
    expect(all.map((i) => i.id)).toEqual([...all.map((i) => i.id)].sort());
    expect(all).toHaveLength(3);
    const first = await issues(null, steward, 1);
    const rest = await issues(null, steward, 10, first[0]!.id);
    expect([...first, ...rest]).toEqual(all);
  });

  it('replaces the issues with those of the next version, and keeps them when an older version arrives', async () => {
    const send = (record: Record<string, unknown>) => app.graphql<{ ingestRecord: { stored: number; unchanged: number } }>('mutation($r: JSON!) { ingestRecord(source: "crm", record: $r) { stored unchanged } }', { r: record });
    const older = await send(contact(3, '2024-02-01T10:00:00.000+0000', { Birthdate: '1981-13-01' }));
    expect(older.body.data?.ingestRecord).toEqual({ stored: 0, unchanged: 1 });
    expect((await issues('crm')).map((i) => i.raw)).toEqual(['Atlantis', '19081309']);

    const other = await send(contact(3, '2024-03-05T10:00:00.000+0000', { Birthdate: '1981-13-01' }));
    expect(other.body.data?.ingestRecord.stored).toBe(1);
    expect((await issues('crm')).map((i) => [i.code, i.raw])).toEqual([['INVALID_DATE', '1981-13-01']]);

    const fixed = await send(contact(3, '2024-03-06T10:00:00.000+0000', { Birthdate: '1981-03-01' }));
    expect(fixed.body.data?.ingestRecord.stored).toBe(1);
    expect(await issues('crm')).toEqual([]);
    const stored = await app.graphql<{ sourceRecord: { dateOfBirth: string } }>(`{ sourceRecord(source: "crm", sourceRecordId: "${contact(3, '').Id}") { dateOfBirth } }`);
    expect(stored.body.data?.sourceRecord.dateOfBirth).toBe('1981-03-01');
    const orphans = await app.executor.readRows<{ n: number }>("MATCH (q:DataQualityIssue) WHERE q.source = 'crm' RETURN count(q) AS n");
    expect(orphans[0]?.n).toBe(0);
  });

  it('shows the issues to stewards and admins only', async () => {
    for (const role of ['agent', 'marketer', 'auditor'] as const) {
      const res = await app.graphql(ISSUES, { s: 'dq-export' }, bearer(`${role}-1`, role));
      expect(res.body.errors?.[0]?.extensions?.['code'], role).toBe('FORBIDDEN');
      const counts = await app.graphql(SUMMARY, { s: 'dq-export' }, bearer(`${role}-1`, role));
      expect(counts.body.errors?.[0]?.extensions?.['code'], role).toBe('FORBIDDEN');
    }
    expect(await issues('dq-export', {})).toHaveLength(1);
  });
});
