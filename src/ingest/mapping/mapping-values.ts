import { DomainError } from '../../errors/domain-error.ts';
import type { DataQualityCode, FieldProblem } from '../data-quality.ts';
import { parseDate, toIsoDate, toIsoInstant } from './date-format.ts';
import type { Transform } from './mapping-spec.ts';

/**
 * Reads a mapping's source fields from a payload and applies its transform. Values are
 * always trimmed and empty ones dropped, so "" and "   " count as missing everywhere.
 * Errors and problems name the column and the expected shape but never the value
 * (personal data); only a problem's `raw` holds it.
 */

export type Payload = Record<string, unknown>;

/**
 * Where `name` points in the payload: the key itself when the payload has it (CSV
 * headers may contain dots: "Addr. 1"), otherwise its dotted path into nested JSON.
 */
export const pathIn = (payload: Payload, name: string): string[] =>
  Object.hasOwn(payload, name) ? [name] : name.split('.');

const isRecord = (value: unknown): value is Payload =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const textOf = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value.trim();
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return undefined;
};

/** The non-empty texts at `name` ([] when absent), or undefined when it holds an object. */
export function readField(payload: Payload, name: string): string[] | undefined {
  let value: unknown = payload;
  for (const key of pathIn(payload, name)) {
    // Own properties only: a path such as "__proto__.x" must not reach the prototype.
    if (!isRecord(value) || !Object.hasOwn(value, key)) return [];
    value = value[key];
  }
  if (value === null || value === undefined) return [];
  const items = Array.isArray(value) ? value : [value];
  const texts: string[] = [];
  for (const item of items) {
    if (item === null || item === undefined) continue;
    const text = textOf(item);
    if (text === undefined) return undefined;
    if (text !== '') texts.push(text);
  }
  return texts;
}

/** Where a mapping reads from, for error messages: "DOB", or "Addr1 + Addr2". */
export type Site = { label: string; first: string };

export const siteOf = (from: readonly string[]): Site => ({ label: from.join(' + '), first: from[0] ?? '' });

export const badValue = (site: Site, payload: Payload, problem: string): DomainError =>
  new DomainError('BAD_USER_INPUT', `mapped value rejected: ${problem}`, {
    clientMessage: `${site.label} ${problem}`,
    field: ['payload', ...pathIn(payload, site.first)],
  });

/**
 * Where a value that cannot be used goes: onto the record's problems (it is stored
 * without it), or, for a field declared `onInvalid: "reject"` and for the record id and
 * updatedAt, null: the record is rejected.
 */
export type ProblemSink = FieldProblem[] | null;

/** Notes a value that cannot be used, or throws BAD_USER_INPUT when the sink is null. */
export function refuseValue(sink: ProblemSink, site: Site, payload: Payload, refusal: { code: DataQualityCode; reason: string }, raw: string): void {
  if (sink === null) throw badValue(site, payload, refusal.reason);
  sink.push({ field: ['payload', ...pathIn(payload, site.first)], code: refusal.code, reason: refusal.reason, raw });
}

/** Reads every `from` field in order; an object where text belongs is refused. */
export function readAll(payload: Payload, from: readonly string[]): string[] {
  return from.flatMap((name) => {
    const texts = readField(payload, name);
    if (texts === undefined) throw badValue({ label: name, first: name }, payload, 'is not text or a list of text');
    return texts;
  });
}

/** How a date transform's result is written: a calendar date or a UTC instant. */
export type DateTarget = 'date' | 'instant';

const splitValue = (value: string, separator: string, part: number | 'all'): string[] => {
  const parts = value.split(separator).map((piece) => piece.trim());
  if (part === 'all') return parts;
  const picked = parts.at(part);
  return picked === undefined ? [] : [picked];
};

/**
 * Applies one transform to the values read for a mapping. A split with part "all" and
 * several `from` fields without a join are what give a repeatable target many values.
 */
export function applyTransform(
  values: string[],
  transform: Transform | undefined,
  context: { site: Site; payload: Payload; dateTarget: DateTarget; problems: ProblemSink },
): string[] {
  const result = ((): string[] => {
    switch (transform?.type) {
      case undefined:
      case 'trim':
        return values;
      case 'lowercase':
        return values.map((value) => value.toLowerCase());
      case 'uppercase':
        return values.map((value) => value.toUpperCase());
      case 'split':
        return values.flatMap((value) => splitValue(value, transform.separator, transform.part));
      case 'join':
        return values.length === 0 ? [] : [values.join(transform.separator)];
      case 'constant':
        return [transform.value];
      case 'map':
        return values.flatMap((value) => mapValue(value, transform, context));
      case 'date':
        return values.flatMap((value) => {
          const parts = parseDate(value, transform.format);
          if (parts !== undefined) return [context.dateTarget === 'date' ? toIsoDate(parts) : toIsoInstant(parts, transform.timezone)];
          refuseValue(context.problems, context.site, context.payload, { code: 'INVALID_DATE', reason: `is not a date in format ${transform.format}` }, value);
          return [];
        });
      default: {
        const unreachable: never = transform;
        return unreachable;
      }
    }
  })();
  return result.map((value) => value.trim()).filter((value) => value !== '');
}

type MapTransform = Extract<Transform, { type: 'map' }>;

// Codes match ignoring case; the lower-cased table is built once per transform object.
const tables = new WeakMap<MapTransform, Map<string, string>>();
const tableOf = (transform: MapTransform): Map<string, string> => {
  let table = tables.get(transform);
  if (table === undefined) {
    table = new Map(Object.entries(transform.values).map(([code, value]) => [code.trim().toLowerCase(), value]));
    tables.set(transform, table);
  }
  return table;
};

function mapValue(value: string, transform: MapTransform, context: { site: Site; payload: Payload }): string[] {
  const mapped = tableOf(transform).get(value.toLowerCase());
  if (mapped !== undefined) return [mapped];
  switch (transform.unmatched ?? 'keep') {
    case 'keep':
      return [value];
    case 'drop':
      return [];
    case 'reject':
      throw badValue(context.site, context.payload, 'is not one of the mapped codes');
  }
}
