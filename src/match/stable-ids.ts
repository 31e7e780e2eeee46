/**
 * Keeps customer ids stable across a re-resolution: each new cluster takes the existing
 * customer id that holds most of its records, greedily from the largest overlap down
 * (ties to the older customer, then the smaller id), each old id used once. A customer
 * whose records all stay together keeps its id. Clusters left without one get a new id;
 * old ids left unused are merged into the cluster that took most of their records.
 * @example stableIds([['r1', 'r2'], ['r3']], new Map([['r1', 'c1'], ['r2', 'c1'], ['r3', 'c1']]), new Map())
 * // { ids: ['c1', null], mergedAway: new Map() }  (r3 leaves c1 for a new customer)
 */
export function stableIds(
  clusters: readonly (readonly string[])[],
  current: ReadonlyMap<string, string>,
  createdAt: ReadonlyMap<string, string>,
): { ids: (string | null)[]; mergedAway: Map<string, number> } {
  const overlaps: Array<{ cluster: number; customer: string; n: number }> = [];
  const largestShare = new Map<string, { cluster: number; n: number }>();
  clusters.forEach((records, cluster) => {
    const counts = new Map<string, number>();
    for (const record of records) {
      const customer = current.get(record);
      if (customer) counts.set(customer, (counts.get(customer) ?? 0) + 1);
    }
    for (const [customer, n] of counts) {
      overlaps.push({ cluster, customer, n });
      const best = largestShare.get(customer);
      if (!best || n > best.n) largestShare.set(customer, { cluster, n });
    }
  });
  overlaps.sort(
    (x, y) =>
      y.n - x.n ||
      (createdAt.get(x.customer) ?? '').localeCompare(createdAt.get(y.customer) ?? '') ||
      x.customer.localeCompare(y.customer) ||
      x.cluster - y.cluster,
  );
  const ids: (string | null)[] = clusters.map(() => null);
  const used = new Set<string>();
  for (const { cluster, customer } of overlaps) {
    if (ids[cluster] !== null || used.has(customer)) continue;
    ids[cluster] = customer;
    used.add(customer);
  }
  const mergedAway = new Map<string, number>();
  for (const [customer, { cluster }] of largestShare) if (!used.has(customer)) mergedAway.set(customer, cluster);
  return { ids, mergedAway };
}
