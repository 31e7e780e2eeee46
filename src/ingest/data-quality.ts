import type { ValueCodec } from '../privacy/codec.ts';

/**
 * A value a source sent that cannot be used (a date of birth that is no date, a malformed
 * e-mail) costs only that value: the record is stored and resolved without it, and the
 * value is kept beside the record as a data-quality issue for stewards. Problems of the
 * record as a whole (no id, not JSON, too large or deep, bad Unicode, a future clock)
 * still reject it (rejection.ts).
 */

/** Why a value was left out of its record. */
export const dataQualityCodes = ['INVALID_DATE', 'INVALID_EMAIL', 'INVALID_PHONE', 'INVALID_COUNTRY', 'INVALID_CONSENT'] as const;
export type DataQualityCode = (typeof dataQualityCodes)[number];

/**
 * One value left out: the payload path it came from, why, and the value as the source
 * sent it. `raw` is personal data: it reaches the graph only through the codec, and never
 * a reason, a log line or an error message.
 */
export type FieldProblem = { field: ReadonlyArray<string | number>; code: DataQualityCode; reason: string; raw: string };

/** What a field parser answers: the value, or the problem that keeps it out of the record. */
export type FieldResult<T> = { ok: true; value: T } | { ok: false; problem: FieldProblem };

/** The value of a parse, or undefined after noting its problem: the record goes on without it. */
export function keepValid<T>(problems: FieldProblem[], result: FieldResult<T>): T | undefined {
  if (result.ok) return result.value;
  problems.push(result.problem);
  return undefined;
}

/** A raw value longer than this is kept only in part (a date field holding a whole document). */
export const MAX_KEPT_RAW_CHARS = 1000;

/** The stored form of one issue; `raw` through the codec. */
export type DataQualityRow = { key: string; field: string[]; code: DataQualityCode; reason: string; raw: string };

/** What an ingest call answers about a record it stored without some of its values (no values). */
export type DataQualityReport = { position: number; sourceRecordId: string | null; field: string[]; code: DataQualityCode; reason: string };

const keptRaw = (raw: string): string => {
  if (raw.length <= MAX_KEPT_RAW_CHARS) return raw;
  const head = raw.slice(0, MAX_KEPT_RAW_CHARS);
  // Never store half a surrogate pair: Neo4j would write U+FFFD for it.
  return /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
};

/**
 * The stored issues of one record version. Keys are the record key and the issue's
 * place in the record, so a new version of the record replaces them one for one.
 *
 * @example dataQualityRows('crm|003A', [{ field: ['payload', 'Birthdate'], code: 'INVALID_DATE', reason: 'is not a date', raw: '19081309' }], codec)[0].key // 'crm|003A|0000'
 */
export function dataQualityRows(recordKey: string, problems: readonly FieldProblem[], codec: ValueCodec): DataQualityRow[] {
  return problems.map((problem, index) => ({
    key: `${recordKey}|${String(index).padStart(4, '0')}`,
    field: problem.field.map(String),
    code: problem.code,
    reason: problem.reason,
    raw: codec.encode(keptRaw(problem.raw)),
  }));
}

export const dataQualityReport = (position: number, sourceRecordId: string | null, problem: FieldProblem): DataQualityReport => ({
  position,
  sourceRecordId,
  field: problem.field.map(String),
  code: problem.code,
  reason: problem.reason,
});
