/**
 * Clustering: records joined by links at or above a threshold, as connected components,
 * except that no cluster may hold both records of a cannot-link pair (a reviewer said
 * they differ, or they carry conflicting strong identifiers), and, with guards, no
 * cluster grows past a size limit or is chained to another by a single weak bridge.
 */

export type Link = {
  a: string;
  b: string;
  probability: number;
  /**
   * The two records the link was scored between, when `a` or `b` stands for a whole
   * customer (resolution at ingest time); `[a, b]` when absent.
   */
  records?: readonly [string, string];
};

/**
 * A steward's split: the records on side 'a' of a decision and those on side 'b' may
 * never share a cluster. One tag per record keeps a split of n from m records at n + m
 * facts instead of n × m cannot-link pairs.
 */
export type ApartTag = { node: string; decision: string; side: 'a' | 'b' };

/** Why a link above the threshold did not join its two clusters: it waits for a steward instead. */
/** 'restricted': the customer is under a privacy restriction (resolution.service.ts; clustering itself never holds for it). */
export type HoldReason = 'cluster-size-limit' | 'weak-bridge' | 'restricted';

/** What clustering's own guards hold for. */
export type GuardReason = Exclude<HoldReason, 'restricted'>;

export type HeldLink = { link: Link; reason: GuardReason };

/**
 * Over-merge guards (docs/matching-model.md, "Over-merge guards"). A union that would
 * make a cluster of more than `maxRecords` records is held. A union where the larger side
 * already holds more than `bridgeMinRecords` records needs a strong link (at least
 * `strongLink`), or at least two links that rest on two different records of each side
 * (a side of one record counts once): one record or one pair never chains two people.
 */
export type ClusterGuards = { maxRecords: number; bridgeMinRecords: number; strongLink: number };

/** MATCH_MAX_CUSTOMER_RECORDS when unset. */
export const DEFAULT_MAX_CUSTOMER_RECORDS = 200;
/**
 * "More than a few records": a cluster this size or smaller joins on any link. Chosen by
 * measurement (docs/matching-model.md): 2 to 4 cost recall, 5 cost none on the sets tried.
 */
export const BRIDGE_MIN_RECORDS = 5;
/** A link this many bits above the link threshold is strong enough to bridge on its own (about 1,000 times the odds). */
export const STRONG_LINK_MARGIN_BITS = 10;

/**
 * The guards for a model's link threshold and a customer size limit.
 * @example clusterGuards(0.99, 200) // { maxRecords: 200, bridgeMinRecords: 5, strongLink: 0.99999 (about) }
 */
export function clusterGuards(linkThreshold: number, maxRecords: number): ClusterGuards {
  const bits = Math.log2(linkThreshold / (1 - linkThreshold)) + STRONG_LINK_MARGIN_BITS;
  return { maxRecords, bridgeMinRecords: BRIDGE_MIN_RECORDS, strongLink: 1 / (1 + 2 ** -bits) };
}

export type ClusterInput = {
  nodes: readonly string[];
  links: readonly Link[];
  threshold: number;
  cannotLink?: ReadonlyArray<readonly [string, string]>;
  apart?: readonly ApartTag[];
  /**
   * Steward must-links: each group ends in one cluster whatever the links, guards and
   * cannot-links say (the membership writer lifts a must-link a later decision contradicts).
   */
  mustLink?: ReadonlyArray<readonly string[]>;
  /** Records a node stands for (default 1): at ingest time a customer stands for all its records. */
  weights?: ReadonlyMap<string, number>;
  /** Without guards, clusters are plain connected components (under the cannot-links). */
  guards?: ClusterGuards;
  /** Links no guard holds: at ingest time, a record's tie to the customer it is in already. */
  exempt?: ReadonlySet<Link>;
};

export type Clustering = {
  /** Each cluster sorted, clusters by their first id. */
  clusters: string[][];
  /** Links at or above the threshold whose two ends stay in different clusters because of a guard. */
  held: HeldLink[];
};

type Component = { members: string[]; size: number; forbidden: Set<string>; sides: Set<string>; pending: Set<Link> };

/**
 * Connected components over links with probability ≥ threshold, built greedily from the
 * strongest link down (ties by ids, so the result never depends on input order). A link
 * whose union would put a cannot-link pair in one cluster is skipped; one a guard refuses
 * is held (and may still count as support for a later link between the same clusters).
 * Ids that appear only in links or cannot-links join the nodes.
 * @example clusterLinks({ nodes: ['a', 'b', 'c'], links: [{ a: 'a', b: 'b', probability: 0.999 }], threshold: 0.99 })
 * // { clusters: [['a', 'b'], ['c']], held: [] }
 */
