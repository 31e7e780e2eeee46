import { levelWeight, type Model } from './model.ts';

/**
 * Checks a trained model must pass before it is written: a model that fails one would
 * link people for the wrong reasons (a disagreement counting as evidence, a prior that
 * makes every candidate a match). Pure: the trainer supplies what it measured.
 */

export type ModelCheck = 'agreement-above-chance' | 'disagreement-against' | 'prior-in-bounds' | 'em-converged';
export type CheckFailure = { check: ModelCheck; message: string };

export type CheckInput = {
  model: Model;
  /** Bounds the data allow for the prior, and how many pairs the rules found. */
  prior: { lower: number; upper: number; rulePairs: number };
  rounds: ReadonlyArray<{ rule: string; pairs: number; iterations: number; converged: boolean }>;
};

/** Levels that mean the two values agree: their m must exceed their u. */
const AGREEING = new Set(['exact', 'shared']);
/** Levels that mean the two values differ: they must weigh against a match. */
const DISAGREEING = new Set(['different', 'conflicting']);

const n = (value: number): string => (value >= 0.001 ? value.toFixed(4) : value.toExponential(2));

/**
 * Every failed check, each with a sentence saying why; none when the model may be written.
 * @example checkModel({ model, prior: { lower: 1e-7, upper: 0.05, rulePairs: 1215 }, rounds })
 * // [{ check: 'disagreement-against', message: "strong_id 'conflicting' weighs +0.22 bits (m 0.6400, u 0.5500): ..." }]
 */
export function checkModel(input: CheckInput): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const comparison of input.model.comparisons) {
    for (const level of comparison.levels) {
      const weight = levelWeight(level.m, level.u);
      const what = `${comparison.name} '${level.label}' weighs ${weight >= 0 ? '+' : ''}${weight.toFixed(2)} bits (m ${n(level.m)}, u ${n(level.u)})`;
      if (AGREEING.has(level.label) && !(level.m > level.u)) {
        failures.push({ check: 'agreement-above-chance', message: `${what}: agreeing values must be likelier among matches than among random pairs` });
      }
      if (DISAGREEING.has(level.label) && !(weight < 0)) {
        failures.push({ check: 'disagreement-against', message: `${what}: different values must count against a match` });
      }
    }
  }
  const prior = input.model.prior.matchProbability;
  if (input.prior.rulePairs === 0) {
    failures.push({
      check: 'prior-in-bounds',
      message: 'no two records share an identifier the deterministic rules link on, so the probability that two random records match cannot be estimated',
    });
  } else if (!(prior >= input.prior.lower && prior <= input.prior.upper)) {
    failures.push({
      check: 'prior-in-bounds',
      message:
        `the prior ${n(prior)} is outside the bounds the data allow (${n(input.prior.lower)}, the share of pairs the rules found, ` +
        `to ${n(input.prior.upper)}): with it ${prior > input.prior.upper ? 'most candidates would link' : 'the rules would have found more pairs than there are matches'}`,
    });
  }
  for (const round of input.rounds) {
    if (!round.converged) {
      failures.push({
        check: 'em-converged',
        message: `EM over the ${round.pairs} pairs of '${round.rule}' did not converge in ${round.iterations} iterations: its m are not estimates yet`,
      });
    }
  }
  return failures;
}

/**
 * The failures as lines for a person to read.
 * @example describeFailures(failures) // "  - prior-in-bounds: the prior 0.9999 is outside ..."
 */
export const describeFailures = (failures: readonly CheckFailure[]): string => failures.map((f) => `  - ${f.check}: ${f.message}`).join('\n');
