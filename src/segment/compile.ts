import { activityRules } from '../profile/activity.ts';
import {
  interactionKinds,
  segmentAttributes,
  type AggregateCondition,
  type AttributeCondition,
  type Comparison,
  type ConsentCondition,
  type InteractionCondition,
  type SegmentDefinition,
} from './definition.ts';
import { DomainError } from '../errors/domain-error.ts';
import type { ValueCodec } from '../privacy/codec.ts';
import { isHashedAttribute, segmentValueOf } from './attributes.ts';

/**
 * A definition as a Cypher predicate over `c` (a Customer) and the parameters it names.
 * `driver`, when set, yields the only customers that can match (`c`, each once) from the
 * interactions a required condition counts, found by an index range: a segment over a
 * window visits those customers, not the whole base. The predicate still decides.
 */
export type CompiledSegment = { predicate: string; params: Record<string, unknown>; driver: string | null };

const minimumOf = ({ interactions: i }: InteractionCondition): number => i.min ?? (i.max === undefined ? 1 : 0);

/** An interaction condition every member must meet with at least one interaction: the whole definition, or a conjunct of it. */
function requiredInteractions(node: SegmentDefinition): InteractionCondition | null {
  if ('interactions' in node) return minimumOf(node) >= 1 ? node : null;
  if ('and' in node) {
    for (const child of node.and) {
      const found = requiredInteractions(child);
      if (found) return found;
    }
  }
  return null;
}

const DAY_MS = 86_400_000;
const operators: Record<Comparison, string> = { gt: '>', gte: '>=', lt: '<', lte: '<=', eq: '=' };

// A customer's holders of activity: its records and their identifiers, each once (as ACTIVITY_OF_CUSTOMERS, which uses a UNION).
const HOLDERS = `COLLECT { MATCH (c)<-[:BELONGS_TO]-(:SourceRecord)-[:HAS_IDENTIFIER*0..1]->(h) RETURN DISTINCT h }`;

/** The interactions of a customer's holders matching `filter`, counted once each. */
// One pattern (the record itself at zero hops, or one of its identifiers) rather than a
// UNION: planning cost grows with every branch, and a new definition shape is planned
// inside the request's read limit. DISTINCT: two records sharing an identifier reach its interactions twice.
const interactionCount = (filter: string) =>
  `COUNT { MATCH (c)<-[:BELONGS_TO]-(:SourceRecord)-[:HAS_IDENTIFIER*0..1]->()-[:HAD]->(x:Interaction) WHERE ${filter} RETURN DISTINCT x }`;

class Compiler {
  readonly params: Record<string, unknown> = {};
  private next = 0;
  private readonly now: number;
  private readonly codec: ValueCodec;

  constructor(now: number, codec: ValueCodec) {
    this.now = now;
    this.codec = codec;
  }

  /** Every value goes through here: the query text only ever names `$sN`. */
  private param(value: unknown): string {
    const name = `s${this.next++}`;
    this.params[name] = value;
    return `$${name}`;
  }

  node(node: SegmentDefinition, path: ReadonlyArray<string | number>): string {
    if ('and' in node) return node.and.length === 0 ? 'true' : `(${node.and.map((n, i) => this.node(n, [...path, 'and', i])).join(' AND ')})`;
    if ('or' in node) return `(${node.or.map((n, i) => this.node(n, [...path, 'or', i])).join(' OR ')})`;
    if ('not' in node) return `(NOT ${this.node(node.not, [...path, 'not'])})`;
    if ('attribute' in node) return this.attribute(node, path);
    if ('interactions' in node) return this.interactions(node);
    if ('consent' in node) return this.consent(node);
    return this.aggregate(node);
  }

  private attribute(c: AttributeCondition, path: ReadonlyArray<string | number>): string {
    const property = `c.${segmentAttributes[c.attribute]}`;
    if (c.op === 'exists') return `(${property} IS NOT NULL)`;
    if (c.op === 'startsWith' && this.codec.opaqueTokens && isHashedAttribute(c.attribute)) {
      // A keyed hash answers equality only: a prefix of it is no prefix of the name.
      const at = [...path, 'op'];
      throw new DomainError('BAD_USER_INPUT', `Segment definition at ${at.join('.')} needs a prefix of a hashed attribute`, {
        clientMessage: `Invalid segment definition at ${at.join('.')}: ${c.attribute} is stored as a keyed hash (field encryption), so only eq and exists can filter on it, not startsWith`,
        field: at,
      });
    }
    const value = this.param(segmentValueOf(c.attribute, c.value!, this.codec));
    return c.op === 'eq' ? `(${property} = ${value})` : `(${property} STARTS WITH ${value})`;
  }

