import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error.ts';
import { plainCodec } from '../privacy/codec.ts';
import { encryptingCodec, keyRing } from '../privacy/encrypting-codec.ts';
import { matchReasons, editDistance } from './match-reasons.ts';
import { soundTokens } from './search-tokens.ts';
import { decodeCursor, encodeCursor, escapeLucene, planSearch } from './search-query.ts';

const refused = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).code;
  }
  throw new Error('not refused');
};

describe('planSearch', () => {
  it('asks for each name term exactly, fuzzily, as a nickname and by sound; one free-text term must match', () => {
    const plan = planSearch({ query: 'Bill Smyth' }, plainCodec);
    expect(plan.lucene).toBe(
      '+((searchNames:bill^4 searchNames:bill~1 searchNames:william^2) (searchNames:smyth^4 searchNames:smyth~1 searchSounds:sm0^1.5 searchSounds:xmt^1.5))',
    );
    expect(plan.first).toBe(20);
  });

  it('makes filters must-clauses and e-mail and phone identifier lookups', () => {
    const plan = planSearch({ filter: { name: 'Jane', postcode: 'sw1a 1aa', dateOfBirth: '1985-03-12', email: 'Jane.Doe+promo@Gmail.com' } }, plainCodec);
    expect(plan.lucene).toBe('+(searchNames:jane^4 searchNames:jane~1) +searchPostcodes:sw1a1aa +searchDob:19850312');
    expect(plan.email).toBe('janedoe@gmail.com');
    expect(planSearch({ filter: { phone: '020 7946 0018' } }, plainCodec)).toMatchObject({ lucene: null, phone: '020 7946 0018' });
    expect(planSearch({ query: 'jane@example.com' }, plainCodec)).toMatchObject({ lucene: null, email: 'jane@example.com' });
  });

  it('turns hostile input into plain terms or refuses it, never into syntax or a match-everything query', () => {
    for (const hostile of ['"', '*', '~', '\\', '(', 'AND OR NOT', '*:*', ') OR (*', 'a'.repeat(150) + '~2']) {
      let plan;
      try {
        plan = planSearch({ query: hostile }, plainCodec);
      } catch (error) {
        expect((error as DomainError).code).toBe('BAD_USER_INPUT');
        continue;
      }
      expect(plan.lucene).not.toMatch(/\*|"|\\|\(\)|:\s/);
      expect(plan.lucene).toMatch(/^\+\(\(searchNames:[a-z0-9]+\^4/);
    }
    expect(refused(() => planSearch({ query: '* " ~ (' }, plainCodec))).toBe('BAD_USER_INPUT');
    expect(refused(() => planSearch({ query: 'x'.repeat(201) }, plainCodec))).toBe('BAD_USER_INPUT');
    expect(refused(() => planSearch({}, plainCodec))).toBe('BAD_USER_INPUT');
    expect(refused(() => planSearch({ query: 'jane', first: 51 }, plainCodec))).toBe('BAD_USER_INPUT');
    expect(escapeLucene('a+b:c')).toBe('a\\+b\\:c');
    expect(escapeLucene('AND')).toBe('\\AND');
  });

  it('asks the index for keyed hashes and no fuzzy term with the encrypting codec, typos left to the sounds', () => {
    const codec = encryptingCodec(keyRing('k1', new Map([['k1', randomBytes(32)]]), randomBytes(32)));
    const plan = planSearch({ query: 'Bill Smyth', filter: { postcode: 'sw1a 1aa', dateOfBirth: '1985-03-12' } }, codec);
    const h = (kind: string, value: string) => codec.tokenKey(kind, value);
    expect(plan.lucene).toBe(
      `+((searchNames:${h('search-name', 'bill')}^4 searchNames:${h('search-name', 'william')}^2) (searchNames:${h('search-name', 'smyth')}^4 searchSounds:${h('search-sound', 'sm0')}^1.5 searchSounds:${h('search-sound', 'xmt')}^1.5)) +searchPostcodes:${h('search-postcode', 'sw1a1aa')} +searchDob:${h('search-dob', '19850312')}`,
    );
    expect(plan.lucene).not.toMatch(/bill|smyth|sw1a|1985|~/i);
  });

  it('reads back only its own cursors', () => {
    expect(decodeCursor(encodeCursor({ score: 3.25, id: 'cus_1' }))).toEqual({ score: 3.25, id: 'cus_1' });
    expect(refused(() => decodeCursor('not a cursor'))).toBe('BAD_USER_INPUT');
    expect(refused(() => planSearch({ query: 'jane', after: Buffer.from('[1]').toString('base64url') }, plainCodec))).toBe('BAD_USER_INPUT');
  });
});

describe('matchReasons', () => {
  it('says how each name term matched and which exact filters passed', () => {
    const tokens = { names: 'jane smith william', sounds: 'jn an sm0 xmt alm flm' };
    expect(matchReasons(planSearch({ query: 'Jane Smyth' }, plainCodec), tokens)).toEqual([
      { field: 'NAME', how: 'EXACT' },
      { field: 'NAME', how: 'FUZZY' },
    ]);
    expect(matchReasons(planSearch({ query: 'Bill' }, plainCodec), tokens)).toEqual([{ field: 'NAME', how: 'NICKNAME' }]);
    expect(matchReasons(planSearch({ query: 'Kathryn', filter: { postcode: 'SW1A 1AA' } }, plainCodec), { names: 'catherine', sounds: soundTokens('catherine').join(' ') })).toEqual([
      { field: 'NAME', how: 'PHONETIC' },
      { field: 'POSTCODE', how: 'EXACT' },
    ]);
  });

  it('counts a transposition as one edit, as Lucene does', () => {
    expect(editDistance('smiht', 'smith')).toBe(1);
    expect(editDistance('jonson', 'johnson')).toBe(1);
  });
});
