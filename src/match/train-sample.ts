/**
 * Seeded sampling for training: the same data and seed give the same sample, so the same
 * records train the same model.
 */

/**
 * A small seeded generator (mulberry32): uniform in [0, 1).
 * @example const next = seededRandom(1); next() // 0.6270739405881613
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A uniform sample of at most `size` items from a stream read once, holding only the
 * sample (reservoir sampling, Algorithm R). Feed items in a stable order for a stable sample.
 * @example const r = new Reservoir<string>(2, seededRandom(1)); ['a', 'b', 'c'].forEach((x) => r.offer(x)); r.items.length // 2
 */
export class Reservoir<T> {
  readonly items: T[] = [];
  private seen = 0;
  private readonly size: number;
  private readonly random: () => number;

  constructor(size: number, random: () => number) {
    this.size = size;
    this.random = random;
  }

  /** How many items were offered. */
  get offered(): number {
    return this.seen;
  }

  offer(item: T): void {
    this.seen++;
    if (this.items.length < this.size) {
      this.items.push(item);
      return;
    }
    const slot = Math.floor(this.random() * this.seen);
    if (slot < this.size) this.items[slot] = item;
  }
}

/**
 * How many records give at least `pairs` distinct pairs among themselves: the smallest n
 * with n(n−1)/2 ≥ pairs (splink samples records this way for u, then pairs them all).
 * @example recordsForPairs(1_000_000) // 1415
 */
export function recordsForPairs(pairs: number): number {
  const n = Math.ceil((1 + Math.sqrt(1 + 8 * pairs)) / 2);
  return (n - 1) * (n - 2) / 2 >= pairs ? n - 1 : n;
}

/**
 * Distinct unordered pairs among n records.
 * @example pairsAmong(1415) // 1000405
 */
export const pairsAmong = (n: number): number => (n * (n - 1)) / 2;
