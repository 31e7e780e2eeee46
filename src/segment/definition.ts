import { z } from 'zod';
import { DomainError } from '../errors/domain-error.ts';
import { consentChannels, consentFlags, consentPurposes } from '../privacy/consent/consent.ts';

/**
 * A segment definition is data: a tree of and/or/not over conditions. Only names from the
 * whitelists below reach the compiler; every value becomes a query parameter.
 */

/** Golden attributes a segment may filter on, and the Customer property each is stored in (segmentAttributesOf). */
export const segmentAttributes = {
  givenName: 'segmentGivenName',
  familyName: 'segmentFamilyName',
  country: 'segmentCountry',
  postcode: 'segmentPostcode',
  city: 'segmentCity',
} as const;
export type SegmentAttribute = keyof typeof segmentAttributes;

/** The interaction types a definition names, and the stored `Interaction.type`. */
export const interactionKinds = {
  order: 'order',
  invoice: 'invoice',
  ticket: 'ticket',
  email: 'email_event',
  web: 'web_event',
} as const;
export type InteractionKind = keyof typeof interactionKinds;

export const aggregates = ['lifetimeValue', 'orderCount', 'openTickets'] as const;
export const comparisons = ['gt', 'gte', 'lt', 'lte', 'eq'] as const;
export type Comparison = (typeof comparisons)[number];

export const MAX_DEPTH = 6;
export const MAX_CONDITIONS = 50;
const MAX_DAYS = 3660;

const text = z.string().min(1).max(200);
const count = z.number().int().min(0).max(1_000_000);

const attributeCondition = z.strictObject({
  attribute: z.enum(Object.keys(segmentAttributes) as [SegmentAttribute, ...SegmentAttribute[]]),
  op: z.enum(['eq', 'startsWith', 'exists']),
  value: text.optional(),
}).refine((c) => c.op === 'exists' || c.value !== undefined, { message: 'value is required unless op is exists', path: ['value'] });

const interactionCondition = z.strictObject({
  interactions: z
    .strictObject({
      type: z.enum(Object.keys(interactionKinds) as [InteractionKind, ...InteractionKind[]]),
      /** One subtype or several (an e-mail 'open' or 'click'). */
      subtype: z.union([text, z.array(text).min(1).max(20)]).optional(),
      category: text.optional(),
      min: count.optional(),
      max: count.optional(),
      withinDays: z.number().int().min(1).max(MAX_DAYS),
    })
    .refine((c) => c.min === undefined || c.max === undefined || c.min <= c.max, { message: 'min must not exceed max', path: ['min'] }),
});

const aggregateCondition = z
  .strictObject({
    aggregate: z.enum(aggregates),
    currency: z.string().regex(/^[A-Z]{3}$/).optional(),
    op: z.enum(comparisons),
    value: z.number().finite().min(-1e12).max(1e12),
  })
  .refine((c) => (c.aggregate === 'lifetimeValue') === (c.currency !== undefined), { message: 'currency is required for lifetimeValue only', path: ['currency'] });

/**
 * The customer's effective consent (docs/consent.md): a purpose granted, denied or not
 * decided, on one channel or on any; or a flag (objection, do-not-sell) raised. Exports
 * apply consent on their own; this selects by it (those who said no to e-mail, say).
 */
const consentCondition = z.strictObject({
  consent: z.union([
    z.strictObject({ purpose: z.enum(consentPurposes), channel: z.enum(consentChannels).optional(), is: z.enum(['granted', 'denied', 'undecided']) }),
    z.strictObject({ flag: z.enum(consentFlags), raised: z.boolean() }),
  ]),
});

export type AttributeCondition = z.infer<typeof attributeCondition>;
export type ConsentCondition = z.infer<typeof consentCondition>;
export type InteractionCondition = z.infer<typeof interactionCondition>;
export type AggregateCondition = z.infer<typeof aggregateCondition>;
export type SegmentDefinition =
  | { and: SegmentDefinition[] }
  | { or: SegmentDefinition[] }
  | { not: SegmentDefinition }
  | AttributeCondition
  | InteractionCondition
  | AggregateCondition
  | ConsentCondition;

type Path = Array<string | number>;
const bad = (path: Path, message: string): never => {
  throw new DomainError('BAD_USER_INPUT', `Invalid segment definition at ${path.join('.')}`, { clientMessage: `Invalid segment definition at ${path.join('.')}: ${message}`, field: path });
};
const leaves = { attribute: attributeCondition, interactions: interactionCondition, aggregate: aggregateCondition, consent: consentCondition } as const;

/** Dispatches on the node's own key, so an error names the field inside the branch meant, not a union's guess. */
function check(node: unknown, path: Path, depth: number, counter: { size: number }): SegmentDefinition {
  if (++counter.size > MAX_CONDITIONS || depth > MAX_DEPTH) bad(path, `a definition may nest ${MAX_DEPTH} deep and hold ${MAX_CONDITIONS} conditions`);
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return bad(path, 'expected an object');
  const keys = Object.keys(node);
  const value = (node as Record<string, unknown>)[keys[0] ?? ''];
  if (keys.length === 1 && (keys[0] === 'and' || keys[0] === 'or')) {
    const op = keys[0];
    if (!Array.isArray(value) || (op === 'or' && value.length === 0)) return bad([...path, op], op === 'or' ? 'expected a non-empty list' : 'expected a list');
    const children = (value as unknown[]).map((child, i) => check(child, [...path, op, i], depth + 1, counter));
    return op === 'and' ? { and: children } : { or: children };
  }
  if (keys.length === 1 && keys[0] === 'not') return { not: check(value, [...path, 'not'], depth + 1, counter) };
  const kind = keys.find((k): k is keyof typeof leaves => k in leaves);
  if (!kind) return bad(path, 'expected one of and, or, not, attribute, interactions, aggregate, consent');
  const parsed = leaves[kind].safeParse(node);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return bad([...path, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))], issue.message);
  }
  return parsed.data;
}

/** The definition checked, or BAD_USER_INPUT naming the path of the first bad field (never its value). */
export function parseDefinition(input: unknown, field: ReadonlyArray<string | number> = ['definition']): SegmentDefinition {
  return check(input, [...field], 1, { size: 0 });
}
