import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { canonicalRecordSchema } from '../canonical.ts';
import { buildMappingAdapter } from './mapping-adapter.ts';
import { parseMappingSpec } from './mapping-spec.ts';

// The example files are what the README and the CLI point at: they must keep working.
const read = (name: string) => readFileSync(new URL(`./examples/${name}`, import.meta.url), 'utf8');
const spec = parseMappingSpec(JSON.parse(read('acme-crm-export.json')));
const rows: Record<string, string>[] = parse(read('acme-crm-export.csv'), { columns: true });
const adapter = buildMappingAdapter(spec);
const context = { source: spec.name, defaultCountry: spec.defaultCountry };
const convert = (row: Record<string, string> | undefined) => adapter.toCanonical(adapter.payloadSchema.parse(row), context);

describe('acme-crm-export example', () => {
  it('has a header matching the spec', () => {
    const columns = Object.keys(rows[0] ?? {});
    const mapped = [spec.recordId.from, spec.updatedAt?.from, ...spec.fields.map((field) => field.from)].flat();
    expect(columns.sort()).toEqual([...new Set(mapped)].sort());
    expect(rows).toHaveLength(5);
  });

  it('converts a full CSV row into the canonical model', () => {
    const record = convert(rows[0]);
    expect(record).toEqual({
      source: 'acme-crm-export',
      sourceRecordId: 'C-1001',
      updatedAt: '2024-03-14T09:30:00.000Z',
      person: {
        names: [{ given: 'Jane', family: 'Example', full: 'Ms Jane Example' }],
        emails: ['jane.example@example.com'],
        phones: ['+44 20 7946 0001', '+44 20 7946 0002'],
        addresses: [{ lines: ['1 Sample Street', 'Flat 2'], city: 'Exampleton', postcode: 'ZZ1 1ZZ', country: 'GB' }],
        title: 'Ms',
        dateOfBirth: '1988-02-29',
        organisation: 'Example Widgets Ltd',
        identifiers: [
          { type: 'loyalty_number', value: 'LC-000101' },
          { type: 'customer_number', value: 'C-1001' },
        ],
      },
      interactions: [],
      consents: [],
    });
    // Already canonical: parsing changes nothing.
    expect(canonicalRecordSchema.parse(record)).toEqual(record);
  });

  it('leaves out what a sparse row does not have, and no address is made of a defaulted country', () => {
    expect(convert(rows[3])).toEqual({
      source: 'acme-crm-export',
      sourceRecordId: 'C-1004',
      updatedAt: '2024-05-05T12:45:00.000Z',
      person: {
        names: [{ given: 'Sam', family: 'Dummy', full: 'Sam Dummy' }],
        emails: ['sam.dummy@example.com'],
        phones: [],
        addresses: [],
        dateOfBirth: '1990-07-15',
        organisation: 'Acme Demo Co',
        identifiers: [{ type: 'customer_number', value: 'C-1004' }],
      },
      interactions: [],
      consents: [],
    });
  });

  it('maps country names, defaults an empty country, and keeps quoted commas', () => {
    const [, second, third, , fifth] = rows.map(convert);
    expect(second?.person?.addresses).toEqual([{ lines: ['22 Fictional Road'], city: 'Sampleford', postcode: 'ZZ2 2ZZ', country: 'GB' }]);
    expect(third?.person?.addresses?.[0]).toMatchObject({ lines: ['Unit 3, Demo Park', 'Testing Lane'], country: 'IE' });
    expect(fifth?.person?.addresses?.[0]?.country).toBe('GB');
  });

  it('gives records every canonical parse accepts', () => {
    for (const row of rows) expect(canonicalRecordSchema.safeParse(convert(row)).success).toBe(true);
  });

  it('registers with the spec priority under the mapping kind', () => {
    expect(adapter).toMatchObject({ kind: 'mapping', defaultPriority: 55, description: "Acme's nightly CRM export (CSV, one row per customer)" });
  });
});
