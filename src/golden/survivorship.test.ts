import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Person } from '../ingest/canonical.ts';
import { defaultSurvivorshipConfig, loadSurvivorshipConfig, SurvivorshipConfigError } from './survivorship-config.ts';
import { changedAttributes, computeGolden, type GoldenSourceRecord, type Pin, type SurvivorshipConfig } from './survivorship.ts';

const person = (p: Partial<Person>): Person => ({ names: [], emails: [], phones: [], addresses: [], identifiers: [], ...p });
const rec = (key: string, source: string, priority: number, updatedAt: number, p: Partial<Person>): GoldenSourceRecord =>
  ({ key, source, sourceRecordId: `${source}-${key}`, priority, updatedAt, person: person(p) });
const given = (name: string) => ({ names: [{ given: name }] });
const pin = (attribute: Pin['attribute'], value: string): Pin => ({ attribute, value, by: 'steward', at: '2024-05-01T00:00:00Z', reason: null });
const config = defaultSurvivorshipConfig();
const withRule = (attribute: keyof SurvivorshipConfig['attributes'], rule: SurvivorshipConfig['attributes']['email']): SurvivorshipConfig =>
  ({ ...config, attributes: { ...config.attributes, [attribute]: rule } });

describe('phones without a country in the record', () => {
  it('reads local numbers in the source’s default country, so two formats are one value', () => {
    const records = [
      { ...rec('r1', 'crm', 1, 100, { phones: ['020 7946 0001'] }), defaultCountry: 'GB' },
      { ...rec('r2', 'shop', 1, 200, { phones: ['+44 20 7946 0001'] }) },
    ];
    expect(computeGolden(records, config).phones.map((p) => [p.value, p.sources.map((s) => s.recordKey)])).toEqual([['+442079460001', ['r1', 'r2']]]);
    // Without the default country the local number cannot be read and is left out.
    expect(computeGolden([rec('r1', 'crm', 1, 100, { phones: ['020 7946 0001'] })], config).phones).toEqual([]);
  });
});

