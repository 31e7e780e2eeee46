import { describe, expect, it } from 'vitest';
import { DomainError } from '../../errors/domain-error.ts';
import type { FieldProblem } from '../data-quality.ts';
import { buildMappingAdapter, undatedVersion } from './mapping-adapter.ts';
import { parseMappingSpec } from './mapping-spec.ts';

const context = { source: 'test-source', defaultCountry: 'GB' };

/** Builds an adapter from fields (and spec overrides), parses the payload, converts it. */
const adapterOf = (fields: unknown[], extra: Record<string, unknown> = {}) =>
  buildMappingAdapter(parseMappingSpec({ name: 'test-source', priority: 40, recordId: { from: 'Id' }, fields, ...extra }));
const convert = (fields: unknown[], payload: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
  const adapter = adapterOf(fields, extra);
  return adapter.toCanonical(adapter.payloadSchema.parse({ Id: 'R1', ...payload }), context);
};
const personOf = (fields: unknown[], payload: Record<string, unknown>) => convert(fields, payload).person;
/** The person and the values left out of it as data-quality problems. */
const noting = (fields: unknown[], payload: Record<string, unknown>) => {
  const adapter = adapterOf(fields);
  const problems: FieldProblem[] = [];
  const record = adapter.toCanonical(adapter.payloadSchema.parse({ Id: 'R1', ...payload }), context, problems);
  return { person: record.person, problems };
};

/** The error toCanonical throws, or undefined. */
const thrown = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('transforms', () => {
  it('always trims, and lowercase / uppercase change case', () => {
    const person = personOf(
      [
        { to: 'email', from: 'Mail', transform: { type: 'lowercase' } },
        { to: 'address.postcode', from: 'Post', transform: { type: 'uppercase' } },
        { to: 'title', from: 'Title', transform: { type: 'trim' } },
        { to: 'address.city', from: 'Town' },
      ],
      { Mail: '  Jo.Doe@Example.COM ', Post: ' zz1 1zz', Title: ' Dr ', Town: '\tExampleton\n' },
    );
    expect(person).toMatchObject({ emails: ['jo.doe@example.com'], title: 'Dr' });
    expect(person?.addresses).toEqual([{ lines: [], postcode: 'ZZ1 1ZZ', city: 'Exampleton' }]);
  });

  it('splits into every part, one part by index, or the last part', () => {
    const person = personOf(
      [
        { to: 'phone', from: 'Tel', transform: { type: 'split', separator: ';', part: 'all' } },
        { to: 'name.given', from: 'Name', transform: { type: 'split', separator: ' ', part: 0 } },
        { to: 'name.family', from: 'Name', transform: { type: 'split', separator: ' ', part: -1 } },
        { to: 'title', from: 'Name', transform: { type: 'split', separator: ' ', part: 5 }, default: 'none' },
      ],
      { Tel: '+44 20 7946 0001; ;+44 20 7946 0002;', Name: 'Jo Q Doe' },
    );
    expect(person).toMatchObject({ phones: ['+44 20 7946 0001', '+44 20 7946 0002'], names: [{ given: 'Jo', family: 'Doe' }], title: 'none' });
  });

  it('joins several fields, skipping empty ones', () => {
    const fields = [{ to: 'name.full', from: ['Title', 'Given', 'Family'], transform: { type: 'join', separator: ' ' } }];
    expect(personOf(fields, { Title: '', Given: 'Jo', Family: 'Doe' })?.names).toEqual([{ full: 'Jo Doe' }]);
    expect(personOf(fields, { Title: ' ', Given: '' })?.names).toEqual([]);
  });

  it('reads dates in the declared format', () => {
    const fields = [{ to: 'dateOfBirth', from: 'DOB', transform: { type: 'date', format: 'DD/MM/YYYY' } }];
    expect(personOf(fields, { DOB: '29/02/2024' })?.dateOfBirth).toBe('2024-02-29');
    // Without a transform a date of birth must already be ISO.
    expect(personOf([{ to: 'dateOfBirth', from: 'DOB' }], { DOB: '1975-12-01' })?.dateOfBirth).toBe('1975-12-01');
  });

  it('writes a constant without reading anything', () => {
    expect(personOf([{ to: 'address.country', transform: { type: 'constant', value: 'GB' } }, { to: 'address.city', from: 'Town' }], { Town: 'Exampleton' })?.addresses).toEqual([
      { lines: [], city: 'Exampleton', country: 'GB' },
    ]);
  });

  it('maps codes ignoring case, keeping, dropping or rejecting the unmatched', () => {
    const map = (unmatched?: string) => [{ to: 'address.country', from: 'C', transform: { type: 'map', values: { 'United Kingdom': 'GB' }, unmatched } }, { to: 'address.city', from: 'Town' }];
    const country = (fields: unknown[], value: string) => personOf(fields, { C: value, Town: 'X' })?.addresses?.[0]?.country;
    expect(country(map(), 'united kingdom')).toBe('GB');
    expect(country(map('keep'), 'IE')).toBe('IE');
    expect(country(map('drop'), 'Atlantis')).toBeUndefined();
    expect(thrown(() => country(map('reject'), 'Atlantis'))).toMatchObject({ clientMessage: 'C is not one of the mapped codes', field: ['payload', 'C'] });
    // Kept but not a code: left out rather than handed to the canonical model.
    const kept = noting(map('keep'), { C: 'Atlantis', Town: 'X' });
    expect(kept.person?.addresses).toEqual([{ lines: [], city: 'X' }]);
    expect(kept.problems).toEqual([{ field: ['payload', 'C'], code: 'INVALID_COUNTRY', reason: expect.stringContaining('is not an ISO 3166-1'), raw: 'Atlantis' }]);
  });
});

