import { z } from 'zod';
import { DomainError } from '../../errors/domain-error.ts';
import { dateFormatProblem, timezonePattern } from './date-format.ts';
import { isRepeatable, mappingTargets, maxAddressLines, targetValueProblem } from './mapping-targets.ts';
import type { MappingTarget } from './mapping-targets.ts';

/**
 * A user-defined source: its name, trust priority and a declarative mapping from its
 * fields to the canonical model. The same JSON arrives through the GraphQL mutation and
 * as a file for the CLI, so both validate it here and see the same paths and messages.
 * Every object is strict: a misspelt key is an error rather than a silently unused field.
 */

const literal = z.string().trim().min(1).max(500);
/** A column name, or a dotted path into nested JSON ("customer.email"). */
const fieldPath = z.string().trim().min(1, 'a field name must not be empty').max(200);
const fromSchema = z.union([fieldPath, z.array(fieldPath).min(1).max(10)], {
  error: 'from must be a field name or a list of field names',
});

const dateTransform = z.strictObject({
  // Only reached outside the transform union: updatedAt takes a date transform or none.
  type: z.literal('date', 'updatedAt takes a date transform or none (then ISO 8601 with offset)'),
  format: z.string().superRefine((format, ctx) => {
    const problem = dateFormatProblem(format);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  }),
  /** Fixed offset of the wall-clock times, for instants only; UTC when absent. */
  timezone: z.string().regex(timezonePattern, 'timezone must be Z or an offset like +01:00').optional(),
});

export const transformSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('trim') }),
    z.strictObject({ type: z.literal('lowercase') }),
    z.strictObject({ type: z.literal('uppercase') }),
    z.strictObject({
      type: z.literal('split'),
      separator: z.string().min(1, 'a split separator must not be empty'),
      /** 0-based; negative counts from the end (-1 is the last part); "all" keeps every part. */
      part: z.union([z.number().int(), z.literal('all')], { error: 'part must be an integer or "all"' }),
    }),
    z.strictObject({ type: z.literal('join'), separator: z.string() }),
    dateTransform,
    z.strictObject({ type: z.literal('constant'), value: literal }),
    z.strictObject({
      type: z.literal('map'),
      /** Source code -> canonical value, matched ignoring case. */
      values: z.record(literal, literal),
      /** A value missing from `values`: kept as it is (default), dropped, or the record rejected. */
      unmatched: z.enum(['keep', 'drop', 'reject']).optional(),
    }),
  ],
  { error: 'unknown transform: use trim, lowercase, uppercase, split, join, date, constant or map' },
);
export type Transform = z.infer<typeof transformSchema>;

const targetSchema = z.enum(mappingTargets, {
  error: 'unknown target: use name.given|middle|family|full, email, phone, address.lines|city|region|postcode|country, dateOfBirth, organisation, title or identifier.<type>',
});

export const fromList = (from: string | readonly string[] | undefined): readonly string[] =>
  from === undefined ? [] : typeof from === 'string' ? [from] : from;

type Ctx = z.core.$RefinementCtx;
const issue = (ctx: Ctx, path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });

/** Rules shared by fields and the record id: how many values the mapping can yield. */
function checkValueCount(from: readonly string[], transform: Transform | undefined, single: string | undefined, ctx: Ctx) {
  if (transform?.type === 'join' && from.length < 2) issue(ctx, ['from'], 'a join needs at least two from fields');
  if (single === undefined) return;
  if (from.length > 1 && transform?.type !== 'join') {
    issue(ctx, ['from'], `${single} takes one value: give one from field or join them`);
  }
  if (transform?.type === 'split' && transform.part === 'all') {
    issue(ctx, ['transform', 'part'], `${single} takes one value: pick a part index`);
  }
}

