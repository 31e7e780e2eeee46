import { describe, expect, it } from 'vitest';
import { pairsAmong, recordsForPairs, Reservoir, seededRandom } from './train-sample.ts';

describe('recordsForPairs', () => {
  it('is the fewest records with at least that many pairs among them', () => {
    expect(recordsForPairs(1_000_000)).toBe(1415);
    expect(pairsAmong(1415)).toBeGreaterThanOrEqual(1_000_000);
    expect(pairsAmong(1414)).toBeLessThan(1_000_000);
    expect([recordsForPairs(1), recordsForPairs(3), recordsForPairs(4)]).toEqual([2, 3, 4]);
  });
});

describe('Reservoir', () => {
  it('keeps all items while they fit, then a sample of the given size, the same for the same seed', () => {
    const sample = (seed: number) => {
      const reservoir = new Reservoir<number>(100, seededRandom(seed));
      for (let i = 0; i < 10_000; i++) reservoir.offer(i);
      return reservoir;
    };
    expect(sample(1).items).toHaveLength(100);
    expect(sample(1).offered).toBe(10_000);
    expect(new Set(sample(1).items).size).toBe(100);
    expect(sample(1).items).toEqual(sample(1).items);
    expect(sample(2).items).not.toEqual(sample(1).items);
    const small = new Reservoir<string>(5, seededRandom(1));
    ['a', 'b'].forEach((x) => small.offer(x));
    expect(small.items).toEqual(['a', 'b']);
  });

  it('draws every item alike: no part of the stream is favoured', () => {
    const firstHalf = Array.from({ length: 200 }, (_, seed) => {
      const reservoir = new Reservoir<number>(50, seededRandom(seed));
      for (let i = 0; i < 1000; i++) reservoir.offer(i);
      return reservoir.items.filter((i) => i < 500).length;
    }).reduce((sum, n) => sum + n, 0);
    expect(firstHalf / (200 * 50)).toBeCloseTo(0.5, 1);
  });
});
