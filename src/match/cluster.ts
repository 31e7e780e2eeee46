/**
 * Clustering: records joined by links at or above a threshold, as connected components,
 * except that no cluster may hold both records of a cannot-link pair (a reviewer said
 * they differ, or they carry conflicting strong identifiers).
 */

export type Link = { a: string; b: string; probability: number };

type Component = { members: string[]; forbidden: Set<string>; sides: Set<string> };

/**
 * A steward's split: the records on side 'a' of a decision and those on side 'b' may
 * never share a cluster. One tag per record keeps a split of n from m records at n + m
 * facts instead of n × m cannot-link pairs.
 */
export type ApartTag = { node: string; decision: string; side: 'a' | 'b' };

/**
 * Connected components over links with probability ≥ threshold, built greedily from the
 * strongest link down (ties by ids, so the result never depends on input order). A link
 * whose union would put a cannot-link pair in one cluster is skipped. Ids that appear only
 * in links or cannot-links join the nodes. Each cluster is sorted, clusters by their first id.
 * @example clusterPairs(['a', 'b', 'c'], [{ a: 'a', b: 'b', probability: 0.999 }], 0.99, [])
 * // [['a', 'b'], ['c']]
 */
export function clusterPairs(
  nodes: readonly string[],
  links: readonly Link[],
  threshold: number,
  cannotLink: ReadonlyArray<readonly [string, string]>,
  apart: readonly ApartTag[] = [],
): string[][] {
  const parent = new Map<string, string>();
  const components = new Map<string, Component>();
  const add = (id: string): void => {
    if (parent.has(id)) return;
    parent.set(id, id);
    components.set(id, { members: [id], forbidden: new Set(), sides: new Set() });
  };
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let node = id; node !== root; ) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };

  for (const id of nodes) add(id);
  for (const link of links) {
    add(link.a);
    add(link.b);
  }
  for (const [x, y] of cannotLink) {
    add(x);
    add(y);
    if (x === y) continue;
    components.get(x)!.forbidden.add(y);
    components.get(y)!.forbidden.add(x);
  }
  for (const tag of apart) {
    add(tag.node);
    components.get(find(tag.node))!.sides.add(`${tag.decision}\n${tag.side}`);
  }
  const opposite = (tag: string) => (tag.endsWith('\na') ? `${tag.slice(0, -1)}b` : `${tag.slice(0, -1)}a`);

  const ordered = links
    .filter((link) => link.probability >= threshold)
    .toSorted((p, q) => q.probability - p.probability || compareIds(p, q));
  for (const link of ordered) {
    const [ra, rb] = [find(link.a), find(link.b)];
    if (ra === rb) continue;
    const [keep, drop] = components.get(ra)!.members.length >= components.get(rb)!.members.length ? [ra, rb] : [rb, ra];
    const kept = components.get(keep)!;
    const dropped = components.get(drop)!;
    if ([...dropped.forbidden].some((id) => find(id) === keep)) continue;
    if ([...dropped.sides].some((tag) => kept.sides.has(opposite(tag)))) continue;
    parent.set(drop, keep);
    kept.members.push(...dropped.members);
    for (const id of dropped.forbidden) kept.forbidden.add(id);
    for (const tag of dropped.sides) kept.sides.add(tag);
    components.delete(drop);
  }

  return [...components.values()]
    .map((component) => component.members.toSorted())
    .toSorted((p, q) => (p[0]! < q[0]! ? -1 : 1));
}

const compareIds = (p: Link, q: Link): number => {
  const [p1, p2] = [p.a, p.b].toSorted();
  const [q1, q2] = [q.a, q.b].toSorted();
  return p1! < q1! ? -1 : p1! > q1! ? 1 : p2! < q2! ? -1 : p2! > q2! ? 1 : 0;
};
