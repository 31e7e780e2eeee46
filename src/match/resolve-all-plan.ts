/**
 * The plan of a bulk re-resolution: from every scored pair, the steward's decisions and
 * today's memberships to the clusters, the ids they keep and the evidence to store. Pure:
 * `resolveAll` writes it, its dry run (`previewResolveAll`, `resolve --dry-run`) only
 * summarises it.
 */
import { sortableInstant } from '../graph/instant.ts';
import { clusterLinks, type ApartTag, type ClusterGuards, type GuardReason, type Link } from './cluster.ts';
import { heldBack, type PairDecision } from './pair-decision.ts';
import type { RuleLink } from './resolve-all-lineage.ts';
import { stableIds } from './stable-ids.ts';

export type Membership = { key: string; customer: string; createdAt: string };

export type PlanInput = {
  keys: readonly string[];
  /** Link and review decisions; a pair scored from both of its pages counts once. */
  decisions: readonly PairDecision[];
  cannotLink: ReadonlyArray<readonly [string, string]>;
  apart: readonly ApartTag[];
  /** Steward must-links, each as its records: every group stays in one cluster. */
  mustLink?: ReadonlyArray<readonly string[]>;
  memberships: readonly Membership[];
};

export type ResolveAllPlan = {
  clusters: string[][];
  /** The existing customer id each cluster keeps; null for a new customer. */
  ids: (string | null)[];
  /** Existing customers merged away, with the index of the cluster that takes them. */
  mergedAway: Map<string, number>;
  /** Each record's customer today. */
  current: Map<string, string>;
  /** Every decision as it will be stored, `props.status` set; a held link is a review naming why. */
  decisions: PairDecision[];
  /** The links that joined records: the evidence of the lineage events. */
  links: RuleLink[];
  held: Record<GuardReason, number>;
};

/**
 * Clusters every record under the guards and the steward's decisions, keeps ids stable
 * (stable-ids.ts) and gives each decision the status it will be stored with.
 * @example planResolveAll({ keys: ['r1', 'r2'], decisions: [link('r1', 'r2')], cannotLink: [], apart: [], memberships: [] }, 0.99, guards).clusters
 * // [['r1', 'r2']]
 */
export function planResolveAll(input: PlanInput, threshold: number, guards: ClusterGuards): ResolveAllPlan {
  const decisions = [...new Map(input.decisions.map((d) => [`${d.a}\n${d.b}`, d])).values()];
  const decisionOf = new Map<Link, PairDecision>();
  const links = decisions
    .filter((d) => d.decision === 'link')
    .map((d) => {
      const link = { a: d.a, b: d.b, probability: d.probability };
      decisionOf.set(link, d);
      return link;
    });
  const clustering = clusterLinks({ nodes: input.keys, links, threshold, cannotLink: input.cannotLink, apart: input.apart, mustLink: input.mustLink ?? [], guards });
  const holds = new Map(clustering.held.map(({ link, reason }) => [decisionOf.get(link)!, reason] as const));
  const { clusters } = clustering;
  const clusterOf = new Map(clusters.flatMap((records, i) => records.map((key) => [key, i] as const)));
  const stored = decisions.map((d) => {
    const decided = holds.has(d) ? heldBack(d, holds.get(d)!) : d;
    const status = decided.decision === 'link' ? 'linked' : clusterOf.get(d.a) === clusterOf.get(d.b) ? 'linked-through-others' : 'open';
    const props: PairDecision['props'] = { ...decided.props, status };
    return { ...decided, props };
  });

  const current = new Map(input.memberships.map((m) => [m.key, m.customer]));
  const createdAt = new Map(input.memberships.map((m) => [m.customer, sortableInstant(m.createdAt)]));
  const { ids, mergedAway } = stableIds(clusters, current, createdAt);
  const held: Record<GuardReason, number> = { 'cluster-size-limit': 0, 'weak-bridge': 0 };
  for (const reason of holds.values()) held[reason]++;
  return {
    clusters,
    ids,
    mergedAway,
    current,
    decisions: stored,
    links: stored.filter((d) => d.decision === 'link').map((d) => ({ a: d.a, b: d.b, rule: String(d.props['rule']), probability: d.probability })),
    held,
  };
}