describe('single attributes', () => {
  it('lets source priority win over recency', () => {
    const golden = computeGolden([rec('r1', 'crm', 1, 200, given('Jon')), rec('r2', 'billing', 5, 100, given('John'))], config);
    expect(golden.attributes.givenName).toEqual({
      value: 'John', rule: 'source-priority', candidates: 2,
      from: { recordKey: 'r2', source: 'billing', sourceRecordId: 'billing-r2', updatedAt: 100 },
    });
  });

  it('falls back to recency when priorities tie', () => {
    const golden = computeGolden([rec('r1', 'crm', 3, 200, given('Jon')), rec('r2', 'webshop', 3, 100, given('John'))], config);
    expect(golden.attributes.givenName).toMatchObject({ value: 'Jon', rule: 'most-recent', from: { recordKey: 'r1' } });
  });

  it('lets a sourceOrder replace the sources’ priority, unlisted sources last', () => {
    const records = [rec('r1', 'crm', 1, 100, given('Jon')), rec('r2', 'billing', 9, 100, given('John')), rec('r3', 'pos', 99, 300, given('Johnny'))];
    const golden = computeGolden(records, withRule('givenName', { strategies: ['source-priority'], sourceOrder: ['crm', 'billing'] }));
    expect(golden.attributes.givenName).toMatchObject({ value: 'Jon', rule: 'source-priority', candidates: 3 });
  });

  it('counts spellings of one value together for most-frequent and shows the winner’s own text', () => {
    const records = [
      rec('r1', 'crm', 9, 300, { names: [{ family: 'Schmidt' }] }),
      rec('r2', 'pos', 1, 100, { names: [{ family: 'MÜLLER' }] }),
      rec('r3', 'webshop', 1, 200, { names: [{ family: ' Müller ' }] }),
    ];
    const golden = computeGolden(records, withRule('familyName', { strategies: ['most-frequent', 'most-recent'] }));
    expect(golden.attributes.familyName).toMatchObject({ value: 'Müller', rule: 'most-frequent', from: { recordKey: 'r3' }, candidates: 2 });
  });

  it('decides the date of birth by agreement before priority', () => {
    const dob = (d: string) => ({ dateOfBirth: d });
    const records = [rec('r1', 'billing', 9, 300, dob('1980-02-01')), rec('r2', 'crm', 1, 100, dob('1980-01-02')), rec('r3', 'pos', 1, 200, dob('1980-01-02'))];
    expect(computeGolden(records, config).attributes.dateOfBirth).toMatchObject({ value: '1980-01-02', rule: 'most-frequent', from: { recordKey: 'r3' } });
  });

  it('keeps the value first seen for first-non-empty, an unknown clock not counting as first', () => {
    const cfg = withRule('organisation', { strategies: ['first-non-empty'] });
    const records = [rec('r1', 'crm', 1, 300, { organisation: 'Acme Ltd' }), rec('r2', 'pos', 1, 100, { organisation: 'Acme' }), rec('r3', 'web', 1, 0, { organisation: 'ACME Inc' })];
    expect(computeGolden(records, cfg).attributes.organisation).toMatchObject({ value: 'Acme', rule: 'first-non-empty', from: { recordKey: 'r2' } });
  });

  it('lets the record with the smaller clock lose most-recent even when listed last', () => {
    const records = [rec('r9', 'crm', 1, 500, { title: 'Dr' }), rec('r1', 'crm', 1, 100, { title: 'Mr' })];
    expect(computeGolden(records, config).attributes.title).toMatchObject({ value: 'Dr', rule: 'most-recent', from: { recordKey: 'r9' } });
  });

  it('says only-value for one distinct value and tie-break when the rules cannot decide', () => {
    const same = computeGolden([rec('r1', 'crm', 1, 100, given('Ada')), rec('r2', 'pos', 5, 50, given('ADA'))], config);
    expect(same.attributes.givenName).toMatchObject({ value: 'ADA', rule: 'only-value', candidates: 1, from: { recordKey: 'r2' } });
    const tied = computeGolden([rec('b', 'crm', 1, 100, given('Ann')), rec('a', 'pos', 1, 100, given('Anne'))], config);
    expect(tied.attributes.givenName).toMatchObject({ value: 'Anne', rule: 'tie-break', from: { recordKey: 'a' } });
  });

  it('builds the full name from its parts when the source has none, and omits attributes nobody carries', () => {
    const golden = computeGolden([rec('r1', 'crm', 1, 1, { names: [{ given: 'Ada', middle: 'K.', family: 'Fernwright' }] })], config);
    expect(golden.attributes.fullName?.value).toBe('Ada K. Fernwright');
    expect(golden.attributes.organisation).toBeUndefined();
    expect(golden.recordCount).toBe(1);
  });

  it('lets a pin win whatever the rules say, crediting a record that carries the value', () => {
    const records = [rec('r1', 'crm', 1, 200, given('Jon')), rec('r2', 'billing', 5, 100, given('John'))];
    const carried = computeGolden(records, config, [pin('givenName', 'JON')]);
    expect(carried.attributes.givenName).toMatchObject({ value: 'JON', rule: 'pinned', from: { recordKey: 'r1' }, candidates: 2 });
    const uncarried = computeGolden(records, config, [pin('givenName', 'Jonathan')]);
    expect(uncarried.attributes.givenName).toEqual({ value: 'Jonathan', rule: 'pinned', from: null, candidates: 3 });
    expect(computeGolden([], config, [pin('title', 'Prof')]).attributes.title).toMatchObject({ value: 'Prof', from: null, candidates: 1 });
  });
});

