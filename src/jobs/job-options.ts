import { z } from 'zod';
import { DomainError } from '../errors/domain-error.ts';

/** RESOLVE_ALL: `force` applies a change beyond the RESOLVE_MAX_* bounds, as resolveAll(force: true). */
export const resolveAllOptions = z.strictObject({ force: z.boolean().default(false) });

/** TRAIN: the training options worth choosing per run (train.ts); the rest keep their defaults. */
export const trainOptions = z.strictObject({
  randomPairs: z.number().int().min(1_000).max(10_000_000).optional(),
  seed: z.number().int().min(0).optional(),
  recall: z.number().gt(0).max(1).optional(),
});

/** REFRESH_VIEW takes no options: it brings every stale customer to the current view version. */
export const refreshViewOptions = z.strictObject({});

/** ROTATE_KEYS: `plaintext` also encrypts values stored before encryption (the upgrade); `window` ids a page looks at. */
export const rotateKeysOptions = z.strictObject({
  plaintext: z.boolean().default(false),
  window: z.number().int().min(10).max(100_000).default(5_000),
});

/**
 * A job's options parsed by its kind's schema; the first problem is BAD_USER_INPUT at
 * `options.<field>`.
 * @example parseJobOptions(resolveAllOptions, { force: true }) // { force: true }
 */
export function parseJobOptions<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = issue.code === 'unrecognized_keys' ? [issue.keys[0] ?? ''] : issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const where = ['options', ...path].join('.');
  throw new DomainError('BAD_USER_INPUT', `Bad job options at ${where}`, {
    clientMessage: issue.code === 'unrecognized_keys' ? `${where} is not an option of this kind of job` : `${where}: ${issue.message}`,
    field: ['options', ...path],
  });
}
