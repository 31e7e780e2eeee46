import { levelWeight, priorWeight, type Model } from './model.ts';
import type { TrainReport } from './train.ts';
import type { ConditionalU } from './train-u.ts';

/** Training's results in words: the model's notes, the CLI's report, the weights table. */

/**
 * The notes a trained model carries: what it was trained on and how.
 * @example notesOf(defaultModel(), report) // "Trained from 'default-3' on 3229 records. u from ..."
 */
export function notesOf(base: Model, report: TrainReport): string {
  const { prior } = report;
  const rounds = report.rounds.map((r) =>
    r.skipped
      ? `${r.rule} skipped (${r.pairs} pairs)`
      : `${r.rule} (${r.pairs} pairs, ${r.fixed.join(' and ')} fixed, ${r.iterations} iterations, ${r.converged ? 'converged' : 'not converged'}, match share ${r.matchShare.toFixed(3)})`,
  );
  return [
    `Trained from '${base.version}' on ${report.records} records.`,
    `u from ${report.randomPairs} random pairs (every pair of ${report.sampledRecords} sampled records)${conditionalText(report.conditionalU)}.`,
    `Prior ${prior.matchProbability.toExponential(3)} = (${prior.rulePairs} pairs the deterministic rules match / recall ${prior.recall}) / ${prior.allPairs} pairs.`,
    `m by EM: ${rounds.join('; ')}; averaged over the rounds that estimated each comparison.`,
    ...(report.notEstimated.length > 0 ? [`Not estimated, m kept from '${base.version}': ${report.notEstimated.join(', ')}.`] : []),
    ...(report.unseen.length > 0 ? [`No pair showed ${report.unseen.join(', ')}: kept from '${base.version}'.`] : []),
  ].join(' ');
}

/**
 * What training measured, in a few lines for a person: records, random pairs, the prior's
 * arithmetic and each EM round.
 * @example console.log(trainingText(outcome.report))
 * // Trained on 3229 records. u from 1000405 random pairs (every pair of 1415 sampled records).
 */
export function trainingText(report: TrainReport): string {
  const { prior } = report;
  const rounds = report.rounds.map((r) =>
    r.skipped
      ? `  ${r.rule}: skipped, ${r.pairs} pairs (fewer than a round needs)`
      : `  ${r.rule}: ${r.pairs} pairs, ${r.fixed.join(', ')} held fixed; ${r.iterations} iterations, ${r.converged ? 'converged' : 'NOT converged'}; ${(100 * r.matchShare).toFixed(1)}% taken for matches`,
  );
  return [
    `Trained on ${report.records} records. u from ${report.randomPairs} random pairs (every pair of ${report.sampledRecords} sampled records)${conditionalText(report.conditionalU)}.`,
    `Prior ${probabilityText(prior.matchProbability)} = (${prior.rulePairs} pairs the deterministic rules match / recall ${prior.recall}) / ${prior.allPairs} pairs.`,
    'm by EM, one round per blocking rule, averaged:',
    ...rounds,
    ...(report.notEstimated.length > 0 ? [`Not estimated by any round (m kept from the starting model): ${report.notEstimated.join(', ')}.`] : []),
    ...(report.unseen.length > 0 ? [`No random or blocked pair showed ${report.unseen.join(', ')}: m and u kept from the starting model.`] : []),
  ].join('\n');
}

const conditionalText = (conditional: readonly ConditionalU[]): string =>
  conditional.length === 0
    ? ''
    : `; ${conditional.map((c) => `${c.comparison} given the same ${c.given} (${c.pairs} pairs${c.estimated ? '' : ', too few: u kept'})`).join(', ')}`;

const probabilityText = (value: number): string => (value >= 0.001 ? value.toFixed(4) : value.toExponential(2));
const factorText = (weight: number): string => {
  const factor = 2 ** Math.abs(weight);
  const text = factor >= 100 ? Math.round(factor).toString() : factor.toFixed(1);
  return weight >= 0 ? text : `1/${text}`;
};

/**
 * A model as a table: the prior, then each comparison level's m, u, weight (bits) and
 * Bayes factor.
 * @example console.log(summary(defaultModel()))
 * // comparison     level   m       u         weight  factor
 * // given_name     exact   0.8000  0.0080      6.64  100
 */
export function summary(model: Model): string {
  const rows: string[][] = [['comparison', 'level', 'm', 'u', 'weight', 'factor']];
  const prior = priorWeight(model.prior.matchProbability);
  rows.push(['(prior)', 'match probability', probabilityText(model.prior.matchProbability), '', prior.toFixed(2), factorText(prior)]);
  for (const comparison of model.comparisons) {
    for (const level of comparison.levels) {
      const weight = levelWeight(level.m, level.u);
      rows.push([comparison.name, level.label, probabilityText(level.m), probabilityText(level.u), weight.toFixed(2), factorText(weight)]);
    }
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const numeric = new Set([4]);
  const lines = rows.map((row) =>
    row.map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd(),
  );
  return [`model ${model.version} (trained ${model.trainedAt})`, ...lines].join('\n');
}
