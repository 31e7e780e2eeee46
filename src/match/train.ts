import { createHash } from 'node:crypto';
import { DomainError } from '../errors/domain-error.ts';
import type { MatchRule } from './match-rules.ts';
import { checkModel, type CheckFailure } from './model-checks.ts';
import { levelWeight, priorWeight, probabilityOf, type Model } from './model.ts';
import type { LevelVector, PatternTally, TrainingData } from './train-data.ts';
import { averageM, emRound, levelsSeen, unseenFromBase, type EmRound } from './train-em.ts';
import { estimatePrior, ruleIdentifierTypes, type PriorEstimate } from './train-prior.ts';
import { blockedOn, defaultRounds, notEstimated } from './train-rounds.ts';
import { notesOf } from './train-text.ts';
import { estimateU, type ConditionalU } from './train-u.ts';

/**
 * Training without labels, after splink's recipe: u from many random pairs (almost all
 * non-matches); the prior from the deterministic rules with a stated recall; m by EM in
 * rounds, each over one blocking rule's pairs with the comparisons it blocks on held fixed,
 * averaged across rounds. The result is checked (model-checks.ts) before anyone writes it.
 * The same data, options and seed give the same model.
 */

export type TrainOptions = {
  /** Random pairs for u (default 1,000,000): all pairs within a sample of records. */
  randomPairs?: number;
  /** Street's and city's u given the postcode (train-u.ts; default true). */
  conditionalU?: boolean;
  /** Fit u again with each random pair counted as a non-match as far as the first fit says, then m (default true). */
  refineU?: boolean;
  /** Share of all matching pairs the deterministic rules are taken to find (default 0.8). */
  recall?: number;
  /** Blocking rules to run EM rounds over, in order (default `defaultRounds`). */
  rounds?: readonly string[];
  /** Pairs per round at most, a seeded sample when a rule finds more (default 200,000). */
  maxPairsPerRound?: number;
  /** A round over fewer pairs is skipped: too few to estimate anything (default 50). */
  minPairsPerRound?: number;
  /** EM iterations per round at most (default 200), and the change below which it has converged (default 1e-5). */
  iterations?: number;
  tolerance?: number;
  /** Highest prior a model may have (default 0.05). */
  priorCeiling?: number;
  seed?: number;
  pseudoCount?: number;
  trainedAt?: Date;
};

export type RoundReport = {
  rule: string;
  fixed: readonly string[];
  pairs: number;
  iterations: number;
  converged: boolean;
  matchShare: number;
  skipped: boolean;
};
export type TrainReport = {
  records: number;
  randomPairs: number;
  sampledRecords: number;
  conditionalU: ConditionalU[];
  prior: PriorEstimate;
  rounds: RoundReport[];
  notEstimated: string[];
  /** Levels no pair showed, kept from the starting model ('strong_id no_common_type'). */
  unseen: string[];
};

export type TrainOutcome =
  | { status: 'accepted'; model: Model; report: TrainReport }
  | { status: 'rejected'; candidate: Model; failures: CheckFailure[]; report: TrainReport };

const DEFAULTS = {
  randomPairs: 1_000_000, recall: 0.8, maxPairsPerRound: 200_000, minPairsPerRound: 50, iterations: 200, tolerance: 1e-5, priorCeiling: 0.05, seed: 1,
};

/**
 * Trains a model from `base` (its comparisons, thresholds and starting m) on the data.
 * @example const outcome = await trainModel(trainingDataOf(store, names), defaultModel(), defaultMatchRules());
 * if (outcome.status === 'rejected') console.error(describeFailures(outcome.failures));
 */
