import { blockingRuleOf, firstBlockingVia } from './blocking.ts';
import type { HoldReason } from './cluster.ts';
import { ruleLinking, type MatchRule } from './match-rules.ts';
import type { Decision, Model } from './model.ts';
import type { MatchProfile } from './profile.ts';
import { scorePair } from './score.ts';
import type { TermFrequencies } from './term-frequencies.ts';

export type PairDecision = {
  a: string;
  b: string;
  decision: Decision;
  probability: number;
  /** What the MATCHED relationship stores: the rule or model, the comparisons, the time. */
  props: Record<string, string | number>;
};

/**
 * Decides one candidate pair: a deterministic rule links outright (unless the two carry
 * different national ids, or the model sees both names or the birth dates differ: a
 * shared family inbox or a shared account is no proof of one person); otherwise the model's probability against its thresholds.
 * Values of hub identifiers (an info@ address shared by hundreds) are removed from both
 * profiles first, so they count as missing rather than as agreement. The model's scores
 * are kept as evidence either way.
 * @example decidePair(model, rules, a, b, ['identifier:email'], tf, new Set()).decision // 'link'
 */
export function decidePair(
  model: Model,
  rules: readonly MatchRule[],
  a: MatchProfile,
  b: MatchProfile,
  vias: readonly string[],
  tf: TermFrequencies,
  hubs: ReadonlySet<string>,
): Omit<PairDecision, 'a' | 'b'> {
  const left = withoutHubs(a, hubs);
  const right = withoutHubs(b, hubs);
  const scored = scorePair(model, left, right, tf);
  const sharedTypes = new Set(vias.filter((v) => v.startsWith('identifier:')).map((v) => v.slice('identifier:'.length)));
  const rule = conflictingNationalIds(left, right) || clearlyDifferentPeople(scored.comparisons) ? null : ruleLinking(rules, sharedTypes);
  const decision: Decision = rule ? 'link' : scored.decision;
  const probability = rule ? 1 : scored.probability;
  return {
    decision,
    probability,
    props: {
      decision,
      rule: rule ? rule.name : 'model',
      modelVersion: scored.modelVersion,
      probability,
      modelProbability: scored.probability,
      score: scored.score,
      // The rule's name only: a blocking key's value holds names and postcodes.
      blockedBy: blockingRuleOf(firstBlockingVia(vias) ?? ''),
      comparisons: JSON.stringify(scored.comparisons.map((c) => ({ name: c.name, level: c.level, label: c.label, weight: c.weight, tfAdjusted: c.tfAdjusted }))),
      decidedAt: new Date().toISOString(),
    },
  };
}

/**
 * A link an over-merge guard held back (see cluster.ts): it waits in the review queue,
 * its evidence naming the reason. The model's verdict stays in `modelProbability`.
 * @example heldBack(decision, 'cluster-size-limit').props.decision // 'review'
 */
export function heldBack(decision: PairDecision, reason: HoldReason): PairDecision {
  return { ...decision, decision: 'review', props: { ...decision.props, decision: 'review', heldBack: reason } };
}

function withoutHubs(profile: MatchProfile, hubs: ReadonlySet<string>): MatchProfile {
  if (hubs.size === 0) return profile;
  return {
    ...profile,
    emails: profile.emails.filter((e) => !hubs.has(`email:${e}`)),
    phones: profile.phones.filter((p) => !hubs.has(`phone:${p}`)),
    ids: profile.ids.filter((id) => !hubs.has(id)),
  };
}

function conflictingNationalIds(a: MatchProfile, b: MatchProfile): boolean {
  const na = a.ids.filter((id) => id.startsWith('national_id:'));
  const nb = b.ids.filter((id) => id.startsWith('national_id:'));
  return na.length > 0 && nb.length > 0 && !na.some((id) => nb.includes(id));
}

/** Both names different, or birth dates different: a shared identifier does not make one person of these. */
function clearlyDifferentPeople(comparisons: ReadonlyArray<{ name: string; label: string }>): boolean {
  const label = (name: string) => comparisons.find((c) => c.name === name)?.label;
  return (label('given_name') === 'different' && label('family_name') === 'different') || label('date_of_birth') === 'different';
}
