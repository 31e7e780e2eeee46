/**
 * How predicted clusters compare with the true persons, on the records the truth covers.
 * A record the prediction does not place counts as a cluster of its own; records only
 * the prediction knows are ignored.
 */

export type Evaluation = {
  /** Of record pairs put in one cluster, the share that are one person (1 when none are). */
  precision: number;
  /** Of record pairs that are one person, the share put in one cluster (1 when none are). */
  recall: number;
  f1: number;
  /**
   * Extra profiles per person: Σ over persons of (clusters holding their records − 1),
   * divided by the number of persons. 0 when every person is in one cluster; 0.25 when a
   * quarter of persons are split in two.
   */
  duplicateProfileRate: number;
  /** Share of predicted clusters that hold records of more than one person. */
  overMergeRate: number;
  counts: {
    records: number;
    persons: number;
    clusters: number;
    truePairs: number;
    predictedPairs: number;
    correctPairs: number;
  };
};

const pairs = (n: number): number => (n * (n - 1)) / 2;

function tally<K>(counts: Map<K, number>, key: K): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function addTo(sets: Map<string, Set<string>>, key: string, value: string): void {
  const set = sets.get(key);
  if (set === undefined) sets.set(key, new Set([value]));
  else set.add(value);
}

/**
 * Pairwise precision, recall and F1, counted from cluster × person intersection sizes
 * (Σ C(n, 2)) rather than by enumerating pairs, plus the duplicate-profile and over-merge
 * rates.
 * @example evaluate(new Map([['r1', 'p1'], ['r2', 'p1']]), new Map([['r1', 'c1'], ['r2', 'c2']]))
 * // { precision: 1, recall: 0, f1: 0, duplicateProfileRate: 1, overMergeRate: 0, ... }
 */
export function evaluate(truth: ReadonlyMap<string, string>, predicted: ReadonlyMap<string, string>): Evaluation {
  const personSizes = new Map<string, number>();
  const clusterSizes = new Map<string, number>();
  const cells = new Map<string, number>();
  const clustersOfPerson = new Map<string, Set<string>>();
  const personsOfCluster = new Map<string, Set<string>>();

  for (const [record, person] of truth) {
    // Unplaced records get a cluster key no real cluster id can collide with.
    const cluster = predicted.has(record) ? `c:${predicted.get(record)}` : `r:${record}`;
    tally(personSizes, person);
    tally(clusterSizes, cluster);
    tally(cells, JSON.stringify([cluster, person]));
    addTo(clustersOfPerson, person, cluster);
    addTo(personsOfCluster, cluster, person);
  }

  const sumPairs = (sizes: Iterable<number>): number => [...sizes].reduce((total, n) => total + pairs(n), 0);
  const truePairs = sumPairs(personSizes.values());
  const predictedPairs = sumPairs(clusterSizes.values());
  const correctPairs = sumPairs(cells.values());
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);

  const persons = personSizes.size;
  const clusters = clusterSizes.size;
  const extraProfiles = [...clustersOfPerson.values()].reduce((total, held) => total + held.size - 1, 0);
  const overMerged = [...personsOfCluster.values()].filter((held) => held.size > 1).length;

  return {
    precision,
    recall,
    f1,
    duplicateProfileRate: persons === 0 ? 0 : extraProfiles / persons,
    overMergeRate: clusters === 0 ? 0 : overMerged / clusters,
    counts: { records: truth.size, persons, clusters, truePairs, predictedPairs, correctPairs },
  };
}
