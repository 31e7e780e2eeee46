import type { ValueCodec } from './codec.ts';

/**
 * The pure half of key rotation: what to write for the encrypted values a window holds.
 * The job (src/jobs/rotate-keys.job.ts) reads a window, plans here, writes conditionally.
 */

/** One property as read: its key ids (one per encrypted string), and its value when something in it must change. */
export type StoredValue = { id: number; property: string; keyIds: string[]; plain: boolean; value: string | string[] | null };

/** A conditional rewrite: `set` replaces the property only if it still holds `old`. */
export type Rewrite = { id: number; property: string; old: string | string[]; set: Record<string, string | string[]> };

export type WindowTally = {
  /** Values (strings; a list counts each element) rewritten under the current key. */
  rewritten: number;
  /** Of those, plaintext values encrypted for the first time. */
  plaintext: number;
  /** Values that name a key the ring does not hold, or fail their check: left as they are. */
  unreadable: number;
  /** How many values name each key id once the window is written. */
  byKey: Record<string, number>;
};

export const emptyTally = (): WindowTally => ({ rewritten: 0, plaintext: 0, unreadable: 0, byKey: {} });

const PREFIX = 'enc1.';
const keyIdOf = (stored: string): string => stored.split('.')[1] ?? '';

/**
 * Rewrites for every value not under `currentKeyId` (and, if flagged `plain`, plaintext),
 * with the tally of key ids as they will be.
 * @example planRewrites([{ id: 1, property: 'attrs', keyIds: ['k1'], plain: false, value: 'enc1.k1.…' }], codec, 'k2')
 * // { rewrites: [{ id: 1, property: 'attrs', old: 'enc1.k1.…', set: { attrs: 'enc1.k2.…' } }], tally: { rewritten: 1, …, byKey: { k2: 1 } } }
 */
export function planRewrites(values: readonly StoredValue[], codec: ValueCodec, currentKeyId: string): { rewrites: Rewrite[]; tally: WindowTally } {
  const tally = emptyTally();
  const count = (keyId: string) => (tally.byKey[keyId] = (tally.byKey[keyId] ?? 0) + 1);
  const rewrites: Rewrite[] = [];
  for (const stored of values) {
    if (stored.value === null) {
      stored.keyIds.forEach(count);
      continue;
    }
    let changed = false;
    const one = (s: string): string => {
      if (!s.startsWith(PREFIX)) {
        if (!stored.plain) return s;
        tally.plaintext++;
      } else if (keyIdOf(s) === currentKeyId) {
        count(currentKeyId);
        return s;
      }
      let plain: string;
      try {
        plain = codec.decode(s);
      } catch {
        tally.unreadable++;
        count(keyIdOf(s));
        return s;
      }
      const next = codec.encode(plain);
      tally.rewritten++;
      count(keyIdOf(next));
      changed = true;
      return next;
    };
    const next = Array.isArray(stored.value) ? stored.value.map(one) : one(stored.value);
    if (changed) rewrites.push({ id: stored.id, property: stored.property, old: stored.value, set: { [stored.property]: next } });
  }
  return { rewrites, tally };
}

/** Sums tallies (pages of a job, the rounds of one window). */
export function addTally(into: WindowTally, more: WindowTally): WindowTally {
  const byKey = { ...into.byKey };
  for (const [keyId, n] of Object.entries(more.byKey)) byKey[keyId] = (byKey[keyId] ?? 0) + n;
  return { rewritten: into.rewritten + more.rewritten, plaintext: into.plaintext + more.plaintext, unreadable: into.unreadable + more.unreadable, byKey };
}

/** A plaintext-era lookup key (`TYPE:normalized`) as the codec keys it now. */
export const rekeyed = (type: string, plainKey: string, codec: ValueCodec): string => codec.lookupKey(type, plainKey.slice(type.length + 1));
