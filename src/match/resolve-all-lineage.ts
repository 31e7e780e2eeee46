/**
 * The lineage of a re-resolution: which records moved from which customer to which, so
 * that a merge `resolveAll` made can be undone like any other and auditors see every move.
 */

export type RuleLink = { a: string; b: string; rule: string; probability: number };

export type PlannedMove = {
  /** 'merge' when the old customer was merged away into the new one, 'split' for any other move. */
  kind: 'merge' | 'split';
  from: string;
  to: string;
  recordKeys: string[];
  /** JSON: the links that joined the moved records to records already there. */
  evidence: string;
};

/**
 * Groups the records whose customer changes by (old customer, new customer). A group is a
 * merge when its old customer was merged away into that new customer, otherwise a split
 * (records taken from a customer that lives on, or left for a new one).
 * @example plannedMoves([['r1', 'r2']], ['c1'], new Map([['r1', 'c1'], ['r2', 'c2']]), new Map([['c2', 0]]), [])
 * // [{ kind: 'merge', from: 'c2', to: 'c1', recordKeys: ['r2'], evidence: '[]' }]
 */
export function plannedMoves(
  clusters: readonly (readonly string[])[],
  finalIds: readonly string[],
  current: ReadonlyMap<string, string>,
  mergedAway: ReadonlyMap<string, number>,
  links: readonly RuleLink[],
): PlannedMove[] {
  const groups = new Map<string, { from: string; cluster: number; keys: string[] }>();
  clusters.forEach((records, cluster) => {
    for (const key of records) {
      const from = current.get(key);
      if (from === undefined || from === finalIds[cluster]) continue;
      const id = `${from}\u0000${cluster}`;
      const group = groups.get(id) ?? { from, cluster, keys: [] };
      group.keys.push(key);
      groups.set(id, group);
    }
  });
  return [...groups.values()].map(({ from, cluster, keys }) => {
    const moved = new Set(keys);
    const stayed = new Set(clusters[cluster]!.filter((key) => !moved.has(key)));
    const bridging = links.filter((l) => (moved.has(l.a) && stayed.has(l.b)) || (moved.has(l.b) && stayed.has(l.a)));
    return {
      kind: mergedAway.get(from) === cluster ? 'merge' : 'split',
      from,
      to: finalIds[cluster]!,
      recordKeys: keys.sort(),
      evidence: JSON.stringify(bridging),
    };
  });
}
