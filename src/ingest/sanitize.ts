import { MAX_RECORD_DEPTH, textProblem } from './record-limits.ts';

export type SanitizeResult =
  | { ok: true; value: unknown }
  | { ok: false; code: 'TOO_DEEP' | 'INVALID_TEXT'; field: (string | number)[]; reason: string };

/**
 * Puts every string of a payload in Unicode NFC, so that the same text typed on two
 * systems compares equal, and returns the cleaned copy. IngestService.prepare has already
 * applied record-limits.ts; the same rules are checked again here so that a payload
 * validated any other way cannot reach the recursion below too deep, or be stored with
 * text it may not hold.
 */
export function sanitizePayload(payload: unknown): SanitizeResult {
  try {
    return { ok: true, value: clean(payload, [], 0) };
  } catch (error) {
    if (error instanceof BadValue) return { ok: false, code: error.code, field: error.field, reason: error.reason };
    throw error;
  }
}

class BadValue extends Error {
  readonly code: 'TOO_DEEP' | 'INVALID_TEXT';
  readonly field: (string | number)[];
  readonly reason: string;
  constructor(code: 'TOO_DEEP' | 'INVALID_TEXT', field: (string | number)[], reason: string) {
    super(reason);
    this.code = code;
    this.field = field;
    this.reason = reason;
  }
}

/** `depth`: how many objects and arrays enclose `value`. */
function clean(value: unknown, path: (string | number)[], depth: number): unknown {
  if (typeof value === 'string') {
    const reason = textProblem(value);
    if (reason) throw new BadValue('INVALID_TEXT', path, reason);
    return value.normalize('NFC');
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth + 1 > MAX_RECORD_DEPTH) throw new BadValue('TOO_DEEP', path, `is nested deeper than ${MAX_RECORD_DEPTH} levels`);
  if (Array.isArray(value)) return value.map((item, index) => clean(item, [...path, index], depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (textProblem(key)) throw new BadValue('INVALID_TEXT', path, 'has a field name with malformed Unicode');
    out[key.normalize('NFC')] = clean(item, [...path, key], depth + 1);
  }
  return out;
}
