export type SanitizeResult = { ok: true; value: unknown } | { ok: false; field: (string | number)[]; reason: string };

const MAX_DEPTH = 20;
// NUL and the other C0/C1 controls except tab, line feed and carriage return; bidi
// overrides and isolates, which can make a stored value display as something else.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/**
 * Checks every string in a payload before validation: strings must be well-formed
 * UTF-16 (no lone surrogates, which cannot be stored as UTF-8) and free of control and
 * bidi-override characters; they are put in Unicode NFC so that the same text typed on
 * two systems compares equal. Returns a cleaned copy or the path of the first bad value.
 */
export function sanitizePayload(payload: unknown): SanitizeResult {
  try {
    return { ok: true, value: clean(payload, [], 0) };
  } catch (error) {
    if (error instanceof BadValue) return { ok: false, field: error.field, reason: error.reason };
    throw error;
  }
}

class BadValue extends Error {
  readonly field: (string | number)[];
  readonly reason: string;
  constructor(field: (string | number)[], reason: string) {
    super(reason);
    this.field = field;
    this.reason = reason;
  }
}

function clean(value: unknown, path: (string | number)[], depth: number): unknown {
  if (depth > MAX_DEPTH) throw new BadValue(path, `nested deeper than ${MAX_DEPTH} levels`);
  if (typeof value === 'string') {
    if (!value.isWellFormed()) throw new BadValue(path, 'contains malformed Unicode (a lone surrogate)');
    if (FORBIDDEN.test(value)) throw new BadValue(path, 'contains a control or bidirectional-override character');
    return value.normalize('NFC');
  }
  if (Array.isArray(value)) return value.map((item, index) => clean(item, [...path, index], depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (!key.isWellFormed() || FORBIDDEN.test(key)) throw new BadValue(path, 'has a field name with malformed Unicode');
      out[key.normalize('NFC')] = clean(item, [...path, key], depth + 1);
    }
    return out;
  }
  return value;
}
