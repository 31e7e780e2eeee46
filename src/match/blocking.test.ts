import { describe, expect, it } from 'vitest';
import { blockingKeys, blockingRuleOf, firstBlockingVia, frequencyKeys, ruleOfKey } from './blocking.ts';
import { randomBytes } from 'node:crypto';
import { plainCodec } from '../privacy/codec.ts';
import { encryptingCodec, keyRing } from '../privacy/encrypting-codec.ts';
import { frequencyCounts } from './frequency-counts.ts';
import type { MatchProfile } from './profile.ts';

const profile = (over: Partial<MatchProfile>): MatchProfile => ({
  given: [], givenCanonical: [], family: [], dob: null, emails: [], phones: [], postcodes: [], streets: [], cities: [], countries: [], ids: [], ...over,
});

describe('blockingKeys', () => {
  it('puts a nickname and its full form in the same name block', () => {
    const bill = blockingKeys(profile({ given: ['bill'], givenCanonical: ['william'], family: ['smith'] }), plainCodec);
    const william = blockingKeys(profile({ given: ['william'], givenCanonical: ['william'], family: ['smith'] }), plainCodec);
    expect(bill.filter((k) => william.includes(k))).toContain('given+family:william|smith');
  });

  it('blocks a misspelt surname with the same birth year through its sound', () => {
    const a = blockingKeys(profile({ family: ['smith'], dob: '1980-02-01' }), plainCodec);
    const b = blockingKeys(profile({ family: ['smyth'], dob: '1980-07-09' }), plainCodec);
    expect(a.filter((k) => b.includes(k)).map(ruleOfKey)).toContain('surname-sound+birth-year');
  });

  it('catches swapped first and last names', () => {
    const a = blockingKeys(profile({ given: ['jane'], givenCanonical: ['jane'], family: ['doe'] }), plainCodec);
    const b = blockingKeys(profile({ given: ['doe'], givenCanonical: ['doe'], family: ['jane'] }), plainCodec);
    expect(a.some((k) => b.includes(k))).toBe(true);
  });

  it('blocks records at the same numbered street whatever their postcodes', () => {
    const a = blockingKeys(profile({ streets: ['130 boulevard dassas'], postcodes: [] }), plainCodec);
    const b = blockingKeys(profile({ streets: ['130 boulevard dassas'], postcodes: ['74812'] }), plainCodec);
    expect(a.filter((k) => b.includes(k)).map(ruleOfKey)).toEqual(['street']);
    expect(blockingKeys(profile({ streets: ['station road'] }), plainCodec)).toEqual([]);
  });

  it('blocks names mistyped on both sides through their sounds', () => {
    const a = blockingKeys(profile({ given: ['julien'], family: ['francetye'] }), plainCodec);
    const b = blockingKeys(profile({ given: ['francette'], family: ['julien'] }), plainCodec);
    expect(a.filter((k) => b.includes(k)).map(ruleOfKey)).toContain('name-sounds');
  });

  it('makes no key from a missing value', () => {
    expect(blockingKeys(profile({ family: ['smith'] }), plainCodec)).toEqual([]);
  });
});

describe('frequencyKeys', () => {
  it('counts family names and postcodes', () => {
    expect(frequencyKeys(profile({ family: ['smith'], postcodes: ['SW1A 1AA'] }), plainCodec)).toEqual(['tf:family_name:smith', 'tf:postcode:SW1A 1AA']);
  });
});

describe('with the encrypting codec', () => {
  const codec = encryptingCodec(keyRing('k1', new Map([['k1', randomBytes(32)]]), randomBytes(32)));
  const smith = profile({ given: ['william'], givenCanonical: ['william'], family: ['smith'], postcodes: ['SW1A 1AA'], dob: '1980-02-01' });

  it('keeps the rule name plain and hashes the value, so that equal values still share a key', () => {
    const keys = blockingKeys(smith, codec);
    expect(keys.map(ruleOfKey).sort()).toEqual(blockingKeys(smith, plainCodec).map(ruleOfKey).sort());
    for (const key of keys) expect(key.slice(ruleOfKey(key).length + 1)).toMatch(/^[0-9a-f]{32}$/);
    expect(keys.join(' ')).not.toMatch(/smith|william|1980|sw1a/i);
    expect(blockingKeys(profile({ given: ['bill'], givenCanonical: ['william'], family: ['smith'] }), codec)).toContain(keys.find((k) => k.startsWith('given+family:')));
  });

  it('hashes term-frequency keys and finds their counts by the same hash', () => {
    const keys = frequencyKeys(smith, codec);
    expect(keys.join(' ')).not.toMatch(/smith|sw1a/i);
    const counts = frequencyCounts(codec, [], keys.map((key, i) => ({ key, n: 100 + i })), 25);
    expect(counts.tf('family_name', 'smith', 20_000)).toBe(100 / 20_000);
    expect(counts.tf('postcode', 'SW1A 1AA', 20_000)).toBe(101 / 20_000);
    expect(counts.tf('family_name', 'smyth', 20_000)).toBeUndefined();
  });
});

describe('firstBlockingVia', () => {
  it('picks the first rule in the configured order, not the first one collected', () => {
    expect(firstBlockingVia(['name-sounds:AN|KR', 'name-pair:ann|kerr', 'given+family:ann|kerr'])).toBe('given+family:ann|kerr');
    expect(firstBlockingVia(['postcode+given-initial:E1 6AN|a', 'surname-sound+birth-year:KR|1980'])).toBe('surname-sound+birth-year:KR|1980');
  });

  it('puts shared identifiers first, in the order of identifier types, and unknown rules last', () => {
    expect(firstBlockingVia(['given+family:ann|kerr', 'identifier:phone', 'identifier:email'])).toBe('identifier:email');
    expect(firstBlockingVia(['retired-rule:x', 'street:1 high st'])).toBe('street:1 high st');
    expect(firstBlockingVia([])).toBeNull();
  });

  it('breaks a tie within one rule by the smaller key', () => {
    expect(firstBlockingVia(['name-pair:bob|kerr', 'name-pair:ann|kerr'])).toBe('name-pair:ann|kerr');
  });
});

describe('blockingRuleOf', () => {
  it('names the rule without the key value', () => {
    expect(blockingRuleOf('given+family:ann|kerr')).toBe('given+family');
    expect(blockingRuleOf('identifier:email')).toBe('identifier:email');
  });

  it('leaves a rule name as it is (a stored blockedBy is already one)', () => {
    expect(blockingRuleOf('given+family')).toBe('given+family');
    expect(blockingRuleOf(blockingRuleOf('street:1 high st|ls1'))).toBe('street');
  });
});
