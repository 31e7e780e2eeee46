import { describe, expect, it } from 'vitest';
import { computeGolden } from '../golden/survivorship.ts';
import { defaultSurvivorshipConfig } from '../golden/survivorship-config.ts';
import type { Person } from '../ingest/canonical.ts';
import { dobToken, nameTokens, postcodeToken, searchTokensOf } from './search-tokens.ts';

const person = (p: Partial<Person>): Person => ({ names: [], emails: [], phones: [], addresses: [], identifiers: [], ...p }) as Person;
const goldenOf = (p: Partial<Person>) =>
  computeGolden([{ key: 'crm|1', source: 'crm', sourceRecordId: '1', priority: 1, defaultCountry: 'GB', updatedAt: 1, person: person(p) }], defaultSurvivorshipConfig());

describe('search tokens', () => {
  it('are the golden names normalized as the matcher normalizes them, with family keys, nicknames and sounds', () => {
    const tokens = searchTokensOf(goldenOf({ names: [{ given: 'Bill', family: "Van der O'Brien" }] }));
    expect(tokens.names!.split(' ')).toEqual(expect.arrayContaining(['bill', 'van', 'der', 'obrien', 'vanderobrien', 'william']));
    expect(tokens.sounds!.split(' ')).toEqual(expect.arrayContaining(['fntrprn', 'alm'])); // vanderobrien, william
    expect(tokens.sounds!.split(' ')).not.toContain('pl'); // bill: too short to search by sound
    expect(tokens.names).toMatch(/^[\p{L}\p{N} ]+$/u);
  });

  it("hold the records' names too, so another source's spelling or a former name finds the customer", () => {
    const tokens = searchTokensOf(goldenOf({ names: [{ given: 'Ada', family: 'Lovelace' }] }), [{ given: 'Augusta Ada', family: 'Byron' }]);
    expect(tokens.names!.split(' ')).toEqual(expect.arrayContaining(['lovelace', 'byron', 'augusta']));
    expect(searchTokensOf(null, [{ family: 'Byron' }]).names).toBeNull();
  });

  it('hold postcodes and the date of birth as single tokens', () => {
    const tokens = searchTokensOf(goldenOf({ dateOfBirth: '1985-03-12', addresses: [{ lines: ['1 High St'], city: 'London', postcode: 'SW1A 1AA', country: 'GB' }] }));
    expect(tokens.postcodes).toBe('sw1a1aa');
    expect(tokens.dob).toBe('19850312');
  });

  it('are all null without a golden record, so a merged-away customer leaves the index', () => {
    expect(searchTokensOf(null)).toEqual({ names: null, sounds: null, postcodes: null, dob: null });
  });

  it('strip everything Lucene could read as syntax', () => {
    expect(nameTokens('"*" ~ AND (x) \\ OR: y')).toEqual(['and', 'x', 'or', 'y']);
    expect(postcodeToken('sw1a-1aa')).toBe('sw1a1aa');
    expect(dobToken('12/03/1985')).toBeNull();
  });
});