describe('multi attributes', () => {
  it('deduplicates phones across formats, read in the record’s address country, skipping unparseable ones', () => {
    const gb = { addresses: [{ lines: [], country: 'GB' }] };
    const records = [rec('r1', 'crm', 1, 100, { ...gb, phones: ['+44 7400 123456', 'n/a'] }), rec('r2', 'pos', 1, 300, { ...gb, phones: ['07400 123456'] })];
    const golden = computeGolden(records, config);
    expect(golden.phones).toEqual([{
      value: '+447400123456', preferred: true, rule: 'only-value', firstSeen: 100, lastSeen: 300,
      sources: [
        { recordKey: 'r1', source: 'crm', sourceRecordId: 'crm-r1', updatedAt: 100 },
        { recordKey: 'r2', source: 'pos', sourceRecordId: 'pos-r2', updatedAt: 300 },
      ],
    }]);
  });

  it('deduplicates emails by mailbox, prefers the most recent and sorts by lastSeen', () => {
    const records = [
      rec('r1', 'crm', 1, 100, { emails: ['Ada@Example.com', 'old@example.com'] }),
      rec('r2', 'pos', 1, 300, { emails: ['ada@example.com'] }),
      rec('r3', 'web', 1, 200, { emails: ['work@example.org'] }),
    ];
    const emails = computeGolden(records, config).emails;
    expect(emails.map((e) => [e.value, e.preferred, e.rule, e.sources.length])).toEqual([
      ['ada@example.com', true, 'most-recent', 2], ['work@example.org', false, null, 1], ['old@example.com', false, null, 1],
    ]);
  });

  it('keys addresses by street, unit, postcode and country, showing the best record’s own lines', () => {
    const records = [
      rec('r1', 'crm', 1, 100, { addresses: [{ lines: ['Flat 3', '12 Quillfeather Ln'], city: 'London', postcode: 'sw1a1aa', country: 'GB' }] }),
      rec('r2', 'pos', 1, 300, { addresses: [{ lines: ['Flat 3, 12 Quillfeather Lane'], city: 'LONDON', postcode: 'SW1A 1AA', country: 'GB' }] }),
      rec('r3', 'web', 1, 200, { addresses: [{ lines: ['Flat 4, 12 Quillfeather Lane'], city: 'London', postcode: 'SW1A 1AA', country: 'GB' }] }),
    ];
    const addresses = computeGolden(records, config).addresses;
    expect(addresses).toHaveLength(2);
    expect(addresses[0]).toMatchObject({
      value: 'Flat 3, 12 Quillfeather Lane, LONDON, SW1A 1AA, GB', preferred: true, rule: 'most-recent', firstSeen: 100, lastSeen: 300,
      address: { lines: ['Flat 3, 12 Quillfeather Lane'], city: 'LONDON', region: null, postcode: 'SW1A 1AA', country: 'GB' },
    });
    expect(addresses[0]!.sources.map((s) => s.recordKey)).toEqual(['r1', 'r2']);
    expect(addresses[1]).toMatchObject({ preferred: false, rule: null, value: 'Flat 4, 12 Quillfeather Lane, London, SW1A 1AA, GB' });
  });

  it('makes a pinned value preferred, adding it without sources when no record carries it', () => {
    const records = [rec('r1', 'crm', 1, 100, { emails: ['old@example.com'] }), rec('r2', 'pos', 1, 300, { emails: ['new@example.com'] })];
    const carried = computeGolden(records, config, [pin('email', 'OLD@example.com')]).emails;
    expect(carried.map((e) => [e.value, e.preferred, e.rule])).toEqual([['old@example.com', true, 'pinned'], ['new@example.com', false, null]]);
    const added = computeGolden(records, config, [pin('email', 'steward@example.com')]).emails;
    expect(added[0]).toEqual({ value: 'steward@example.com', preferred: true, rule: 'pinned', sources: [], firstSeen: 0, lastSeen: 0 });
    expect(added.filter((e) => e.preferred)).toHaveLength(1);
  });

  it('matches a pinned local phone number and a pinned address display line', () => {
    const gb = (phones: string[], line: string) => ({ phones, addresses: [{ lines: [line], postcode: 'SW1A 1AA', country: 'GB' }] });
    const records = [rec('r1', 'crm', 1, 100, gb(['020 7946 0018'], '1 Old Road')), rec('r2', 'pos', 1, 300, gb(['07400 123456'], '2 New Road'))];
    const golden = computeGolden(records, config, [pin('phone', '020 7946 0018'), pin('address', '1 old road, sw1a 1aa, gb')]);
    expect(golden.phones.map((p) => [p.value, p.preferred])).toEqual([['+442079460018', true], ['+447400123456', false]]);
    expect(golden.addresses.map((a) => [a.value, a.preferred, a.sources.length])).toEqual([['1 Old Road, SW1A 1AA, GB', true, 1], ['2 New Road, SW1A 1AA, GB', false, 1]]);
    const unknown = computeGolden(records, config, [pin('address', '9 Elsewhere, Leeds')]).addresses[0];
    expect(unknown).toMatchObject({ value: '9 Elsewhere, Leeds', preferred: true, sources: [], address: { lines: ['9 Elsewhere, Leeds'], city: null } });
  });
});

describe('non-collapsible values', () => {
  it('keeps every national id and legal name with its sources', () => {
    const records = [
      rec('r1', 'billing', 9, 100, { names: [{ full: 'Cyrus T. Oakbridge' }], identifiers: [{ type: 'national_id', value: 'AB 12 34 56 C' }, { type: 'cookie', value: 'ck-1' }] }),
      rec('r2', 'billing', 9, 200, { names: [{ given: 'Cyrus', family: 'Oakbridge' }], identifiers: [{ type: 'national_id', value: 'ZX998877A' }] }),
      rec('r3', 'crm', 1, 300, { names: [{ full: 'Cy Oakbridge' }], identifiers: [{ type: 'account_number', value: 'acc-209.31' }] }),
      rec('r4', 'pos', 1, 400, { identifiers: [{ type: 'account_number', value: 'ACC20931' }] }),
    ];
    const golden = computeGolden(records, config);
    expect(golden.legalNames.map((n) => [n.type, n.value, n.sources.map((s) => s.recordKey)])).toEqual([
      ['legal_name', 'Cyrus Oakbridge', ['r2']], ['legal_name', 'Cyrus T. Oakbridge', ['r1']],
    ]);
    expect(golden.identifiers.map((i) => [i.type, i.value, i.sources.map((s) => s.source)])).toEqual([
      ['account_number', 'ACC20931', ['crm', 'pos']], ['national_id', 'AB123456C', ['billing']], ['national_id', 'ZX998877A', ['billing']],
    ]);
  });
});

