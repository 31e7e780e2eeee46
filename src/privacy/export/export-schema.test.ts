import { readFileSync, writeFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { plainCodec } from '../codec.ts';
import { plainProperties } from './export-section.ts';
import { exportSchema } from './export.service.ts';
import { builtInSections } from './sections.ts';

const FILE = new URL('../../../docs/privacy-export.schema.json', import.meta.url);

describe('the access export schema', () => {
  it('is the committed file (UPDATE_EXPORT_SCHEMA=1 rewrites it after a section changes)', () => {
    const schema = `${JSON.stringify(exportSchema(builtInSections()), null, 2)}\n`;
    if (process.env['UPDATE_EXPORT_SCHEMA'] === '1') writeFileSync(FILE, schema);
    expect(readFileSync(FILE, 'utf8')).toBe(schema);
  });

  it('compiles, and refuses a document missing a section', () => {
    const validate = new Ajv({ allErrors: true }).compile(exportSchema(builtInSections()));
    const sections = Object.fromEntries(builtInSections().map((s) => [s.name, []]));
    const document = { format: 'identity-graph.privacy-export', version: 1, requestId: 'dsr_1', generatedAt: '2024-01-01T00:00:00Z', subject: { customerId: 'cus_1', customerIds: ['cus_1'] }, sections };
    expect(validate(document)).toBe(true);
    const { interactions: _dropped, ...fewer } = sections;
    expect(validate({ ...document, sections: fewer })).toBe(false);
  });
});

describe('plainProperties', () => {
  it('parses JSON text, keeps lists and numbers, drops what the section omits', () => {
    expect(plainProperties({ attrs: '{"a":1}', ids: ['x', 'y'], n: 3, salt: 's' }, plainCodec, { salt: 'internal' })).toEqual({ attrs: { a: 1 }, ids: ['x', 'y'], n: 3 });
  });
});