describe('empty values and defaults', () => {
  it('treats empty and blank strings as missing', () => {
    const person = personOf([{ to: 'email', from: 'Mail' }, { to: 'organisation', from: 'Org' }, { to: 'identifier.loyalty_number', from: 'Card' }], { Mail: '', Org: '   ' });
    expect(person).toEqual({ names: [], emails: [], phones: [], addresses: [], identifiers: [] });
  });

  it('uses the default only when the source gives nothing', () => {
    const fields = [{ to: 'organisation', from: 'Org', default: 'Private customer' }];
    expect(personOf(fields, { Org: '' })?.organisation).toBe('Private customer');
    expect(personOf(fields, {})?.organisation).toBe('Private customer');
    expect(personOf(fields, { Org: 'Example Ltd' })?.organisation).toBe('Example Ltd');
  });

  it('collects repeatable targets from several mappings and several from fields', () => {
    const person = personOf([{ to: 'email', from: 'Work' }, { to: 'email', from: 'Home' }, { to: 'phone', from: ['Mobile', 'Landline'] }], {
      Work: 'jo@work.example.com',
      Home: 'jo@example.com',
      Mobile: '+44 7700 900001',
      Landline: '',
    });
    expect(person).toMatchObject({ emails: ['jo@work.example.com', 'jo@example.com'], phones: ['+44 7700 900001'] });
  });
});

describe('nested JSON', () => {
  const fields = [
    { to: 'email', from: 'customer.contact.emails' },
    { to: 'name.given', from: 'customer.name.first' },
    { to: 'identifier.account_number', from: 'customer.account' },
    { to: 'address.lines', from: 'Addr. 1' },
  ];

  it('follows dotted paths, flattens lists and writes numbers as text', () => {
    const person = personOf(fields, {
      customer: { name: { first: 'Jo' }, contact: { emails: ['jo@example.com', '', 'j.doe@example.com'] }, account: 120034 },
      'Addr. 1': '1 Sample Street',
    });
    expect(person).toMatchObject({
      names: [{ given: 'Jo' }],
      emails: ['jo@example.com', 'j.doe@example.com'],
      identifiers: [{ type: 'account_number', value: '120034' }],
      addresses: [{ lines: ['1 Sample Street'] }],
    });
  });

  it('reads a nested record id and reports a missing one at its path', () => {
    const adapter = adapterOf(fields, { recordId: { from: 'customer.id' } });
    const ok = adapter.payloadSchema.parse({ customer: { id: 'N-1' } });
    expect(adapter.toCanonical(ok, context).sourceRecordId).toBe('N-1');
    expect(adapter.payloadSchema.safeParse({ customer: { id: ' ' } }).error?.issues).toMatchObject([{ path: ['customer', 'id'], message: 'customer.id is required: it holds the record id' }]);
  });

  it('refuses an object where text belongs, and does not reach the prototype', () => {
    const adapter = adapterOf([{ to: 'name.given', from: 'customer.name' }, { to: 'title', from: '__proto__.polluted' }]);
    const issues = adapter.payloadSchema.safeParse({ Id: 'R1', customer: { name: { first: 'Jo' } } }).error?.issues;
    expect(issues).toMatchObject([{ path: ['customer', 'name'], message: 'customer.name must be text or a list of text' }]);
    expect(adapter.toCanonical({ Id: 'R1' }, context).person?.title).toBeUndefined();
  });

  it('refuses several values for a single target', () => {
    const error = thrown(() => personOf([{ to: 'name.given', from: 'names' }], { names: ['Jo', 'Joanne'] }));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', clientMessage: 'names holds several values but name.given takes one', field: ['payload', 'names'] });
  });
});

