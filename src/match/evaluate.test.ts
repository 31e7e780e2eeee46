import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.ts';

const map = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('evaluate', () => {
  it('scores a perfect prediction 1 with no duplicates or over-merges', () => {
    const truth = map({ r1: 'p1', r2: 'p1', r3: 'p2' });
    const result = evaluate(truth, map({ r1: 'c9', r2: 'c9', r3: 'c7' }));
    expect(result).toMatchObject({ precision: 1, recall: 1, f1: 1, duplicateProfileRate: 0, overMergeRate: 0 });
  });

  it('counts pairs from cluster × person intersections (hand-computed)', () => {
    // Persons: p1 = {r1, r2, r3}, p2 = {r4, r5}, p3 = {r6}.
    // Clusters: A = {r1, r2, r4}, B = {r3}, C = {r5, r6}.
    // True pairs: C(3,2) + C(2,2) = 4. Predicted pairs: C(3,2) + C(2,2) = 4.
    // Correct pairs: A∩p1 = {r1, r2} -> 1; every other cell has one record -> 0. So 1.
    const truth = map({ r1: 'p1', r2: 'p1', r3: 'p1', r4: 'p2', r5: 'p2', r6: 'p3' });
    const predicted = map({ r1: 'A', r2: 'A', r4: 'A', r3: 'B', r5: 'C', r6: 'C' });
    const result = evaluate(truth, predicted);
    expect(result.counts).toEqual({ records: 6, persons: 3, clusters: 3, truePairs: 4, predictedPairs: 4, correctPairs: 1 });
    expect(result.precision).toBe(0.25);
    expect(result.recall).toBe(0.25);
    expect(result.f1).toBe(0.25);
    // p1 spans A and B (1 extra), p2 spans A and C (1 extra), p3 only C: 2 extra / 3 persons.
    expect(result.duplicateProfileRate).toBeCloseTo(2 / 3, 12);
    // A holds p1 and p2, C holds p2 and p3, B holds p1 only: 2 of 3 clusters.
    expect(result.overMergeRate).toBeCloseTo(2 / 3, 12);
  });

  it('separates precision from recall', () => {
    // Over-merge: one cluster of two persons (2 + 2 records). Predicted 6 pairs, 2 correct.
    const truth = map({ a: 'p1', b: 'p1', c: 'p2', d: 'p2' });
    const merged = evaluate(truth, map({ a: 'X', b: 'X', c: 'X', d: 'X' }));
    expect([merged.precision, merged.recall, merged.overMergeRate, merged.duplicateProfileRate]).toEqual([2 / 6, 1, 1, 0]);
    expect(merged.f1).toBeCloseTo((2 * (1 / 3)) / (1 / 3 + 1), 12);
    // Under-merge: every record alone. No predicted pairs: precision is vacuously 1.
    const split = evaluate(truth, map({ a: '1', b: '2', c: '3', d: '4' }));
    expect([split.precision, split.recall, split.f1, split.duplicateProfileRate, split.overMergeRate]).toEqual([1, 0, 0, 1, 0]);
  });

  it('treats a record the prediction does not place as a cluster of its own, and ignores unknown records', () => {
    const truth = map({ a: 'p1', b: 'p1' });
    const result = evaluate(truth, map({ a: 'c1', z: 'c1' }));
    expect(result.counts).toEqual({ records: 2, persons: 1, clusters: 2, truePairs: 1, predictedPairs: 0, correctPairs: 0 });
    expect(result.duplicateProfileRate).toBe(1);
  });

  it('does not confuse a cluster id with a record id', () => {
    const truth = map({ a: 'p1', b: 'p2' });
    // b is unplaced; a's cluster is literally named 'b'.
    expect(evaluate(truth, map({ a: 'b' })).counts.clusters).toBe(2);
  });
});
