import { describe, expect, it } from 'vitest';
import { plainCodec } from '../src/privacy/codec.ts';
import { leaksIn, withoutCiphertext, type Needles } from './support/plaintext-scan.ts';

// The scanner behind test/no-plaintext.int.test.ts, on its own: random ids must not read as
// personal values (an outbox event's UUID once spelled a generated date of birth across its
// hyphens), while the same digits stored in clear still are.
const needles: Needles = { words: new Set(['quillfeather']), texts: new Set(['1982-08-21']), digits: new Set(['19820821', '447700900123']) };

describe('the plaintext scanner', () => {
  it('ignores random ids whose digits happen to spell a needle', () => {
    for (const id of ['6f3a1982-0821-4c2e-9b1d-5e6f7a8b9c0d', 'cus_19820821ffa152062f2a91c9', 'evt_aa447700900123bbccdd']) {
      expect(leaksIn(needles, withoutCiphertext(plainCodec, id))).toEqual([]);
    }
  });

  it('still finds a date of birth, a phone and a name written in clear', () => {
    expect(leaksIn(needles, withoutCiphertext(plainCodec, 'born 1982-08-21'))).toEqual(['text:1982-08-21', 'digits:19820821']);
    expect(leaksIn(needles, withoutCiphertext(plainCodec, 'call +44 7700 900123'))).toEqual(['digits:447700900123']);
    expect(leaksIn(needles, withoutCiphertext(plainCodec, 'Mrs Quillfeather'))).toEqual(['name:quillfeather']);
  });
});
