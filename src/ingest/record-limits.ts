import type { RejectionCode } from './rejection.ts';
import { stringifyIteratively } from './stringify-iteratively.ts';

/**
 * The limits every way in (GraphQL, the NDJSON endpoint, the CLI, replay) applies to a
 * record, and the check that applies them. IngestService.prepare runs it on every item;
 * readNdjson cuts an over-long line with the same MAX_RECORD_BYTES before buffering it.
 */

/** A record larger than this, serialized, is rejected as TOO_LARGE. */
export const MAX_RECORD_BYTES = 1024 * 1024;

/**
 * Objects and arrays nested deeper than this are rejected as TOO_DEEP. The deepest
 * payload any source sends is a handful of levels (an order's lines in an order); past
 * this, recursive code (JSON.stringify, zod, the sanitizer) would risk the stack.
 */
export const MAX_RECORD_DEPTH = 32;

/** Settings of ingestion that a deployment may change (INGEST_* in config.ts). */
export type IngestLimits = {
  /** A source clock further ahead of ours than this is refused: it would win over every later correction. */
  maxFutureSkewMs: number;
  /** Rejected records kept per source; the oldest beyond this are dropped and counted. */
  maxRejectionsPerSource: number;
  /** Our clock, epoch milliseconds (tests fix it). */
  now: () => number;
};

export const defaultIngestLimits: IngestLimits = {
  maxFutureSkewMs: 24 * 60 * 60 * 1000,
  maxRejectionsPerSource: 10_000,
  now: Date.now,
};

export type LimitProblem = {
  code: Extract<RejectionCode, 'TOO_LARGE' | 'TOO_DEEP' | 'INVALID_TEXT'>;
  field: (string | number)[];
  reason: string;
};

export const tooLargeReason = (limit: number = MAX_RECORD_BYTES) => `record is larger than ${limit} bytes`;

// NUL and the other C0/C1 controls except tab, line feed and carriage return; bidi
// overrides and isolates, which can make a stored value display as something else.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/**
 * Why a string may not be stored, or null. `invalidBytesReplaced`: the transport decoded
 * bytes that were not UTF-8 as U+FFFD, so a U+FFFD in this record stands for them.
 */
export function textProblem(text: string, invalidBytesReplaced = false): string | null {
  // Lone surrogates cannot be written as UTF-8: Neo4j would store U+FFFD instead.
  if (!text.isWellFormed()) return 'contains malformed Unicode (a lone surrogate)';
  if (FORBIDDEN.test(text)) return 'contains a control or bidirectional-override character';
  if (invalidBytesReplaced && text.includes('\uFFFD')) return 'contains bytes that are not valid UTF-8';
  return null;
}

export type CheckedRecord = {
  /** The record as text: as received when the transport kept it, else serialized. */
  raw: string;
  problem: LimitProblem | null;
};

/**
 * Applies the limits to one payload, in the order a reader meets them: size, then depth,
 * then text. Never recurses, so a record nested 100,000 levels deep is a TOO_DEEP
 * rejection, not a stack overflow; only a payload within MAX_RECORD_DEPTH reaches
 * JSON.stringify here or zod later. Field paths start with 'payload'.
 *
 * @example checkRecord({ a: 'x\u0000' }).problem // { code: 'INVALID_TEXT', field: ['payload', 'a'], ... }
 */
export function checkRecord(payload: unknown, options: { raw?: string | undefined; invalidBytesReplaced?: boolean | undefined } = {}): CheckedRecord {
  const scan = scanPayload(payload, options.invalidBytesReplaced ?? false);
  const raw = options.raw ?? (scan.tooDeep ? stringifyIteratively(payload) : JSON.stringify(payload)) ?? 'null';
  if (Buffer.byteLength(raw) > MAX_RECORD_BYTES) return { raw, problem: { code: 'TOO_LARGE', field: [], reason: tooLargeReason() } };
  return { raw, problem: scan.tooDeep ?? scan.badText };
}

/**
 * A source clock more than `maxFutureSkewMs` ahead of `now`: stored, it would make every
 * later correction of the record look older, and be answered `unchanged` for ever.
 */
export function futureProblem(updatedAt: number, now: number, maxFutureSkewMs: number): { field: string[]; reason: string } | null {
  if (!(updatedAt > now + maxFutureSkewMs)) return null;
  return { field: ['canonical', 'updatedAt'], reason: `is more than ${describeDuration(maxFutureSkewMs)} in the future` };
}

/** 86400000 -> '24 hours', 90000 -> '90 seconds'. */
export function describeDuration(ms: number): string {
  const units: Array<[string, number]> = [
    ['hour', 3_600_000],
    ['minute', 60_000],
    ['second', 1_000],
  ];
  for (const [unit, size] of units) {
    if (ms >= size && ms % size === 0) return `${ms / size} ${unit}${ms === size ? '' : 's'}`;
  }
  return `${ms} ms`;
}

type Frame = { value: unknown; depth: number; key: string | number | null; parent: Frame | null };

const pathOf = (frame: Frame): (string | number)[] => {
  const path: (string | number)[] = [];
  for (let at: Frame | null = frame; at && at.key !== null; at = at.parent) path.push(at.key);
  return ['payload', ...path.reverse()];
};

/**
 * One walk over the payload with an explicit stack, in document order: the first object
 * or array deeper than the limit (not entered), and the first bad string or field name.
 */
function scanPayload(payload: unknown, invalidBytesReplaced: boolean): { tooDeep: LimitProblem | null; badText: LimitProblem | null } {
  let badText: LimitProblem | null = null;
  const stack: Frame[] = [{ value: payload, depth: 0, key: null, parent: null }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { value } = frame;
    // A field name is checked as its value is reached, so problems come in document order.
    if (!badText && typeof frame.key === 'string' && frame.parent && textProblem(frame.key, invalidBytesReplaced)) {
      badText = { code: 'INVALID_TEXT', field: pathOf(frame.parent), reason: 'has a field name with malformed Unicode' };
    }
    if (typeof value === 'string') {
      const reason: string | null = badText ? null : textProblem(value, invalidBytesReplaced);
      if (reason) badText = { code: 'INVALID_TEXT', field: pathOf(frame), reason };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    const depth = frame.depth + 1;
    if (depth > MAX_RECORD_DEPTH) {
      return { tooDeep: { code: 'TOO_DEEP', field: pathOf(frame), reason: `is nested deeper than ${MAX_RECORD_DEPTH} levels` }, badText };
    }
    const children: Frame[] = [];
    if (Array.isArray(value)) {
      value.forEach((item: unknown, index) => children.push({ value: item, depth, key: index, parent: frame }));
    } else {
      for (const [key, item] of Object.entries(value)) children.push({ value: item, depth, key, parent: frame });
    }
    // Reversed, so that the stack pops them in document order.
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]!);
  }
  return { tooDeep: null, badText };
}