describe('record id and updatedAt', () => {
  it('requires the record id column, at its name', () => {
    const adapter = adapterOf([{ to: 'email', from: 'Mail' }], { recordId: { from: 'Customer No' } });
    for (const row of [{ Mail: 'a@example.com' }, { 'Customer No': '', Mail: 'a@example.com' }]) {
      expect(adapter.payloadSchema.safeParse(row).error?.issues).toMatchObject([{ path: ['Customer No'], message: 'Customer No is required: it holds the record id' }]);
    }
    expect(adapter.payloadSchema.safeParse(['not', 'a', 'record']).success).toBe(false);
  });

  it('requires updatedAt when it is mapped', () => {
    const adapter = adapterOf([{ to: 'email', from: 'Mail' }], { updatedAt: { from: 'Modified' } });
    expect(adapter.payloadSchema.safeParse({ Id: 'R1' }).error?.issues).toMatchObject([{ path: ['Modified'], message: 'Modified is required: it holds updatedAt' }]);
  });

  it('joins a composite record id', () => {
    const record = convert([{ to: 'email', from: 'Mail' }], { Branch: 'LDN', No: '0042' }, { recordId: { from: ['Branch', 'No'], transform: { type: 'join', separator: '-' } } });
    expect(record.sourceRecordId).toBe('LDN-0042');
  });

  it('reads updatedAt in a format and fixed offset, or as ISO 8601', () => {
    const formatted = { updatedAt: { from: 'Modified', transform: { type: 'date', format: 'DD/MM/YYYY HH:mm:ss', timezone: '+01:00' } } };
    expect(convert([{ to: 'email', from: 'Mail' }], { Modified: '14/06/2024 00:30:00' }, formatted).updatedAt).toBe('2024-06-13T23:30:00.000Z');
    expect(convert([{ to: 'email', from: 'Mail' }], { Modified: '2024-06-14T00:30:00+02:00' }, { updatedAt: { from: 'Modified' } }).updatedAt).toBe('2024-06-13T22:30:00.000Z');
    const error = thrown(() => convert([{ to: 'email', from: 'Mail' }], { Modified: '2024-06-14 00:30' }, { updatedAt: { from: 'Modified' } }));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: ['payload', 'Modified'] });
  });

  it('dates every version of an undated source at the epoch, so a re-import is idempotent', () => {
    const first = convert([{ to: 'email', from: 'Mail' }], { Mail: 'a@example.com' });
    expect(first.updatedAt).toBe(undatedVersion);
    expect(convert([{ to: 'email', from: 'Mail' }], { Mail: 'a@example.com' })).toEqual(first);
  });
});

describe('a value that does not parse or validate', () => {
  const dob = { to: 'dateOfBirth', from: 'DOB', transform: { type: 'date', format: 'DD/MM/YYYY' } };
  const others = [{ to: 'email', from: 'Mail' }, { to: 'name.family', from: 'Family' }];

  it('is left out of a record that keeps its other fields, and noted at the column with the raw value', () => {
    const { person, problems } = noting([dob, ...others], { DOB: '19081309', Mail: 'jo@example.com', Family: 'Doe' });
    expect(person).toMatchObject({ emails: ['jo@example.com'], names: [{ family: 'Doe' }] });
    expect(person?.dateOfBirth).toBeUndefined();
    expect(problems).toEqual([{ field: ['payload', 'DOB'], code: 'INVALID_DATE', reason: 'is not a date in format DD/MM/YYYY', raw: '19081309' }]);
    expect(problems[0]!.reason).not.toContain('19081309');
  });

  it('notes a two-digit year, an ISO date of birth that does not exist, a malformed e-mail and a phone that is no number', () => {
    const fields = [dob, { to: 'email', from: 'Mail' }, { to: 'phone', from: 'Tel', transform: { type: 'split', separator: ';', part: 'all' } }];
    const { person, problems } = noting(fields, { DOB: '01/02/80', Mail: 'jo at example.com', Tel: 'n/a;+44 20 7946 0001' });
    expect(person).toMatchObject({ emails: [], phones: ['+44 20 7946 0001'] });
    expect(problems.map((p) => [p.field.join('.'), p.code, p.raw])).toEqual([
      ['payload.DOB', 'INVALID_DATE', '01/02/80'],
      ['payload.Mail', 'INVALID_EMAIL', 'jo at example.com'],
      ['payload.Tel', 'INVALID_PHONE', 'n/a'],
    ]);
    expect(noting([{ to: 'dateOfBirth', from: 'DOB' }], { DOB: '2023-02-29' }).problems).toMatchObject([{ reason: 'is not a date in format YYYY-MM-DD' }]);
  });

  it('does not fall back to the default: the source gave a value, a bad one', () => {
    const { person } = noting([{ ...dob, default: '1970-01-01' }], { DOB: '31/02/1980' });
    expect(person?.dateOfBirth).toBeUndefined();
  });

  it('rejects the record as BAD_USER_INPUT at the column, with no value in any message, when the field says onInvalid: reject', () => {
    const value = '31/02/1980';
    const error = thrown(() => personOf([{ ...dob, onInvalid: 'reject' }], { DOB: value }));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', clientMessage: 'DOB is not a date in format DD/MM/YYYY', field: ['payload', 'DOB'] });
    const { message, clientMessage } = error as DomainError;
    for (const text of [message, clientMessage]) expect(text).not.toContain(value);
    expect(thrown(() => personOf([{ to: 'phone', from: 'Tel', onInvalid: 'reject' }], { Tel: 'n/a' }))).toMatchObject({ clientMessage: 'Tel is not a phone number', field: ['payload', 'Tel'] });
  });

  it('still rejects a bad updatedAt: the record has no version without it', () => {
    const error = thrown(() => convert([{ to: 'email', from: 'Mail' }], { Modified: '31/02/2024 10:00' }, { updatedAt: { from: 'Modified', transform: { type: 'date', format: 'DD/MM/YYYY HH:mm' } } }));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: ['payload', 'Modified'] });
  });
});