export async function trainModel(data: TrainingData, base: Model, rules: readonly MatchRule[], options: TrainOptions = {}): Promise<TrainOutcome> {
  const o = { ...DEFAULTS, ...options };
  const rounds = options.rounds ?? defaultRounds;
  validate(o.recall, rounds, o.randomPairs);
  const names = base.comparisons.map((c) => c.name);

  const records = await data.records();
  const random = await data.randomPairs(o.randomPairs, o.seed);
  const uOptions = { pseudoCount: o.pseudoCount ?? 1, conditional: o.conditionalU ?? true };
  let uEstimate = estimateU(base, random, uOptions);
  const prior = estimatePrior({ rulePairs: await data.pairsSharing(ruleIdentifierTypes(rules)), recall: o.recall, records, ceiling: o.priorCeiling });

  const tallies: PatternTally[] = [];
  for (const [index, rule] of rounds.entries()) tallies.push(await data.blockedPairs(rule, o.maxPairsPerRound, o.seed + index));
  let fitted = fitM(base, uEstimate.model, rounds, tallies, random, prior, o);
  if (o.refineU ?? true) {
    // Random pairs hold a few matches, which inflate the u of agreements: count each pair
    // as a non-match only as far as the first fit says it is one, then fit m again.
    const first = fitted.model;
    const nonMatch = (levels: LevelVector) => 1 - probabilityOf(scoreOf(first, levels, prior.matchProbability));
    uEstimate = estimateU(base, random, { ...uOptions, nonMatch });
    fitted = fitM(base, uEstimate.model, rounds, tallies, random, prior, o);
  }
  const { reports, unseen } = fitted;
  const estimatedBy = reports.filter((r) => !r.skipped).map((r) => r.rule);
  const report: TrainReport = {
    records, randomPairs: random.pairs, sampledRecords: random.records, conditionalU: uEstimate.conditional, prior, rounds: reports, notEstimated: notEstimated(estimatedBy, names),
    unseen: unseen.map(([c, k]) => `${names[c]} ${base.comparisons[c]!.levels[k]!.label}`),
  };
  const matchProbability = Math.min(Math.max(prior.matchProbability, 1e-12), 1 - 1e-9);
  const model = derive(base, { prior: { matchProbability }, comparisons: fitted.model.comparisons }, notesOf(base, report), o.trainedAt);
  const failures = checkModel({ model, prior: { lower: prior.lower, upper: prior.upper, rulePairs: prior.rulePairs }, rounds: reports.filter((r) => !r.skipped) });
  return failures.length === 0 ? { status: 'accepted', model, report } : { status: 'rejected', candidate: model, failures, report };
}

/**
 * m by one EM round per rule over its tally, with what it blocks on left out, averaged;
 * levels no pair showed keep the starting model's m and u.
 */
function fitM(base: Model, withU: Model, rounds: readonly string[], tallies: readonly PatternTally[], random: PatternTally, prior: PriorEstimate, o: typeof DEFAULTS & TrainOptions) {
  const names = withU.comparisons.map((c) => c.name);
  const reports: RoundReport[] = [];
  const estimates: EmRound[] = [];
  rounds.forEach((rule, index) => {
    const fixed = blockedOn(rule)!;
    const tally = tallies[index]!;
    if (tally.pairs < o.minPairsPerRound) {
      reports.push({ rule, fixed, pairs: tally.pairs, iterations: 0, converged: true, matchShare: 0, skipped: true });
      return;
    }
    // Start from the share of the block that would match if it held every matching pair.
    const start = Math.min(Math.max((prior.matchProbability * prior.allPairs) / tally.pairs, 0.01), 0.99);
    const fixedIndexes = new Set(fixed.map((name) => names.indexOf(name)));
    const round = emRound(withU, tally, fixedIndexes, start, { iterations: o.iterations, tolerance: o.tolerance, pseudoCount: o.pseudoCount });
    estimates.push(round);
    reports.push({ rule, fixed, pairs: tally.pairs, iterations: round.iterations, converged: round.converged, matchShare: round.matchShare, skipped: false });
  });
  const m = averageM(withU, estimates);
  const averaged = { ...withU, comparisons: withU.comparisons.map((comparison, c) => ({ ...comparison, levels: comparison.levels.map((level, k) => ({ ...level, m: m[c]![k]! })) })) };
  const { model, unseen } = unseenFromBase(averaged, base, levelsSeen(base.comparisons.map((c) => c.levels.length), [random, ...tallies]));
  return { model, unseen, reports };
}

/** A pattern's score in log2 odds under a model and prior; a missing level weighs 0. */
const scoreOf = (model: Model, levels: LevelVector, prior: number): number =>
  levels.reduce<number>((score, k, c) => {
    const level = k === null ? undefined : model.comparisons[c]?.levels[k];
    return level === undefined ? score : score + levelWeight(level.m, level.u);
  }, priorWeight(prior));

function validate(recall: number, rounds: readonly string[], randomPairs: number): void {
  const problems = [
    ...(recall > 0 && recall <= 1 ? [] : [`recall must be above 0 and at most 1, not ${recall}`]),
    ...(Number.isSafeInteger(randomPairs) && randomPairs > 0 ? [] : [`randomPairs must be a positive whole number, not ${randomPairs}`]),
    ...(rounds.length > 0 ? [] : ['at least one training round is needed']),
    ...rounds.filter((rule) => blockedOn(rule) === undefined).map((rule) => `'${rule}' is no blocking rule (nor identifier:TYPE)`),
  ];
  if (problems.length > 0) throw new DomainError('BAD_USER_INPUT', `invalid training options: ${problems.join('; ')}`, { clientMessage: `Invalid training options: ${problems.join('; ')}` });
}

function derive(model: Model, parameters: Pick<Model, 'prior' | 'comparisons'>, notes: string, trainedAt = new Date()): Model {
  const hash = createHash('sha256')
    .update(JSON.stringify({ base: model.version, ...parameters }))
    .digest('hex')
    .slice(0, 8);
  return { ...model, ...parameters, version: `trained-${trainedAt.toISOString().slice(0, 10)}-${hash}`, trainedAt: trainedAt.toISOString(), notes };
}

