import { z } from 'zod';
import { DomainError } from '../errors/domain-error.ts';

/**
 * What a partner may write into an enrichment namespace, as an admin declares it:
 * attribute name -> a small spec. The spec is stored as JSON in the namespace's node and
 * compiled here into a strict zod schema, so every process validates the same way.
 *
 * @example
 * compileNamespaceSpec(parseNamespaceSpec({ band: { type: 'enum', values: ['A', 'B'] } }))
 */

const flags = { required: z.boolean().optional(), description: z.string().max(200).optional() };
const bound = z.number().refine(Number.isFinite, 'must be a finite number');

export const attributeSpecSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({
      type: z.literal('enum'),
      values: z
        .array(z.string().min(1).max(50))
        .min(1, 'an enum needs at least one value')
        .max(100)
        .refine((values) => new Set(values).size === values.length, 'enum values must be distinct'),
      ...flags,
    }),
    z.strictObject({ type: z.literal('integer'), min: z.number().int().optional(), max: z.number().int().optional(), ...flags }),
    z.strictObject({ type: z.literal('number'), min: bound.optional(), max: bound.optional(), ...flags }),
    z.strictObject({ type: z.literal('string'), maxLength: z.number().int().min(1).max(1000).optional(), ...flags }),
    z.strictObject({ type: z.literal('boolean'), ...flags }),
    z.strictObject({ type: z.literal('date'), ...flags }),
  ],
  { error: 'unknown attribute type: use enum, integer, number, string, boolean or date' },
);
export type AttributeSpec = z.infer<typeof attributeSpecSchema>;

const ATTRIBUTE_NAME = /^[a-z][a-zA-Z0-9_]{0,39}$/;
export const MAX_ATTRIBUTES = 50;
const DEFAULT_MAX_LENGTH = 200;

export const namespaceSpecSchema = z
  .record(z.string().regex(ATTRIBUTE_NAME, 'attribute names are a lower-case letter then up to 39 letters, digits or _'), attributeSpecSchema)
  .superRefine((spec, ctx) => {
    const names = Object.keys(spec);
    if (names.length === 0) ctx.addIssue({ code: 'custom', message: 'a namespace needs at least one attribute' });
    if (names.length > MAX_ATTRIBUTES) ctx.addIssue({ code: 'custom', message: `a namespace has at most ${MAX_ATTRIBUTES} attributes` });
    for (const [name, attribute] of Object.entries(spec)) {
      if ((attribute.type === 'integer' || attribute.type === 'number') && attribute.min !== undefined && attribute.max !== undefined && attribute.min > attribute.max) {
        ctx.addIssue({ code: 'custom', path: [name, 'min'], message: 'min must not exceed max' });
      }
    }
  });
export type NamespaceSpec = z.infer<typeof namespaceSpecSchema>;

/** An attribute value as stored: what the compiled schema lets through. */
export type AttributeValue = string | number | boolean;
export type Attributes = Record<string, AttributeValue>;

/** The spec as an admin typed it, checked; BAD_USER_INPUT with the path of the first problem otherwise. */
export function parseNamespaceSpec(input: unknown, at: ReadonlyArray<string | number> = ['spec']): NamespaceSpec {
  const result = namespaceSpecSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`);
  const first = result.error.issues[0]?.path ?? [];
  throw new DomainError('BAD_USER_INPUT', `invalid enrichment spec (${problems.length} problems)`, {
    clientMessage: `Invalid attribute spec: ${problems.slice(0, 20).join('; ')}`,
    field: [...at, ...first.map((key) => (typeof key === 'symbol' ? String(key) : key))],
  });
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** `2024-02-30` matches the pattern but is no day of the calendar. */
function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

function schemaOf(attribute: AttributeSpec): z.ZodType<AttributeValue> {
  switch (attribute.type) {
    case 'enum':
      return z.enum(attribute.values as [string, ...string[]]);
    case 'integer':
    case 'number': {
      let schema = attribute.type === 'integer' ? z.number().int() : z.number();
      if (attribute.min !== undefined) schema = schema.min(attribute.min);
      if (attribute.max !== undefined) schema = schema.max(attribute.max);
      return schema;
    }
    case 'string':
      return z.string().trim().min(1).max(attribute.maxLength ?? DEFAULT_MAX_LENGTH);
    case 'boolean':
      return z.boolean();
    case 'date':
      return z.string().refine(isCalendarDate);
    default: {
      const unreachable: never = attribute;
      return unreachable;
    }
  }
}

/** What a valid value of the attribute looks like, for error messages (never the value sent). */
export function describeAttribute(attribute: AttributeSpec): string {
  switch (attribute.type) {
    case 'enum':
      return `must be one of ${attribute.values.join(', ')}`;
    case 'integer':
    case 'number': {
      const what = attribute.type === 'integer' ? 'an integer' : 'a number';
      if (attribute.min !== undefined && attribute.max !== undefined) return `must be ${what} from ${attribute.min} to ${attribute.max}`;
      if (attribute.min !== undefined) return `must be ${what} of at least ${attribute.min}`;
      if (attribute.max !== undefined) return `must be ${what} of at most ${attribute.max}`;
      return `must be ${what}`;
    }
    case 'string':
      return `must be text of 1 to ${attribute.maxLength ?? DEFAULT_MAX_LENGTH} characters`;
    case 'boolean':
      return 'must be true or false';
    case 'date':
      return 'must be a date as YYYY-MM-DD';
    default: {
      const unreachable: never = attribute;
      return unreachable;
    }
  }
}

export type AttributeProblem = { field: string[]; reason: string };
export type CompiledNamespace = { spec: NamespaceSpec; validate(input: unknown): { ok: true; attributes: Attributes } | { ok: false; problem: AttributeProblem } };

/** A strict zod object of the spec: unknown attributes are refused, required ones must be there. */
export function compileNamespaceSpec(spec: NamespaceSpec): CompiledNamespace {
  const shape = Object.fromEntries(Object.entries(spec).map(([name, attribute]) => [name, attribute.required ? schemaOf(attribute) : schemaOf(attribute).optional()]));
  const schema = z.strictObject(shape);
  return {
    spec,
    validate(input) {
      if (input === null || typeof input !== 'object' || Array.isArray(input)) return { ok: false, problem: { field: ['attributes'], reason: 'attributes must be a JSON object' } };
      if (Object.keys(input).length === 0) return { ok: false, problem: { field: ['attributes'], reason: 'attributes must name at least one attribute' } };
      const result = schema.safeParse(input);
      if (result.success) return { ok: true, attributes: result.data as Attributes };
      return { ok: false, problem: problemOf(spec, input as Record<string, unknown>, result.error.issues[0]!) };
    },
  };
}

function problemOf(spec: NamespaceSpec, input: Record<string, unknown>, issue: z.core.$ZodIssue): AttributeProblem {
  if (issue.code === 'unrecognized_keys') {
    const name = [...issue.keys].sort()[0]!;
    return { field: ['attributes', name], reason: 'is not an attribute of this namespace' };
  }
  const name = String(issue.path[0] ?? '');
  const attribute = spec[name];
  if (!attribute) return { field: ['attributes'], reason: 'attributes do not fit the namespace' };
  if (!(name in input)) return { field: ['attributes', name], reason: `${name} is required` };
  return { field: ['attributes', name], reason: `${name} ${describeAttribute(attribute)}` };
}
