import { closeSync, openSync, writeSync } from 'node:fs';
import { adapterByKind } from '../../src/ingest/adapters/index.ts';
import { canonicalRecordSchema, type CanonicalRecord } from '../../src/ingest/canonical.ts';
import { generatePeople, type DatasetOptions, type GeneratedRecord, type Person } from './dataset.ts';

/**
 * The dataset as one labelled CSV for identity-resolution evaluation: one row per record
 * that names a person, in one flat shape whatever its source, with the person it truly
 * belongs to. Rows come from each payload's canonical form (the built-in adapter's view of
 * it), so they hold what the product would read; `labelled-mapping.json` loads the file
 * through a user-defined mapping source, leaving `true_entity` out.
 */

export const labelledColumns = [
  'record_id',
  'true_entity',
  'source',
  'given',
  'family',
  'full_name',
  'email',
  'phone',
  'street',
  'city',
  'postcode',
  'country',
  'dob',
  'loyalty',
  'updated_at',
] as const;
export type LabelledColumn = (typeof labelledColumns)[number];
/** One CSV row: every column as text, '' when the record has no value. */
export type LabelledRow = Record<LabelledColumn, string>;

/** Several e-mails or phones of one record share a cell, separated by this. */
export const multiValueSeparator = ';';

/**
 * Whether a payload can name a person at all. Invoices, e-mail events, web events other
 * than the login (identify) and till receipts never do (their adapters give no person), so
 * they are skipped without the adapter's cost; the tests check the shortcut agrees.
 */
export function mayNamePerson(record: GeneratedRecord): boolean {
  const payload = record.payload as Record<string, unknown>;
  switch (record.source) {
    case 'billing':
      return payload['type'] === 'account';
    case 'email':
      return payload['record_type'] === 'subscriber';
    case 'web':
      return payload['type'] === 'identify';
    case 'pos':
      return false;
    default:
      return true;
  }
}

/** A payload through its built-in adapter, as the product reads it; throws when any step refuses it. */
export function canonicalOf(record: GeneratedRecord): CanonicalRecord {
  const adapter = adapterByKind(record.source);
  if (!adapter) throw new Error(`no adapter for source ${record.source}`);
  const parsed = adapter.payloadSchema.parse(record.payload);
  return canonicalRecordSchema.parse(adapter.toCanonical(parsed, { source: record.source, defaultCountry: undefined }));
}

/** The flat row of a canonical record, or undefined when it names no person. */
export function labelledRowOf(canonical: CanonicalRecord, personId: string): LabelledRow | undefined {
  const person = canonical.person;
  if (person === undefined) return undefined;
  const name = person.names[0] ?? {};
  const address = person.addresses[0];
  const whole = [name.given, name.middle, name.family].filter((part) => part !== undefined).join(' ');
  return {
    record_id: `${canonical.source}:${canonical.sourceRecordId}`,
    true_entity: personId,
    source: canonical.source,
    given: name.given ?? '',
    family: name.family ?? '',
    full_name: name.full ?? whole,
    email: person.emails.join(multiValueSeparator),
    phone: person.phones.join(multiValueSeparator),
    street: address?.lines.join(', ') ?? '',
    city: address?.city ?? '',
    postcode: address?.postcode ?? '',
    country: address?.country ?? '',
    dob: person.dateOfBirth ?? '',
    loyalty: person.identifiers
      .filter((identifier) => identifier.type === 'loyalty_number')
      .map((identifier) => identifier.value)
      .join(multiValueSeparator),
    updated_at: new Date(canonical.updatedAt).toISOString(),
  };
}

/**
 * A person's rows: one per record (source and source id), the latest version when several
 * payloads carry the same record (a customer's orders, a requester's tickets), in the
 * order the records first appear.
 */
export function rowsOfPerson(person: Person, records: readonly GeneratedRecord[]): LabelledRow[] {
  const latest = new Map<string, LabelledRow>();
  for (const record of records) {
    if (!mayNamePerson(record)) continue;
    const row = labelledRowOf(canonicalOf(record), person.id);
    if (row === undefined) continue;
    const known = latest.get(row.record_id);
    if (known === undefined || row.updated_at >= known.updated_at) latest.set(row.record_id, row);
  }
  return [...latest.values()];
}

/** The people of a dataset, each with the truth about them and their rows; streams like `generatePeople`. */
export function* labelledPeople(options: DatasetOptions): Generator<{ person: Person; rows: LabelledRow[] }> {
  for (const { person, records } of generatePeople(options)) yield { person, rows: rowsOfPerson(person, records) };
}

/** Every row of a dataset, person by person. */
export function* labelledRows(options: DatasetOptions): Generator<LabelledRow> {
  for (const { rows } of labelledPeople(options)) yield* rows;
}

/** One CSV line (RFC 4180): a value with a comma, quote, line break or edge space is quoted. */
export function csvLine(values: readonly string[]): string {
  return values.map((value) => (/[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value)).join(',');
}

export type LabelledSummary = { path: string; people: number; rows: number };

const FLUSH_AT = 1 << 20;

/**
 * Writes the labelled CSV of a dataset to `path`: a header of `labelledColumns`, then one
 * row per record that names a person. Streams person by person (memory stays flat, as
 * for `generateDataset`). Deterministic: the same options write the same bytes.
 * @example
 * writeLabelledCsv('/tmp/people.csv', { people: 20_000, seed: 1 });
 */
export function writeLabelledCsv(path: string, options: DatasetOptions): LabelledSummary {
  const fd = openSync(path, 'w');
  let buffer = `${csvLine(labelledColumns)}\n`;
  let people = 0;
  let rows = 0;
  try {
    for (const { rows: personRows } of labelledPeople(options)) {
      people++;
      for (const row of personRows) {
        buffer += `${csvLine(labelledColumns.map((column) => row[column]))}\n`;
        rows++;
      }
      if (buffer.length >= FLUSH_AT) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
    writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
  return { path, people, rows };
}
