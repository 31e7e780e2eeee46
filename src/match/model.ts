import { z } from 'zod';
import { DomainError } from '../errors/domain-error.ts';
import { comparisonNamed } from './comparisons.ts';

/**
 * A matching model: the prior, each comparison's m and u per level, and the thresholds
 * that turn a probability into a decision. Kept in the repo as versioned JSON; every link
 * names the version that made it.
 */

const probability = z.number().gt(0).lt(1);
const levelSchema = z.object({
  label: z.string().min(1),
  m: z.number().gt(0).lte(1),
  u: z.number().gt(0).lte(1),
});
/** m and u are distributions over a comparison's levels; hand-set models may round. */
const SUM_TOLERANCE = 1e-3;

export const modelSchema = z
  .object({
    version: z.string().min(1),
    trainedAt: z.iso.datetime({ offset: true }),
    notes: z.string().optional(),
    prior: z.object({ matchProbability: probability }),
    comparisons: z.array(z.object({ name: z.string(), levels: z.array(levelSchema).min(2) })).min(1),
    thresholds: z.object({ link: probability, review: probability }),
    tf: z.object({ minimumU: z.number().gt(0).lte(1) }),
  })
  .superRefine((model, ctx) => {
    if (model.thresholds.review > model.thresholds.link) {
      ctx.addIssue({ code: 'custom', path: ['thresholds', 'review'], message: 'review threshold above link threshold' });
    }
    const seen = new Set<string>();
    model.comparisons.forEach((comparison, index) => {
      const path = ['comparisons', index];
      if (seen.has(comparison.name)) ctx.addIssue({ code: 'custom', path, message: `duplicate comparison '${comparison.name}'` });
      seen.add(comparison.name);
      const known = comparisonNamed(comparison.name);
      const labels = comparison.levels.map((level) => level.label).join(',');
      if (known === undefined) {
        ctx.addIssue({ code: 'custom', path: [...path, 'name'], message: `unknown comparison '${comparison.name}'` });
      } else if (labels !== known.levels.map((level) => level.label).join(',')) {
        ctx.addIssue({ code: 'custom', path: [...path, 'levels'], message: `levels of '${comparison.name}' must be ${known.levels.map((l) => l.label).join(', ')}` });
      }
      for (const key of ['m', 'u'] as const) {
        const sum = comparison.levels.reduce((total, level) => total + level[key], 0);
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
          ctx.addIssue({ code: 'custom', path: [...path, 'levels'], message: `${key} of '${comparison.name}' sums to ${sum}, not 1` });
        }
      }
    });
  });

export type Model = z.infer<typeof modelSchema>;
export type ModelComparison = Model['comparisons'][number];
export type ModelLevel = ModelComparison['levels'][number];

/**
 * Validates a parsed model file; throws a BAD_USER_INPUT DomainError listing the problems.
 * @example const model = loadModel(JSON.parse(readFileSync('models/default-model.json', 'utf8')));
 */
export function loadModel(json: unknown): Model {
  const parsed = modelSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new DomainError('BAD_USER_INPUT', `invalid matching model: ${problems.join('; ')}`, {
    clientMessage: `The matching model is invalid: ${problems.join('; ')}`,
  });
}

/**
 * A level's weight in bits: log2(m/u).
 * @example levelWeight(0.9, 0.0009) // ≈ 9.97
 */
export const levelWeight = (m: number, u: number): number => Math.log2(m / u);

/**
 * The prior as log2 odds.
 * @example priorWeight(0.5) // 0
 */
export const priorWeight = (matchProbability: number): number => Math.log2(matchProbability / (1 - matchProbability));

/**
 * Probability of a match from a score in log2 odds: 1 / (1 + 2^−score).
 * @example probabilityOf(0) // 0.5
 */
export const probabilityOf = (score: number): number => 1 / (1 + 2 ** -score);

export type Decision = 'link' | 'review' | 'no-link';

/**
 * What the model's thresholds make of a probability.
 * @example decide(model, 0.995) // 'link' with the default thresholds
 */
export function decide(model: Model, probability: number): Decision {
  if (probability >= model.thresholds.link) return 'link';
  return probability >= model.thresholds.review ? 'review' : 'no-link';
}
