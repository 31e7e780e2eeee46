import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encryptingCodec, keyRing } from './encrypting-codec.ts';
import { addTally, planRewrites, rekeyed, type StoredValue } from './key-rotation.ts';

const keys = new Map([
  ['k1', randomBytes(32)],
  ['k2', randomBytes(32)],
]);
const blind = randomBytes(32);
const old = encryptingCodec(keyRing('k1', keys, blind));
const now = encryptingCodec(keyRing('k2', keys, blind));
const stored = (value: string | string[] | null, keyIds: string[], plain = false): StoredValue => ({ id: 7, property: 'attrs', keyIds, plain, value });

describe('planRewrites', () => {
  it('re-encrypts values under an old key with the current one, keeping what they say, and counts by key id', () => {
    const before = old.encode('{"given":"Ada"}');
    const { rewrites, tally } = planRewrites([stored(before, ['k1'])], now, 'k2');
    expect(rewrites).toHaveLength(1);
    expect(rewrites[0]!.old).toBe(before);
    const after = rewrites[0]!.set['attrs'] as string;
    expect(after.startsWith('enc1.k2.')).toBe(true);
    expect(now.decode(after)).toBe('{"given":"Ada"}');
    expect(tally).toEqual({ rewritten: 1, plaintext: 0, unreadable: 0, byKey: { k2: 1 } });
  });

  it('leaves values under the current key alone (the query sends no value for them) and counts them', () => {
    const { rewrites, tally } = planRewrites([stored(null, ['k2', 'k2'])], now, 'k2');
    expect(rewrites).toEqual([]);
    expect(tally.byKey).toEqual({ k2: 2 });
  });

  it('rewrites only the stale elements of a string list', () => {
    const current = now.encode('a');
    const { rewrites, tally } = planRewrites([stored([current, old.encode('b'), 'not-encrypted'], ['k2', 'k1'])], now, 'k2');
    const list = rewrites[0]!.set['attrs'] as string[];
    expect(list[0]).toBe(current);
    expect(now.decode(list[1]!)).toBe('b');
    expect(list[2]).toBe('not-encrypted');
    expect(tally).toEqual({ rewritten: 1, plaintext: 0, unreadable: 0, byKey: { k2: 2 } });
  });

  it('encrypts plaintext only when the property is one the codec wrote', () => {
    expect(planRewrites([stored('Ada', [], false)], now, 'k2').rewrites).toEqual([]);
    const { rewrites, tally } = planRewrites([stored('Ada', [], true)], now, 'k2');
    expect(now.decode(rewrites[0]!.set['attrs'] as string)).toBe('Ada');
    expect(tally).toMatchObject({ rewritten: 1, plaintext: 1, byKey: { k2: 1 } });
  });

  it('leaves a value naming a key the ring does not hold, counting it unreadable under that key id', () => {
    const foreign = encryptingCodec(keyRing('k9', new Map([['k9', randomBytes(32)]]), blind)).encode('x');
    const { rewrites, tally } = planRewrites([stored(foreign, ['k9'])], now, 'k2');
    expect(rewrites).toEqual([]);
    expect(tally).toEqual({ rewritten: 0, plaintext: 0, unreadable: 1, byKey: { k9: 1 } });
  });

  it('adds tallies key by key', () => {
    expect(addTally({ rewritten: 1, plaintext: 0, unreadable: 0, byKey: { k1: 1 } }, { rewritten: 2, plaintext: 1, unreadable: 1, byKey: { k1: 2, k2: 3 } })).toEqual({
      rewritten: 3,
      plaintext: 1,
      unreadable: 1,
      byKey: { k1: 3, k2: 3 },
    });
  });

  it('re-keys a plaintext-era lookup key to the blind index of the same type and value', () => {
    expect(rekeyed('EMAIL', 'EMAIL:ada@example.com', now)).toBe(now.lookupKey('EMAIL', 'ada@example.com'));
  });
});
