import { describe, expect, it } from 'vitest';
import { DomainError } from '../../errors/domain-error.ts';
import exampleSpec from './examples/acme-crm-export.json' with { type: 'json' };
import { mappingSpecSchema, parseMappingSpec } from './mapping-spec.ts';
import { mappingTargets } from './mapping-targets.ts';

const base = { name: 'test-source', priority: 50, recordId: { from: 'Id' } };
const withField = (field: Record<string, unknown>) => ({ ...base, fields: [field] });

/** Each issue as "path: message", the way parseMappingSpec reports it. */
const problems = (input: unknown): string[] => {
  const result = mappingSpecSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('mapping spec', () => {
  it('accepts the example spec unchanged', () => {
    expect(mappingSpecSchema.parse(exampleSpec)).toEqual(exampleSpec);
  });

  it('offers every identifier type as a target', () => {
    expect(mappingTargets).toContain('identifier.loyalty_number');
    expect(mappingTargets).toContain('identifier.national_id');
    expect(problems(withField({ to: 'identifier.tax_id', from: 'VAT' }))).toEqual([]);
  });

  it.each<[string, unknown, string[]]>([
    ['an unknown target', withField({ to: 'name.nickname', from: 'A' }), ['fields.0.to: unknown target']],
    ['an unknown identifier type', withField({ to: 'identifier.passport', from: 'A' }), ['fields.0.to: unknown target']],
    ['an unknown transform', withField({ to: 'email', from: 'A', transform: { type: 'reverse' } }), ['fields.0.transform.type: unknown transform']],
    ['a misspelt key', withField({ to: 'email', form: 'A' }), ['fields.0: Unrecognized key: "form"', 'fields.0.from: from is required']],
    ['a transform option it does not take', withField({ to: 'email', from: 'A', transform: { type: 'lowercase', locale: 'tr' } }), ['fields.0.transform: Unrecognized key: "locale"']],
    ['a join with a single from', withField({ to: 'name.full', from: ['A'], transform: { type: 'join', separator: ' ' } }), ['fields.0.from: a join needs at least two from fields']],
    ['a join with a string from', withField({ to: 'name.full', from: 'A', transform: { type: 'join', separator: ' ' } }), ['fields.0.from: a join needs at least two from fields']],
    ['several from into a single target', withField({ to: 'name.given', from: ['A', 'B'] }), ['fields.0.from: name.given takes one value: give one from field or join them']],
    ['split all into a single target', withField({ to: 'name.given', from: 'A', transform: { type: 'split', separator: ' ', part: 'all' } }), ['fields.0.transform.part: name.given takes one value: pick a part index']],
    ['a fractional split part', withField({ to: 'email', from: 'A', transform: { type: 'split', separator: ';', part: 1.5 } }), ['fields.0.transform.part: part must be an integer or "all"']],
    ['an empty split separator', withField({ to: 'email', from: 'A', transform: { type: 'split', separator: '', part: 0 } }), ['fields.0.transform.separator: a split separator must not be empty']],
    ['a date format without a day', withField({ to: 'dateOfBirth', from: 'A', transform: { type: 'date', format: 'MM/YYYY' } }), ['fields.0.transform.format: a date format needs YYYY, MM (or M) and DD (or D)']],
    ['a two-digit year', withField({ to: 'dateOfBirth', from: 'A', transform: { type: 'date', format: 'DD/MM/YY' } }), ['fields.0.transform.format: two-digit years are not supported: use YYYY']],
    ['a bad timezone', { ...base, updatedAt: { from: 'T', transform: { type: 'date', format: 'YYYY-MM-DD', timezone: 'Europe/London' } }, fields: [{ to: 'email', from: 'A' }] }, ['updatedAt.transform.timezone: timezone must be Z or an offset like +01:00']],
    ['a timezone on a date of birth', withField({ to: 'dateOfBirth', from: 'A', transform: { type: 'date', format: 'DD/MM/YYYY', timezone: '+01:00' } }), ['fields.0.transform.timezone: a timezone applies to updatedAt only: a date of birth has none']],
    ['a date transform on text', withField({ to: 'title', from: 'A', transform: { type: 'date', format: 'DD/MM/YYYY' } }), ['fields.0.transform.type: a date transform applies to dateOfBirth or updatedAt only']],
    ['a text transform on a date of birth', withField({ to: 'dateOfBirth', from: 'A', transform: { type: 'uppercase' } }), ['fields.0.transform.type: dateOfBirth takes a date transform or none (then YYYY-MM-DD)']],
    ['a constant with a from', withField({ to: 'address.country', from: 'A', transform: { type: 'constant', value: 'GB' } }), ['fields.0.from: a constant takes no from']],
    ['a missing from', withField({ to: 'email' }), ['fields.0.from: from is required unless the transform is a constant']],
    ['a number as from', withField({ to: 'email', from: 3 }), ['fields.0.from: from must be a field name or a list of field names']],
    ['an empty from', withField({ to: 'email', from: ' ' }), ['fields.0.from: a field name must not be empty']],
    ['a country default that is not a code', withField({ to: 'address.country', from: 'A', default: 'England' }), ['fields.0.default: the default is not an ISO 3166-1 alpha-2 country code (use a map transform for names)']],
    ['an impossible default date of birth', withField({ to: 'dateOfBirth', from: 'A', default: '2024-02-31' }), ['fields.0.default: the default is not a date in format YYYY-MM-DD']],
    ['a country map to a name', withField({ to: 'address.country', from: 'A', transform: { type: 'map', values: { UK: 'Great Britain' } } }), ['fields.0.transform.values.UK: the mapped value is not an ISO 3166-1 alpha-2 country code (use a map transform for names)']],
    ['map codes differing only in case', withField({ to: 'address.country', from: 'A', transform: { type: 'map', values: { UK: 'GB', uk: 'GB' } } }), ['fields.0.transform.values.uk: codes are matched ignoring case: this one repeats another']],
    ['an unknown unmatched policy', withField({ to: 'email', from: 'A', transform: { type: 'map', values: {}, unmatched: 'ignore' } }), ['fields.0.transform.unmatched: Invalid option: expected one of "keep"|"drop"|"reject"']],
    ['five address lines', withField({ to: 'address.lines', from: ['A', 'B', 'C', 'D', 'E'] }), ['fields.0.from: address.lines takes at most 4 lines']],
    ['no fields', { ...base, fields: [] }, ['fields: map at least one field']],
    ['a record id from two columns without a join', { ...base, recordId: { from: ['A', 'B'] }, fields: [{ to: 'email', from: 'E' }] }, ['recordId.from: the record id takes one value: give one from field or join them']],
    ['a constant record id', { ...base, recordId: { from: 'A', transform: { type: 'constant', value: 'x' } }, fields: [{ to: 'email', from: 'E' }] }, ['recordId.transform.type: a record id takes trim, lowercase, uppercase, split or join']],
    ['a default record id', { ...base, recordId: { from: 'A', default: 'x' }, fields: [{ to: 'email', from: 'E' }] }, ['recordId: Unrecognized key: "default"']],
    ['an updatedAt with a text transform', { ...base, updatedAt: { from: 'T', transform: { type: 'lowercase' } }, fields: [{ to: 'email', from: 'E' }] }, ['updatedAt.transform.type: updatedAt takes a date transform or none', 'updatedAt.transform.format: Invalid input']],
    ['a bad name and priority', { ...base, name: 'Acme CRM', priority: 1001, fields: [{ to: 'email', from: 'E' }] }, ['name: name must be 1 to 63 lowercase letters', 'priority: Too big: expected number to be <=1000']],
    ['a lower-case default country', { ...base, defaultCountry: 'gb', fields: [{ to: 'email', from: 'E' }] }, ['defaultCountry: defaultCountry must be an ISO 3166-1 alpha-2 code like GB']],
    ['an unknown onInvalid', withField({ to: 'dateOfBirth', from: 'A', onInvalid: 'drop' }), ['fields.0.onInvalid: onInvalid must be "issue" or "reject"']],
    ['an e-mail default that is no address', withField({ to: 'email', from: 'A', default: 'none' }), ['fields.0.default: the default is not an e-mail address']],
    ['a single target mapped twice', { ...base, fields: [{ to: 'email', from: 'E' }, { to: 'name.given', from: 'A' }, { to: 'name.given', from: 'B' }] }, ['fields.2.to: name.given is already mapped by fields[1] and takes one value']],
  ])('refuses %s', (_case, input, expected) => {
    const found = problems(input);
    expect(found).toHaveLength(expected.length);
    expected.forEach((prefix, index) => expect(found[index]?.slice(0, prefix.length)).toBe(prefix));
  });

  it('takes onInvalid issue (the default) or reject on any field', () => {
    expect(problems(withField({ to: 'dateOfBirth', from: 'A', onInvalid: 'reject' }))).toEqual([]);
    expect(problems(withField({ to: 'phone', from: 'A', onInvalid: 'issue' }))).toEqual([]);
  });

  it('lets repeatable targets be mapped several times', () => {
    const spec = { ...base, fields: [{ to: 'email', from: 'Work' }, { to: 'email', from: 'Home' }, { to: 'phone', from: ['Mobile', 'Landline'] }] };
    expect(problems(spec)).toEqual([]);
  });
});

describe('parseMappingSpec', () => {
  it('returns the spec when it is valid', () => {
    expect(parseMappingSpec(exampleSpec).name).toBe('acme-crm-export');
  });

  it('throws BAD_USER_INPUT listing every problem, the first one as the field', () => {
    const input = { ...base, priority: -1, fields: [{ to: 'dateOfBirth', from: 'DOB', transform: { type: 'date', format: 'DD/MM/YY' } }] };
    const error = (() => {
      try {
        parseMappingSpec(input, ['input', 'mapping']);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: ['input', 'mapping', 'priority'],
      clientMessage:
        'Invalid mapping: priority: Too small: expected number to be >=0; fields.0.transform.format: two-digit years are not supported: use YYYY',
    });
  });
});
