import { describe, expect, it } from 'vitest';
import { checkRecord, describeDuration, futureProblem, MAX_RECORD_BYTES, MAX_RECORD_DEPTH } from './record-limits.ts';
import { stringifyIteratively } from './stringify-iteratively.ts';

/** `levels` objects nested in one another, built without recursion: {"a":{"a":...1}}. */
function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i += 1) value = { a: value };
  return value;
}

describe('checkRecord', () => {
  it('passes an ordinary record and serializes it', () => {
    expect(checkRecord({ Id: 'x', n: 1 })).toEqual({ raw: '{"Id":"x","n":1}', problem: null });
    expect(checkRecord({ Id: 'x' }, { raw: '{ "Id": "x" }' }).raw).toBe('{ "Id": "x" }');
  });

  it('rejects a record over 1 MiB as TOO_LARGE, by its text as received when there is one', () => {
    const big = { pad: 'x'.repeat(MAX_RECORD_BYTES) };
    expect(checkRecord(big).problem).toEqual({ code: 'TOO_LARGE', field: [], reason: 'record is larger than 1048576 bytes' });
    expect(checkRecord({ pad: 'é'.repeat(MAX_RECORD_BYTES / 2) }).problem?.code).toBe('TOO_LARGE');
    expect(checkRecord({ a: 1 }, { raw: ' '.repeat(MAX_RECORD_BYTES + 1) }).problem?.code).toBe('TOO_LARGE');
  });

  it(`allows ${MAX_RECORD_DEPTH} levels and rejects one more as TOO_DEEP at the path where it goes too deep`, () => {
    expect(checkRecord(nested(MAX_RECORD_DEPTH)).problem).toBeNull();
    const problem = checkRecord(nested(MAX_RECORD_DEPTH + 1)).problem;
    expect(problem).toMatchObject({ code: 'TOO_DEEP', reason: 'is nested deeper than 32 levels' });
    expect(problem?.field).toEqual(['payload', ...Array.from({ length: MAX_RECORD_DEPTH }, () => 'a')]);
    expect(checkRecord({ list: [[[[]]]] }).problem).toBeNull();
  });

  it('checks depth without recursion: 100,000 levels are a rejection, not a stack overflow', () => {
    const deep = nested(100_000);
    const checked = checkRecord(deep);
    expect(checked.problem?.code).toBe('TOO_DEEP');
    expect(checked.raw).toBe(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`);
    const parsed: unknown = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(checkRecord(parsed).problem).toMatchObject({ code: 'TOO_DEEP', field: ['payload', ...Array.from({ length: 32 }, () => 0)] });
  });

  it('reports size before depth, and depth before text, as a streaming reader meets them', () => {
    const deepAndLarge = { pad: 'x'.repeat(MAX_RECORD_BYTES), deep: nested(50) };
    expect(checkRecord(deepAndLarge).problem?.code).toBe('TOO_LARGE');
    expect(checkRecord({ bad: 'a\u0000', deep: nested(50) }).problem?.code).toBe('TOO_DEEP');
  });

  it('rejects lone surrogates, controls and bidi overrides as INVALID_TEXT, the first in document order', () => {
    expect(checkRecord({ ok: 'Zoë 山田\t\n', name: 'Fam\uD800ily' }).problem).toEqual({
      code: 'INVALID_TEXT',
      field: ['payload', 'name'],
      reason: 'contains malformed Unicode (a lone surrogate)',
    });
    expect(checkRecord({ list: ['fine', 'Nul\u0000l', 'Evil\u202E'] }).problem).toMatchObject({ field: ['payload', 'list', 1], reason: 'contains a control or bidirectional-override character' });
    expect(checkRecord({ nested: { 'bad\uDC00key': 1 } }).problem).toEqual({ code: 'INVALID_TEXT', field: ['payload', 'nested'], reason: 'has a field name with malformed Unicode' });
  });

  it('treats U+FFFD as bytes that were not UTF-8 only when the transport says it replaced some', () => {
    expect(checkRecord({ a: 'genuine \uFFFD' }).problem).toBeNull();
    expect(checkRecord({ a: 'ok', b: 'Fam\uFFFD\uFFFDily' }, { invalidBytesReplaced: true }).problem).toEqual({
      code: 'INVALID_TEXT',
      field: ['payload', 'b'],
      reason: 'contains bytes that are not valid UTF-8',
    });
  });
});

describe('futureProblem', () => {
  const now = Date.parse('2026-06-01T00:00:00Z');
  const day = 24 * 60 * 60 * 1000;

  it('refuses a source clock more than the skew ahead, naming the field', () => {
    expect(futureProblem(Date.parse('9999-12-31T00:00:00Z'), now, day)).toEqual({ field: ['canonical', 'updatedAt'], reason: 'is more than 24 hours in the future' });
    expect(futureProblem(now + day + 1, now, day)).not.toBeNull();
  });

  it('accepts a clock within the skew, the past, and no clock at all', () => {
    expect(futureProblem(now + day, now, day)).toBeNull();
    expect(futureProblem(now - 365 * day, now, day)).toBeNull();
    expect(futureProblem(0, now, day)).toBeNull();
  });

  it('describes the skew in the largest whole unit', () => {
    expect([describeDuration(86_400_000), describeDuration(3_600_000), describeDuration(90_000), describeDuration(1_500)]).toEqual(['24 hours', '1 hour', '90 seconds', '1500 ms']);
  });
});

describe('stringifyIteratively', () => {
  it('writes what JSON.stringify writes for values parsed from JSON', () => {
    const samples: unknown[] = [
      null,
      true,
      0,
      -1.5e-7,
      'a "quoted" \\ line\n\u2028 \uD800',
      [],
      {},
      [1, [2, [3, {}]], { a: null }],
      { b: 'x', a: [true, false, { 'k"y': 'v' }], n: 12345678901234567890, e: '' },
      JSON.parse('{"nested":{"list":[{"x":1},{"y":[[],[[]]]}]},"z":"\u00e9\u5c71"}'),
    ];
    for (const sample of samples) expect(stringifyIteratively(sample)).toBe(JSON.stringify(sample));
  });

  it('leaves out undefined members and writes undefined items and non-finite numbers as null, as JSON.stringify does', () => {
    const sample = { a: undefined, b: [undefined, Number.NaN, Infinity], c: 1 };
    expect(stringifyIteratively(sample)).toBe(JSON.stringify(sample));
    expect(stringifyIteratively(undefined)).toBeUndefined();
  });
});
