import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalRecordSchema } from '../../src/ingest/canonical.ts';
import { buildMappingAdapter } from '../../src/ingest/mapping/mapping-adapter.ts';
import { fromList, parseMappingSpec } from '../../src/ingest/mapping/mapping-spec.ts';
import { normalizePhone } from '../../src/normalize/phone.ts';
import { generateDataset, type DatasetOptions } from './dataset.ts';
import { canonicalOf, labelledColumns, labelledRows, mayNamePerson, writeLabelledCsv } from './labelled.ts';

const spec = parseMappingSpec(JSON.parse(readFileSync(new URL('./labelled-mapping.json', import.meta.url), 'utf8')));
const adapter = buildMappingAdapter(spec);
const context = { source: spec.name, defaultCountry: spec.defaultCountry };
const options: DatasetOptions = { people: 1500, seed: 21 };
const split = (cell: string | undefined) => (cell ? cell.split(';') : []);

describe('writeLabelledCsv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'labelled-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'people.csv');
  const summary = writeLabelledCsv(path, options);
  const text = readFileSync(path, 'utf8');
  const rows: Record<string, string>[] = parse(text, { columns: true });

  it('writes a header and one row per record that names a person, each id once', () => {
    expect(text.slice(0, text.indexOf('\n'))).toBe(labelledColumns.join(','));
    expect(summary).toMatchObject({ path, people: 1500, rows: rows.length });
    expect(rows.length).toBeGreaterThan(2500);
    expect(new Set(rows.map((row) => row.record_id)).size).toBe(rows.length);
    for (const row of rows) {
      expect(row.record_id!.startsWith(`${row.source}:`)).toBe(true);
      expect(row.true_entity).toMatch(/^p\d+$/);
      expect(row.updated_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      if (row.dob) expect(row.dob).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(new Set(rows.map((row) => row.source)).size).toBe(7);
  });

  it('writes the same bytes for the same options', () => {
    const again = join(dir, 'again.csv');
    writeLabelledCsv(again, options);
    expect(readFileSync(again, 'utf8')).toBe(text);
  });

  it('holds the rows labelledRows gives, parsed back unchanged', () => {
    expect(rows).toEqual([...labelledRows(options)]);
  });

  it('maps every column but the answer key and the source system name', () => {
    const mapped = new Set([...fromList(spec.recordId.from), spec.updatedAt!.from, ...spec.fields.flatMap((field) => fromList(field.from))]);
    expect([...mapped].sort()).toEqual(labelledColumns.filter((column) => column !== 'true_entity' && column !== 'source').sort());
  });

  it('round-trips through the mapping adapter into valid canonical records that never see the label', () => {
    for (const row of rows) {
      const record = canonicalRecordSchema.parse(adapter.toCanonical(adapter.payloadSchema.parse(row), context));
      expect(record.sourceRecordId).toBe(row.record_id);
      expect(record.updatedAt).toBe(row.updated_at);
      const person = record.person!;
      expect(person.emails).toEqual(split(row.email));
      expect(person.phones).toEqual(split(row.phone));
      expect(person.dateOfBirth).toBe(row.dob || undefined);
      expect(person.identifiers).toEqual(split(row.loyalty).map((value) => ({ type: 'loyalty_number', value })));
      const name = person.names[0];
      expect(name?.given).toBe(row.given || undefined);
      expect(name?.family).toBe(row.family || undefined);
      expect(name?.full).toBe(row.full_name || undefined);
      if (row.street || row.city || row.postcode) {
        expect(person.addresses).toEqual([
          {
            lines: split(row.street).length > 0 ? [row.street] : [],
            ...(row.city ? { city: row.city } : {}),
            ...(row.postcode ? { postcode: row.postcode } : {}),
            ...(row.country ? { country: row.country } : {}),
          },
        ]);
      } else {
        expect(person.addresses).toEqual([]);
      }
      for (const phone of person.phones) expect(normalizePhone(phone, row.country || undefined), phone).not.toBeNull();
      expect(JSON.stringify(record)).not.toContain(`"${row.true_entity}"`);
    }
  });
});

describe('mayNamePerson', () => {
  it('skips exactly the payloads whose adapters give no person', () => {
    for (const record of generateDataset({ people: 300, seed: 21 })) {
      expect(mayNamePerson(record), record.source).toBe(canonicalOf(record).person !== undefined);
    }
  });
});