describe('determinism', () => {
  const records = [
    rec('r1', 'crm', 2, 100, { names: [{ given: 'Ada', family: 'Fernwright' }], emails: ['a@x.com'], phones: ['+44 7400 123456'], dateOfBirth: '1990-01-01' }),
    rec('r2', 'pos', 2, 100, { names: [{ given: 'Adah', family: 'FERNWRIGHT' }], emails: ['b@x.com', 'A@x.com'], dateOfBirth: '1990-01-10' }),
    rec('r3', 'billing', 1, 100, { names: [{ full: 'Ada Fernwright' }], identifiers: [{ type: 'tax_id', value: '123' }], addresses: [{ lines: ['1 A St'], country: 'US' }] }),
    rec('r4', 'web', 2, 0, { emails: ['c@x.com'], addresses: [{ lines: ['2 B St'], postcode: '10001', country: 'US' }], organisation: 'Acme' }),
  ];
  it('gives the same golden record for the input in any order', () => {
    const expected = computeGolden(records, config);
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 50; round++) {
      const shuffled = [...records].sort(() => random() - 0.5);
      expect(computeGolden(shuffled, config)).toEqual(expected);
    }
  });
});

describe('changedAttributes', () => {
  const v1 = [rec('r1', 'crm', 1, 100, { ...given('Ada'), emails: ['a@x.com'] })];
  it('reports every attribute with a value against no previous record, none against itself', () => {
    const golden = computeGolden(v1, config);
    expect(changedAttributes(null, golden)).toEqual(['givenName', 'fullName', 'email']);
    expect(changedAttributes(golden, computeGolden(v1, config))).toEqual([]);
  });
  it('reports changed values, changed provenance and removed values', () => {
    const before = computeGolden(v1, config);
    expect(changedAttributes(before, computeGolden([rec('r1', 'crm', 1, 200, { ...given('Ada'), emails: ['a@x.com'] })], config)))
      .toEqual(['givenName', 'fullName', 'email']);
    expect(changedAttributes(before, computeGolden([rec('r1', 'crm', 1, 100, { ...given('Ada'), phones: ['+1 202 555 0142'] })], config)))
      .toEqual(['email', 'phone']);
    expect(changedAttributes(before, computeGolden(v1, config, [pin('givenName', 'Ada')]))).toEqual([]);
  });
});

describe('survivorship config', () => {
  const write = (content: string): string => {
    const file = join(mkdtempSync(join(tmpdir(), 'survivorship-')), 'config.json');
    writeFileSync(file, content);
    return file;
  };
  const failure = (content: string): SurvivorshipConfigError => {
    try {
      loadSurvivorshipConfig(write(content));
    } catch (error) {
      if (error instanceof SurvivorshipConfigError) return error;
    }
    throw new Error('expected a SurvivorshipConfigError');
  };
  const shipped = readFileSync(new URL('../../config/survivorship.json', import.meta.url), 'utf8');

  it('ships the defaults as config/survivorship.json', () => {
    expect(loadSurvivorshipConfig()).toEqual(defaultSurvivorshipConfig());
    expect(config.legalNameSources).toEqual(['billing']);
    expect(config.attributes.dateOfBirth.strategies).toEqual(['most-frequent', 'source-priority', 'most-recent']);
  });
  it('names the bad setting without echoing its value', () => {
    const bad = failure(shipped.replace('"most-frequent"', '"SECRET-STRATEGY"'));
    expect(bad.path).toBe('attributes.dateOfBirth.strategies.0');
    expect(bad.message).not.toContain('SECRET');
    expect(failure(shipped.replace('"billing"', '42')).path).toBe('legalNameSources.0');
    const missing = failure(shipped.replace('"phone"', '"fax"'));
    expect([missing.path, missing.message]).toEqual(['attributes.phone', expect.stringContaining('attributes.phone must be an object')]);
    expect(failure(shipped.replace('"legalNameSources"', '"notes": "x", "legalNameSources"')).path).toBe('notes');
    expect(failure(shipped.replace('["most-recent", "source-priority"] },\n    "phone"', '["most-recent", "most-recent"] },\n    "phone"')).path).toBe('attributes.email.strategies');
  });
  it('refuses a file that is not JSON without quoting it', () => {
    const bad = failure('{ "attributes": SECRET }');
    expect([bad.path, bad.message.includes('SECRET')]).toEqual(['', false]);
  });
});