  /** The filter on `x` (an Interaction) a condition counts. */
  interactionFilter({ interactions: i }: InteractionCondition): string {
    const filters = [`x.type = ${this.param(interactionKinds[i.type])}`, `x.occurredAt >= ${this.param(this.now - i.withinDays * DAY_MS)}`];
    if (i.subtype !== undefined) {
      const subtypes = (Array.isArray(i.subtype) ? i.subtype : [i.subtype]).map((s) => s.toLowerCase());
      filters.push(`toLower(x.subtype) IN ${this.param(subtypes)}`);
    }
    if (i.category !== undefined) filters.push(`toLower(x.category) = ${this.param(i.category.toLowerCase())}`);
    // Cancelled orders are no orders, as the activity summary counts them.
    if (i.type === 'order') filters.push(`NOT coalesce(toLower(x.status), '') IN ${this.param([...activityRules.voidOrderStatuses])}`);
    return filters.join(' AND ');
  }

  private interactions(condition: InteractionCondition): string {
    const i = condition.interactions;
    const count = interactionCount(this.interactionFilter(condition));
    const min = minimumOf(condition);
    return i.max === undefined ? `(${count} >= ${this.param(min)})` : `(${this.param(min)} <= ${count} <= ${this.param(i.max)})`;
  }

  /** Over the effective consent the Customer carries (consentGranted/-Denied keys 'PURPOSE:CHANNEL', and the flags). */
  private consent({ consent: c }: ConsentCondition): string {
    if ('flag' in c) {
      const property = c.flag === 'OBJECTION' ? 'c.consentObjection' : 'c.consentDoNotSell';
      return `(coalesce(${property}, false) = ${this.param(c.raised)})`;
    }
    // A channel names its slot; without one, any channel of the purpose (or its channel-less slot) answers.
    const holds = (list: string) =>
      c.channel === undefined
        ? `any(k IN coalesce(${list}, []) WHERE k STARTS WITH ${this.param(`${c.purpose}:`)})`
        : `(${this.param(`${c.purpose}:${c.channel}`)} IN coalesce(${list}, []))`;
    if (c.is === 'granted') return `(${holds('c.consentGranted')})`;
    if (c.is === 'denied') return `(${holds('c.consentDenied')})`;
    return `(NOT ${holds('c.consentGranted')} AND NOT ${holds('c.consentDenied')})`;
  }

  private aggregate(a: AggregateCondition): string {
    const op = operators[a.op];
    const value = this.param(a.value);
    switch (a.aggregate) {
      case 'lifetimeValue': {
        const currency = this.param(a.currency);
        return `(reduce(s = 0.0, h IN ${HOLDERS} | s + reduce(t = 0.0, k IN range(0, size(coalesce(h.activityCurrencies, [])) - 1) | t + CASE WHEN h.activityCurrencies[k] = ${currency} THEN h.activityValues[k] ELSE 0.0 END)) ${op} ${value})`;
      }
      case 'orderCount':
        return `(reduce(s = 0, h IN ${HOLDERS} | s + coalesce(h.activityOrders, 0)) ${op} ${value})`;
      case 'openTickets':
        return `(reduce(s = 0, h IN ${HOLDERS} | s + coalesce(h.activityOpenTickets, 0)) ${op} ${value})`;
    }
  }
}

/**
 * Compiles a checked definition to one predicate over `c`. `now` (epoch ms) anchors the
 * windows, so the same definition compiles the same way in a test. Values compared with
 * hashed attributes go through the codec as the stored properties did; a condition the
 * stored form cannot answer is BAD_USER_INPUT at its path under `field`.
 * @example compileSegment({ attribute: 'country', op: 'eq', value: 'GB' }, 0, plainCodec) // { predicate: '(c.segmentCountry = $s0)', params: { s0: 'GB' }, driver: null }
 */
export function compileSegment(definition: SegmentDefinition, now: number, codec: ValueCodec, field: ReadonlyArray<string | number> = ['definition']): CompiledSegment {
  const compiler = new Compiler(now, codec);
  const predicate = compiler.node(definition, field);
  const required = requiredInteractions(definition);
  // The record itself at zero hops, or the identifier the interaction hangs off, then its records' customer.
  const driver = required
    ? `MATCH (x:Interaction) USING INDEX x:Interaction(type, occurredAt) WHERE ${compiler.interactionFilter(required)}
MATCH (x)<-[:HAD]-(h)<-[:HAS_IDENTIFIER*0..1]-(:SourceRecord)-[:BELONGS_TO]->(c:Customer)
WITH DISTINCT c`
    : null;
  return { predicate, params: compiler.params, driver };
}
