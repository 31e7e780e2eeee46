import type { Tx } from '../../graph/executor.ts';
import type { ValueCodec } from '../codec.ts';

/** A JSON Schema (draft 2020-12) fragment. */
export type JsonSchema = Record<string, unknown>;

/** Who the export is about: the customer, every customer merged into it, their records and identifiers. */
export type ExportScope = {
  requestId: string;
  customerId: string;
  /** The customer and every id merged into it. */
  customerIds: string[];
  recordKeys: string[];
  identifierKeys: string[];
  /** (source, sourceRecordId) of every record: rejected versions are found by them. */
  sourceRecords: Array<{ source: string; sourceRecordId: string }>;
  /** The earliest moment anything of the person was written (bounds the scans of time-ordered logs). */
  since: string;
};

/** What a section reads with: the export's one read transaction and the value codec. */
export type ExportReader = { tx: Tx; codec: ValueCodec };

/**
 * One kind of data in the access export. A new kind of data about a person is one more
 * section registered with PrivacyExportService.register (consent is meant to be one):
 * the document and its JSON Schema grow with it.
 */
export type ExportSection = {
  name: string;
  description: string;
  /** The schema of one item. */
  itemSchema: JsonSchema;
  /**
   * Properties of the exported nodes left out on purpose, each with why. The completeness
   * test reads them from here, so leaving something out is a decision in code.
   */
  omits?: Readonly<Record<string, string>>;
  collect(reader: ExportReader, scope: ExportScope): Promise<unknown[]>;
};

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const isTemporal = (value: object): boolean => 'year' in value || 'nanosecond' in value || 'months' in value;

/**
 * A stored property as the person reads it: values through the codec decoded, JSON text
 * parsed, temporal values as their ISO text, integers as numbers.
 */
export function plainValue(value: unknown, codec: ValueCodec): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    const decoded = codec.decode(value);
    if ((decoded.startsWith('{') && decoded.endsWith('}')) || (decoded.startsWith('[') && decoded.endsWith(']'))) {
      try {
        return JSON.parse(decoded) as Json;
      } catch {
        return decoded;
      }
    }
    return decoded;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map((v) => plainValue(v, codec));
  if (typeof value === 'object') {
    if (isTemporal(value)) return String(value);
    if ('low' in value && 'high' in value) return Number(value as unknown as number);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainValue(v, codec)]));
  }
  return String(value);
}

/** Every property of a node, plain, less those the section omits. */
export function plainProperties(props: Record<string, unknown>, codec: ValueCodec, omits: Readonly<Record<string, string>> = {}): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(props).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (key in omits) continue;
    out[key] = plainValue(value, codec);
  }
  return out;
}

/** An item of node properties: an object that names its key or id, whatever else it holds. */
export const nodeItemSchema = (required: readonly string[], extra: Record<string, JsonSchema> = {}): JsonSchema => ({
  type: 'object',
  required: [...required],
  properties: { ...Object.fromEntries(required.map((name) => [name, { type: 'string' }])), ...extra },
  additionalProperties: true,
});