export const fieldMappingSchema = z
  .strictObject({
    to: targetSchema,
    /** Omitted only with a constant transform. */
    from: fromSchema.optional(),
    transform: transformSchema.optional(),
    /** A canonical value used when the mapping yields nothing (the source value is empty). */
    default: literal.optional(),
    /**
     * A value that does not parse or validate (a date not in the format, a malformed
     * e-mail or phone, a country that is no code): left out of the record and kept as a
     * data-quality issue ("issue", the default), or the whole record rejected ("reject").
     */
    onInvalid: z.enum(['issue', 'reject'], { error: 'onInvalid must be "issue" or "reject"' }).optional(),
  })
  .superRefine((field, ctx) => {
    const from = fromList(field.from);
    const transform = field.transform;
    if (transform?.type === 'constant') {
      if (field.from !== undefined) issue(ctx, ['from'], 'a constant takes no from');
      const problem = targetValueProblem(field.to, transform.value);
      if (problem !== undefined) issue(ctx, ['transform', 'value'], `the constant ${problem.reason}`);
    } else if (field.from === undefined) {
      issue(ctx, ['from'], 'from is required unless the transform is a constant');
    }
    checkValueCount(from, transform, isRepeatable(field.to) ? undefined : field.to, ctx);
    if (field.to === 'address.lines' && from.length > maxAddressLines) {
      issue(ctx, ['from'], `address.lines takes at most ${maxAddressLines} lines`);
    }
    if (transform?.type === 'date' && field.to !== 'dateOfBirth') {
      issue(ctx, ['transform', 'type'], 'a date transform applies to dateOfBirth or updatedAt only');
    }
    if (field.to === 'dateOfBirth' && transform !== undefined) {
      // Any other transform would hand the canonical model an unchecked date.
      if (transform.type !== 'date') issue(ctx, ['transform', 'type'], 'dateOfBirth takes a date transform or none (then YYYY-MM-DD)');
      else if (transform.timezone !== undefined) issue(ctx, ['transform', 'timezone'], 'a timezone applies to updatedAt only: a date of birth has none');
    }
    if (transform?.type === 'map') {
      const seen = new Set<string>();
      for (const [code, value] of Object.entries(transform.values)) {
        if (seen.has(code.toLowerCase())) issue(ctx, ['transform', 'values', code], 'codes are matched ignoring case: this one repeats another');
        seen.add(code.toLowerCase());
        const problem = targetValueProblem(field.to, value);
        if (problem !== undefined) issue(ctx, ['transform', 'values', code], `the mapped value ${problem.reason}`);
      }
    }
    const defaultProblem = field.default === undefined ? undefined : targetValueProblem(field.to, field.default);
    if (defaultProblem !== undefined) issue(ctx, ['default'], `the default ${defaultProblem.reason}`);
  });
export type FieldMapping = z.infer<typeof fieldMappingSchema>;

const recordIdTransforms = new Set<Transform['type']>(['trim', 'lowercase', 'uppercase', 'split', 'join']);

export const mappingSpecSchema = z
  .strictObject({
    /** The source's name: records carry it, survivorship ranks it. Same rule as SourceService. */
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'name must be 1 to 63 lowercase letters, digits, - or _, starting with a letter or digit'),
    /** Trust priority against other sources (higher wins); built-ins use 20 to 80. */
    priority: z.number().int().min(0).max(1000),
    /** ISO 3166-1 alpha-2 region for phones and addresses that carry no country. */
    defaultCountry: z.string().regex(/^[A-Z]{2}$/, 'defaultCountry must be an ISO 3166-1 alpha-2 code like GB').optional(),
    description: z.string().trim().max(500).optional(),
    recordId: z
      .strictObject({ from: fromSchema, transform: transformSchema.optional() })
      .superRefine((id, ctx) => {
        if (id.transform !== undefined && !recordIdTransforms.has(id.transform.type)) {
          issue(ctx, ['transform', 'type'], 'a record id takes trim, lowercase, uppercase, split or join');
        }
        checkValueCount(fromList(id.from), id.transform, 'the record id', ctx);
      }),
    /** The source's clock for each record. Without it every version is dated 1970 (see mapping-adapter.ts). */
    updatedAt: z.strictObject({ from: fieldPath, transform: dateTransform.optional() }).optional(),
    fields: z.array(fieldMappingSchema).min(1, 'map at least one field'),
  })
  .superRefine((spec, ctx) => {
    const firstUse = new Map<MappingTarget, number>();
    spec.fields.forEach((field, index) => {
      const earlier = firstUse.get(field.to);
      if (earlier !== undefined && !isRepeatable(field.to)) {
        issue(ctx, ['fields', index, 'to'], `${field.to} is already mapped by fields[${earlier}] and takes one value`);
      }
      if (earlier === undefined) firstUse.set(field.to, index);
    });
  });
export type MappingSpec = z.infer<typeof mappingSpecSchema>;

/**
 * Validates a mapping from the API or a file. Throws BAD_USER_INPUT listing every
 * problem with its path (`fields.3.transform.format: ...`); `field` is the first path
 * under `at`. A spec holds configuration, not personal data, so messages may name keys.
 */
export function parseMappingSpec(input: unknown, at: ReadonlyArray<string | number> = ['spec']): MappingSpec {
  const result = mappingSpecSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`);
  const first = result.error.issues[0]?.path ?? [];
  throw new DomainError('BAD_USER_INPUT', `invalid mapping spec (${problems.length} problems)`, {
    clientMessage: `Invalid mapping: ${problems.slice(0, 20).join('; ')}`,
    field: [...at, ...first.map((key) => (typeof key === 'symbol' ? String(key) : key))],
  });
}
