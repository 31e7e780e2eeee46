/**
 * A small, fast, seedable PRNG (sfc32) that also serves as faker's randomizer. Every
 * person and every (person, source) pair gets its own stream seeded from the dataset seed
 * and its index, so a person comes out the same whichever sources are asked for and
 * whatever else was generated before it. Seeding costs a few nanoseconds, unlike faker's
 * Mersenne Twister, which is what lets the generator reseed per person and stay fast.
 */

/** murmur3's 32-bit finalizer: spreads one word over all bits. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** One 32-bit hash of several integers (seed, person index, stream id, ...). */
export function hashInts(values: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const value of values) {
    // Split so that seeds and indices above 2^32 still count in full.
    h = mix(h ^ mix((value >>> 0) + Math.imul(Math.floor(value / 0x100000000), 0x27d4eb2f)));
  }
  return h;
}

const HEX = '0123456789abcdef';
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export class Random {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(seed: number | number[] = 0) {
    this.seed(seed);
  }

  /** faker's Randomizer contract: reseeds in place. */
  seed(seed: number | number[]): void {
    const base = hashInts(Array.isArray(seed) ? seed : [seed]);
    this.a = mix(base ^ 0x6a09e667);
    this.b = mix(base ^ 0xbb67ae85);
    this.c = mix(base ^ 0x3c6ef372);
    this.d = mix(base ^ 0xa54ff53a) | 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 0x100000000;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return probability > 0 && this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** An index into `weights`, each chosen in proportion to its weight. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i]!;
      if (x < 0) return i;
    }
    return weights.length - 1;
  }

  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += HEX[this.nextUint32() & 15];
    return out;
  }

  alnum(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += ALNUM[this.nextUint32() % ALNUM.length];
    return out;
  }

  digits(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += String(this.nextUint32() % 10);
    return out;
  }
}
