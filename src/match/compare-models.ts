import type { Decision } from './model.ts';

export type DecisionChange = {
  from: Decision;
  to: Decision;
  count: number;
  /** The first pairs of this change, by record key, with each model's probability. */
  examples: Array<{ a: string; b: string; probabilityA: number; probabilityB: number }>;
};

export type ModelComparison = {
  modelA: string;
  modelB: string;
  /** Candidate pairs both models decided. */
  pairs: number;
  /** Pairs whose decision differs. */
  changed: number;
  /** One entry per direction that occurs (link → no-link, review → link, ...), most frequent first. */
  changes: DecisionChange[];
};

export type PairVerdicts = { a: string; b: string; decisionA: Decision; probabilityA: number; decisionB: Decision; probabilityB: number };

/**
 * Tallies two models' decisions over the same pairs by direction of change.
 * @example tallyChanges('m1', 'm2', [{ a: 'r1', b: 'r2', decisionA: 'link', probabilityA: 0.999, decisionB: 'review', probabilityB: 0.9 }], 5).changes
 * // [{ from: 'link', to: 'review', count: 1, examples: [{ a: 'r1', b: 'r2', probabilityA: 0.999, probabilityB: 0.9 }] }]
 */
export function tallyChanges(modelA: string, modelB: string, verdicts: Iterable<PairVerdicts>, examples: number): ModelComparison {
  const byDirection = new Map<string, DecisionChange>();
  let pairs = 0;
  for (const v of verdicts) {
    pairs++;
    if (v.decisionA === v.decisionB) continue;
    const id = `${v.decisionA}>${v.decisionB}`;
    const change = byDirection.get(id) ?? { from: v.decisionA, to: v.decisionB, count: 0, examples: [] };
    change.count++;
    if (change.examples.length < examples) change.examples.push({ a: v.a, b: v.b, probabilityA: v.probabilityA, probabilityB: v.probabilityB });
    byDirection.set(id, change);
  }
  const changes = [...byDirection.values()].toSorted((x, y) => y.count - x.count || `${x.from}>${x.to}`.localeCompare(`${y.from}>${y.to}`));
  return { modelA, modelB, pairs, changed: changes.reduce((sum, c) => sum + c.count, 0), changes };
}

/** The comparison as lines of text: counts by direction, then example pairs. */
export function formatComparison(comparison: ModelComparison): string {
  const lines = [
    `Compared ${comparison.modelA} (A) with ${comparison.modelB} (B) on ${comparison.pairs} candidate pairs: ${comparison.changed} change decision.`,
  ];
  for (const change of comparison.changes) {
    lines.push(`  ${`${change.from} -> ${change.to}`.padEnd(18)} ${String(change.count).padStart(8)}`);
  }
  for (const change of comparison.changes) {
    lines.push('', `${change.from} -> ${change.to} (first ${change.examples.length}):`);
    for (const e of change.examples) lines.push(`  ${e.a}  ${e.b}  A ${e.probabilityA.toFixed(4)}  B ${e.probabilityB.toFixed(4)}`);
  }
  return lines.join('\n');
}