export function clusterLinks(input: ClusterInput): Clustering {
  const { exempt } = input;
  const parent = new Map<string, string>();
  const components = new Map<string, Component>();
  const add = (id: string): void => {
    if (parent.has(id)) return;
    parent.set(id, id);
    components.set(id, { members: [id], size: input.weights?.get(id) ?? 1, forbidden: new Set(), sides: new Set(), pending: new Set() });
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

  for (const id of input.nodes) add(id);
  for (const link of input.links) {
    add(link.a);
    add(link.b);
  }
  for (const [x, y] of input.cannotLink ?? []) {
    add(x);
    add(y);
    if (x === y) continue;
    components.get(x)!.forbidden.add(y);
    components.get(y)!.forbidden.add(x);
  }
  for (const tag of input.apart ?? []) {
    add(tag.node);
    components.get(find(tag.node))!.sides.add(`${tag.decision}\n${tag.side}`);
  }
  const opposite = (tag: string) => (tag.endsWith('\na') ? `${tag.slice(0, -1)}b` : `${tag.slice(0, -1)}a`);

  /** The link and earlier held links between the two clusters rest on two records of each side (one, for a side of one record). */
  const supported = (link: Link, x: string, y: string): boolean => {
    const [cx, cy] = [components.get(x)!, components.get(y)!];
    const between = new Set([link]);
    for (const held of cx.pending.size <= cy.pending.size ? cx.pending : cy.pending) {
      const ends = [find(held.a), find(held.b)];
      if (ends.includes(x) && ends.includes(y)) between.add(held);
    }
    if (between.size < 2) return false;
    const onX = new Set<string>();
    const onY = new Set<string>();
    for (const l of between) {
      const [ra, rb] = l.records ?? [l.a, l.b];
      const aOnX = find(l.a) === x;
      onX.add(aOnX ? ra : rb);
      onY.add(aOnX ? rb : ra);
    }
    return onX.size >= Math.min(2, cx.size) && onY.size >= Math.min(2, cy.size);
  };

  const join = (keep: string, drop: string): void => {
    const kept = components.get(keep)!;
    const dropped = components.get(drop)!;
    parent.set(drop, keep);
    kept.members.push(...dropped.members);
    kept.size += dropped.size;
    for (const id of dropped.forbidden) kept.forbidden.add(id);
    for (const tag of dropped.sides) kept.sides.add(tag);
    for (const held of dropped.pending) kept.pending.add(held);
    components.delete(drop);
  };
  for (const group of input.mustLink ?? []) {
    for (const id of group) add(id);
    for (const id of group.slice(1)) {
      const [ra, rb] = [find(group[0]!), find(id)];
      if (ra !== rb) join(ra, rb);
    }
  }

  const reasons = new Map<Link, GuardReason>();
  const ordered = input.links
    .filter((link) => link.probability >= input.threshold)
    .toSorted((p, q) => q.probability - p.probability || compareIds(p, q));
  for (const link of ordered) {
    const [ra, rb] = [find(link.a), find(link.b)];
    if (ra === rb) continue;
    const [keep, drop] = components.get(ra)!.size >= components.get(rb)!.size ? [ra, rb] : [rb, ra];
    const kept = components.get(keep)!;
    const dropped = components.get(drop)!;
    if ([...dropped.forbidden].some((id) => find(id) === keep)) continue;
    if ([...dropped.sides].some((tag) => kept.sides.has(opposite(tag)))) continue;
    const guards = exempt?.has(link) ? undefined : input.guards;
    if (guards && kept.size + dropped.size > guards.maxRecords) {
      reasons.set(link, 'cluster-size-limit');
      continue;
    }
    if (guards && link.probability < guards.strongLink && kept.size > guards.bridgeMinRecords && !supported(link, keep, drop)) {
      reasons.set(link, 'weak-bridge');
      kept.pending.add(link);
      dropped.pending.add(link);
      continue;
    }
    join(keep, drop);
  }

  return {
    clusters: [...components.values()].map((component) => component.members.toSorted()).toSorted((p, q) => (p[0]! < q[0]! ? -1 : 1)),
    held: [...reasons].filter(([link]) => find(link.a) !== find(link.b)).map(([link, reason]) => ({ link, reason })),
  };
}

/**
 * Plain clustering without guards: the clusters of `clusterLinks`.
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
  return clusterLinks({ nodes, links, threshold, cannotLink, apart }).clusters;
}

const compareIds = (p: Link, q: Link): number => {
  const [p1, p2] = [p.a, p.b].toSorted();
  const [q1, q2] = [q.a, q.b].toSorted();
  return p1! < q1! ? -1 : p1! > q1! ? 1 : p2! < q2! ? -1 : p2! > q2! ? 1 : 0;
};
