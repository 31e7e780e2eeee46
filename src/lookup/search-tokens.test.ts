import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeGolden } from '../golden/survivorship.ts';
import { defaultSurvivorshipConfig } from '../golden/survivorship-config.ts';
import type { Person } from '../ingest/canonical.ts';
import { plainCodec } from '../privacy/codec.ts';
import { encryptingCodec, keyRing } from '../privacy/encrypting-codec.ts';
import { dobToken, nameTokens, postcodeToken, searchNamesOf, searchTokensOf } from './search-tokens.ts';

const person = (p: Partial<Person>): Person => ({ names: [], emails: [], phones: [], addresses: [], identifiers: [], ...p }) as Person;
const goldenOf = (p: Partial<Person>) =>
  computeGolden([{ key: 'crm|1', source: 'crm', sourceRecordId: '1', priority: 1, defaultCountry: 'GB', updatedAt: 1, person: person(p) }], defaultSurvivorshipConfig());

describe('search tokens', () => {
  it('are the golden names normalized as the matcher normalizes them, with family keys, nicknames and sounds', () => {
    const tokens = searchTokensOf(goldenOf({ names: [{ given: 'Bill', family: "Van der O'Brien" }] }), [], plainCodec);
    expect(tokens.names!.split(' ')).toEqual(expect.arrayContaining(['bill', 'van', 'der', 'obrien', 'vanderobrien', 'william']));
    expect(tokens.sounds!.split(' ')).toEqual(expect.arrayContaining(['fntrprn', 'alm'])); // vanderobrien, william
    expect(tokens.sounds!.split(' ')).not.toContain('pl'); // bill: too short to search by sound
    expect(tokens.names).toMatch(/^[\p{L}\p{N} ]+$/u);
  });

  it("hold the records' names too, so another source's spelling or a former name finds the customer", () => {
    const tokens = searchTokensOf(goldenOf({ names: [{ given: 'Ada', family: 'Lovelace' }] }), [{ given: 'Augusta Ada', family: 'Byron' }], plainCodec);
    expect(tokens.names!.split(' ')).toEqual(expect.arrayContaining(['lovelace', 'byron', 'augusta']));
    expect(searchTokensOf(null, [{ family: 'Byron' }], plainCodec).names).toBeNull();
  });

  it('hold postcodes and the date of birth as single tokens', () => {
    const tokens = searchTokensOf(goldenOf({ dateOfBirth: '1985-03-12', addresses: [{ lines: ['1 High St'], city: 'London', postcode: 'SW1A 1AA', country: 'GB' }] }), [], plainCodec);
    expect(tokens.postcodes).toBe('sw1a1aa');
    expect(tokens.dob).toBe('19850312');
  });

  it('are all null without a golden record, so a merged-away customer leaves the index', () => {
    expect(searchTokensOf(null, [], plainCodec)).toEqual({ names: null, sounds: null, postcodes: null, dob: null, terms: null });
  });

  it('strip everything Lucene could read as syntax', () => {
    expect(nameTokens('"*" ~ AND (x) \\ OR: y')).toEqual(['and', 'x', 'or', 'y']);
    expect(postcodeToken('sw1a-1aa')).toBe('sw1a1aa');
    expect(dobToken('12/03/1985')).toBeNull();
  });

  it('are keyed hashes with the encrypting codec, the clear names only encrypted beside them', () => {
    const codec = encryptingCodec(keyRing('k1', new Map([['k1', randomBytes(32)]]), randomBytes(32)));
    const golden = goldenOf({ names: [{ given: 'Bill', family: 'Quennell' }], dateOfBirth: '1985-03-12', addresses: [{ lines: ['1 High St'], city: 'London', postcode: 'SW1A 1AA', country: 'GB' }] });
    const clear = searchTokensOf(golden, [], plainCodec);
    const hashed = searchTokensOf(golden, [], codec);
    for (const field of ['names', 'sounds', 'postcodes', 'dob'] as const) {
      expect(hashed[field]!.split(' ')).toHaveLength(clear[field]!.split(' ').length);
      expect(hashed[field]).toMatch(/^[0-9a-f]{32}( [0-9a-f]{32})*$/);
    }
    expect(hashed.names!.split(' ')).toContain(codec.tokenKey('search-name', 'quennell'));
    expect(hashed.terms).toMatch(/^enc1\./);
    expect(JSON.stringify(hashed)).not.toMatch(/quennell|bill|william|sw1a|1985/i);
    expect(searchNamesOf(codec, hashed)).toEqual({ names: clear.names, sounds: clear.sounds });
    expect(searchNamesOf(plainCodec, clear)).toEqual({ names: clear.names, sounds: clear.sounds });
  });
});
