import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { GraphExecutor } from '../graph/executor.ts';
import { plainCodec } from '../privacy/codec.ts';
import { adapterByKind } from './adapters/index.ts';
import { IngestService, type IngestItem } from './ingest.service.ts';
import type { ResolvedSource, SourceService } from './source.service.ts';

// IngestService.prepare does no I/O: every way in goes through it, so the limits are
// tested here without a database (test/input-limits.int.test.ts sends them over HTTP).
const crm: ResolvedSource = {
  info: { name: 'crm', adapter: 'crm', priority: 60, description: null, defaultCountry: null, mapping: null, builtIn: true, droppedRejectionCount: 0 },
  adapter: adapterByKind('crm')!,
  context: { source: 'crm', defaultCountry: undefined },
};
const NOW = Date.parse('2026-06-01T12:00:00Z');
const service = (maxFutureSkewMs?: number) =>
  new IngestService({} as GraphExecutor, {} as SourceService, plainCodec, { limits: { now: () => NOW, ...(maxFutureSkewMs === undefined ? {} : { maxFutureSkewMs }) } });

const contact = (n: number, overrides: Record<string, unknown> = {}) => ({
  Id: `003PREP${String(n).padStart(11, '0')}`,
  LastName: `Family${n}`,
  LastModifiedDate: '2026-05-01T10:00:00.000+0000',
  ...overrides,
});

function deep(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i += 1) value = [value];
  return value;
}

const outcome = (items: IngestItem[], maxFutureSkewMs?: number) => {
  const batch = service(maxFutureSkewMs).prepare(crm, items, 'batch-1');
  return {
    prepared: batch.prepared.map((p) => p.position),
    rejected: batch.rejections.map((r) => [r.position, r.code, r.field.join('.')]),
  };
};

describe('IngestService.prepare applies the record limits to each record alone', () => {
  it('rejects a too-deep, an oversized, a malformed and a future-dated record by position, and keeps their neighbours', () => {
    const items: IngestItem[] = [
      { position: 0, payload: contact(0) },
      { position: 1, payload: contact(1, { Extra: deep(100_000) }) },
      { position: 2, payload: contact(2, { LastName: 'x'.repeat(2 * 1024 * 1024) }) },
      { position: 3, payload: contact(3, { LastName: 'Fam\uFFFDily' }), invalidBytesReplaced: true },
      { position: 4, payload: contact(4, { LastName: 'Fam\uDC00ily' }) },
      { position: 5, payload: contact(5, { LastModifiedDate: '9999-12-31T00:00:00.000+0000' }) },
      { position: 6, payload: contact(6, { LastName: 'Genuine \uFFFD' }) },
    ];
    expect(outcome(items)).toEqual({
      prepared: [0, 6],
      rejected: [
        [1, 'TOO_DEEP', `payload.Extra${'.0'.repeat(31)}`],
        [2, 'TOO_LARGE', ''],
        [3, 'INVALID_TEXT', 'payload.LastName'],
        [4, 'INVALID_TEXT', 'payload.LastName'],
        [5, 'INVALID_RECORD', 'canonical.updatedAt'],
      ],
    });
  });

  it('keeps what was received for a deep record, written without recursion, up to what a rejection keeps', () => {
    const batch = service().prepare(crm, [{ position: 0, payload: contact(0, { Extra: deep(100_000) }) }], 'batch-1');
    expect(batch.rejections[0]).toMatchObject({ code: 'TOO_DEEP', payloadTruncated: true, payloadBytes: expect.any(Number) });
    expect(batch.rejections[0]!.payloadBytes).toBeGreaterThan(200_000);
  });

  it('refuses a source clock beyond the configured skew, and accepts one within it', () => {
    const hourAhead = { position: 0, payload: contact(0, { LastModifiedDate: new Date(NOW + 60 * 60 * 1000).toISOString() }) };
    expect(outcome([hourAhead]).prepared).toEqual([0]);
    const refused = service(60_000).prepare(crm, [hourAhead], 'batch-1').rejections[0];
    expect(refused).toMatchObject({ code: 'INVALID_RECORD', field: ['canonical', 'updatedAt'], reason: 'is more than 1 minute in the future', sourceRecordId: '003PREP00000000000' });
  });
});

describe('IngestService.prepare keeps a record whose field value is bad', () => {
  // Bug: a date of birth that did not parse ("19081309") rejected the record whole.
  it('prepares it without the value, with the value as a data-quality issue through the codec', () => {
    const codec = { ...plainCodec, encode: (plain: string) => `enc(${plain})` };
    const prepare = new IngestService({} as GraphExecutor, {} as SourceService, codec, { limits: { now: () => NOW } });
    const batch = prepare.prepare(crm, [{ position: 0, payload: contact(0, { Birthdate: '19081309', Email: 'family0@example.com' }) }, { position: 1, payload: contact(1) }], 'batch-1');
    expect(batch.rejections).toEqual([]);
    const [bad, good] = batch.prepared.map((p) => p.record!);
    expect(bad!.qualityIssues).toEqual([
      { key: 'crm|003PREP00000000000|0000', field: ['payload', 'Birthdate'], code: 'INVALID_DATE', reason: 'is not a date as YYYY-MM-DD', raw: 'enc(19081309)' },
    ]);
    expect(bad!.attrs).not.toContain('19081309');
    expect(bad!.identifierKeys).toEqual(['email:family0@example.com']);
    expect(good!.qualityIssues).toEqual([]);
    expect(batch.dataQualityIssues).toEqual([{ position: 0, sourceRecordId: '003PREP00000000000', field: ['payload', 'Birthdate'], code: 'INVALID_DATE', reason: 'is not a date as YYYY-MM-DD' }]);
  });

  it('hashes a record without issues as before, and one with issues differently from the same record without them', () => {
    const [plain] = service().prepare(crm, [{ position: 0, payload: contact(0) }], 'b').prepared;
    const [flawed] = service().prepare(crm, [{ position: 0, payload: contact(0, { Birthdate: 'unknown' }) }], 'b').prepared;
    expect(plain!.record!.contentHash).toBe(createHash('sha256').update(plain!.record!.attrs).digest('hex'));
    expect(flawed!.record!.attrs).toBe(plain!.record!.attrs);
    expect(flawed!.record!.contentHash).not.toBe(plain!.record!.contentHash);
  });
});
