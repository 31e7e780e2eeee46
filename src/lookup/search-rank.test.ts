import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encryptingCodec, keyRing } from '../privacy/encrypting-codec.ts';
import { planSearch, encodeCursor, decodeCursor } from './search-query.ts';
import { rankHits } from './search-rank.ts';
import { soundTokens } from './search-tokens.ts';

const codec = encryptingCodec(keyRing('k1', new Map([['k1', randomBytes(32)]]), randomBytes(32)));
const hit = (id: string, names: string) => ({ id, names, sounds: names.split(' ').flatMap(soundTokens).join(' ') });

describe('rankHits (opaque tokens, ranked after decoding)', () => {
  const hits = [hit('c3', 'philippa quenby'), hit('c1', 'philippa quennell'), hit('c2', 'quennell')];

  it('puts the exact spelling first, then a typo within its edits, then a sound alone', () => {
    const exact = rankHits(planSearch({ query: 'Philippa Quennell' }, codec), hits);
    expect(exact.map((r) => [r.hit.id, r.score])).toEqual([['c1', 8], ['c2', 4], ['c3', 4]]);
    const typo = rankHits(planSearch({ query: 'Quenell' }, codec), hits);
    expect(typo.map((r) => r.hit.id)).toEqual(['c1', 'c2', 'c3']);
    expect(typo[0]!.score).toBe(2.5);
  });

  it('pages after a cursor by (score, id)', () => {
    const plan = planSearch({ query: 'Philippa Quennell' }, codec);
    const after = decodeCursor(encodeCursor({ score: 4, id: 'c2' }));
    expect(rankHits({ ...plan, after }, hits).map((r) => r.hit.id)).toEqual(['c3']);
  });
});
