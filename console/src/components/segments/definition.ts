/**
 * The builder's model of a segment definition, and its translation to and from the JSON the
 * API checks (src/segment/definition.ts, docs/segments.md). The server is the judge: this
 * only keeps the builder from sending what is plainly incomplete.
 */

export const attributes = [
  ['givenName', 'Given name'],
  ['familyName', 'Family name'],
  ['country', 'Country (ISO code)'],
  ['postcode', 'Postcode'],
  ['city', 'City'],
] as const;
export type Attribute = (typeof attributes)[number][0];

/** Stored as keyed hashes under field encryption: only eq and exists filter on them. */
export const hashedAttributes: readonly Attribute[] = ['givenName', 'familyName', 'postcode', 'city'];

export const interactionTypes = [
  ['order', 'Orders'],
  ['invoice', 'Invoices'],
  ['ticket', 'Tickets'],
  ['email', 'E-mail events'],
  ['web', 'Web events'],
] as const;
export type InteractionType = (typeof interactionTypes)[number][0];

export const aggregates = [
  ['lifetimeValue', 'Lifetime value'],
  ['orderCount', 'Order count'],
  ['openTickets', 'Open tickets'],
] as const;
export type Aggregate = (typeof aggregates)[number][0];

export const comparisons = [
  ['gt', 'more than'],
  ['gte', 'at least'],
  ['lt', 'less than'],
  ['lte', 'at most'],
  ['eq', 'exactly'],
] as const;
export type Comparison = (typeof comparisons)[number][0];

export type AttributeOp = 'eq' | 'startsWith' | 'exists';

/** Consent as src/privacy/consent/consent.ts names it: purposes decided per channel (or on any), and two flags. */
export const consentPurposes = [
  ['MARKETING', 'Marketing'],
  ['ANALYTICS', 'Analytics'],
  ['PROFILING', 'Profiling'],
  ['THIRD_PARTY_SHARING', 'Third-party sharing'],
] as const;
export type ConsentPurpose = (typeof consentPurposes)[number][0];

export const consentFlags = [
  ['OBJECTION', 'Objection to direct marketing'],
  ['DO_NOT_SELL', 'Do not sell or share'],
] as const;
export type ConsentFlag = (typeof consentFlags)[number][0];

/** '' is any channel (the condition names none). */
export const consentChannels = [
  ['', 'Any channel'],
  ['EMAIL', 'E-mail'],
  ['SMS', 'SMS'],
  ['PHONE', 'Phone'],
  ['POST', 'Post'],
] as const;
export type ConsentChannel = (typeof consentChannels)[number][0];

export const consentDecisions = [
  ['granted', 'granted'],
  ['denied', 'denied'],
  ['undecided', 'not decided'],
] as const;
export type ConsentDecision = (typeof consentDecisions)[number][0];

const isOneOf = <K extends string>(list: ReadonlyArray<readonly [K, string]>, v: unknown): v is K => list.some(([k]) => k === v);
export const isPurpose = (about: string): about is ConsentPurpose => isOneOf(consentPurposes, about);

type Base = { key: string; negate: boolean };
export type AttributeNode = Base & { kind: 'attribute'; attribute: Attribute; op: AttributeOp; value: string };
/** Numbers as typed (strings), so a half-typed field is not turned into 0. */
export type BehaviourNode = Base & { kind: 'behaviour'; type: InteractionType; subtype: string; category: string; min: string; max: string; withinDays: string };
export type AggregateNode = Base & { kind: 'aggregate'; aggregate: Aggregate; currency: string; op: Comparison; value: string };
/** `about` is a purpose or a flag; the purpose's channel and decision, or the flag's state, are kept side by side so switching back loses nothing. */
export type ConsentNode = Base & { kind: 'consent'; about: ConsentPurpose | ConsentFlag; channel: ConsentChannel; is: ConsentDecision; raised: boolean };
export type GroupNode = Base & { kind: 'group'; mode: 'and' | 'or'; children: BuilderNode[] };
export type ConditionNode = AttributeNode | BehaviourNode | AggregateNode | ConsentNode;
export type BuilderNode = ConditionNode | GroupNode;

let counter = 0;
const nextKey = () => `n${++counter}`;

export const newCondition = (kind: ConditionNode['kind'] | 'group'): BuilderNode => {
  const base = { key: nextKey(), negate: false };
  switch (kind) {
    case 'attribute':
      return { ...base, kind, attribute: 'familyName', op: 'eq', value: '' };
    case 'behaviour':
      return { ...base, kind, type: 'web', subtype: '', category: '', min: '1', max: '', withinDays: '30' };
    case 'aggregate':
      return { ...base, kind, aggregate: 'lifetimeValue', currency: 'GBP', op: 'gt', value: '0' };
    case 'consent':
      return { ...base, kind, about: 'MARKETING', channel: 'EMAIL', is: 'granted', raised: true };
    case 'group':
      return { ...base, kind, mode: 'or', children: [] };
  }
};

export const emptyRoot = (): GroupNode => ({ key: nextKey(), negate: false, kind: 'group', mode: 'and', children: [] });

/** A problem that keeps the definition from being sent, with the builder path of the node. */
export type Problem = { key: string; message: string };

const isInt = (s: string) => /^\d+$/.test(s.trim());
const isNumber = (s: string) => s.trim() !== '' && Number.isFinite(Number(s));

export function problemsOf(node: BuilderNode, out: Problem[] = []): Problem[] {
  const say = (message: string) => out.push({ key: node.key, message });
  switch (node.kind) {
    case 'group':
      if (node.mode === 'or' && node.children.length === 0) say('“Any of” needs at least one condition');
      node.children.forEach((c) => problemsOf(c, out));
      break;
    case 'attribute':
      if (node.op !== 'exists' && node.value.trim() === '') say('Give a value to compare with');
      break;
    case 'behaviour':
      if (!isInt(node.withinDays) || Number(node.withinDays) < 1 || Number(node.withinDays) > 3660) say('Days must be a whole number from 1 to 3660');
      if (node.min.trim() !== '' && !isInt(node.min)) say('At least must be a whole number');
      if (node.max.trim() !== '' && !isInt(node.max)) say('At most must be a whole number');
      if (isInt(node.min) && isInt(node.max) && Number(node.min) > Number(node.max)) say('At least must not exceed at most');
      break;
    case 'aggregate':
      if (!isNumber(node.value)) say('Give a number to compare with');
      if (node.aggregate === 'lifetimeValue' && !/^[A-Z]{3}$/.test(node.currency)) say('Give the currency as a three-letter code (GBP)');
      break;
    case 'consent':
      if (!isOneOf(consentPurposes, node.about) && !isOneOf(consentFlags, node.about)) say('Choose a purpose or a flag');
      else if (isPurpose(node.about) && !isOneOf(consentChannels, node.channel)) say('Choose a channel, or any channel');
      else if (isPurpose(node.about) && !isOneOf(consentDecisions, node.is)) say('Choose granted, denied or not decided');
      break;
  }
  return out;
}

const subtypeOf = (text: string): string | string[] | undefined => {
  const parts = text.split(',').map((s) => s.trim()).filter(Boolean);
  return parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : parts;
};

function leaf(node: ConditionNode): unknown {
  switch (node.kind) {
    case 'attribute':
      return node.op === 'exists' ? { attribute: node.attribute, op: 'exists' } : { attribute: node.attribute, op: node.op, value: node.value };
    case 'behaviour': {
      const subtype = subtypeOf(node.subtype);
      return {
        interactions: {
          type: node.type,
          ...(subtype !== undefined ? { subtype } : {}),
          ...(node.category.trim() ? { category: node.category.trim() } : {}),
          ...(node.min.trim() ? { min: Number(node.min) } : {}),
          ...(node.max.trim() ? { max: Number(node.max) } : {}),
          withinDays: Number(node.withinDays),
        },
      };
    }
    case 'aggregate':
      return { aggregate: node.aggregate, ...(node.aggregate === 'lifetimeValue' ? { currency: node.currency } : {}), op: node.op, value: Number(node.value) };
    case 'consent':
      return isPurpose(node.about)
        ? { consent: { purpose: node.about, ...(node.channel ? { channel: node.channel } : {}), is: node.is } }
        : { consent: { flag: node.about, raised: node.raised } };
  }
}

/** The JSON the API receives. A group of one is its child; the root with no conditions is everyone (`{and: []}`). */
export function toDefinition(node: BuilderNode, root = true): unknown {
  let out: unknown;
  if (node.kind === 'group') {
    const children = node.children.map((c) => toDefinition(c, false));
    out = children.length === 1 && !root ? children[0] : { [node.mode]: children };
  } else out = leaf(node);
  return node.negate ? { not: out } : out;
}

type Json = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A stored definition back into the builder; null when it holds something the builder does not draw. */
export function fromDefinition(def: unknown): BuilderNode | null {
  if (!isObj(def)) return null;
  const base = { key: nextKey(), negate: false };
  if ('not' in def) {
    const inner = fromDefinition(def['not']);
    return inner && { ...inner, negate: !inner.negate };
  }
  for (const mode of ['and', 'or'] as const) {
    if (Array.isArray(def[mode])) {
      const children = (def[mode] as unknown[]).map(fromDefinition);
      return children.every((c): c is BuilderNode => c !== null) ? { ...base, kind: 'group', mode, children } : null;
    }
  }
  if (typeof def['attribute'] === 'string') {
    return { ...base, kind: 'attribute', attribute: def['attribute'] as Attribute, op: (def['op'] as AttributeOp) ?? 'eq', value: str(def['value']) };
  }
  if (isObj(def['interactions'])) {
    const i = def['interactions'];
    const subtype = Array.isArray(i['subtype']) ? (i['subtype'] as unknown[]).map(str).join(', ') : str(i['subtype']);
    return { ...base, kind: 'behaviour', type: i['type'] as InteractionType, subtype, category: str(i['category']), min: str(i['min']), max: str(i['max']), withinDays: str(i['withinDays']) };
  }
  if (typeof def['aggregate'] === 'string') {
    return { ...base, kind: 'aggregate', aggregate: def['aggregate'] as Aggregate, currency: str(def['currency']) || 'GBP', op: def['op'] as Comparison, value: str(def['value']) };
  }
  if (isObj(def['consent'])) {
    // Only what the builder can draw: a value it has no option for would show as another.
    const c = def['consent'];
    const fresh = { ...base, kind: 'consent', channel: 'EMAIL', is: 'granted', raised: true } as const;
    if (isOneOf(consentFlags, c['flag']) && typeof c['raised'] === 'boolean') return { ...fresh, about: c['flag'], raised: c['raised'] };
    const channel = c['channel'] ?? '';
    if (isOneOf(consentPurposes, c['purpose']) && isOneOf(consentChannels, channel) && isOneOf(consentDecisions, c['is'])) return { ...fresh, about: c['purpose'], channel, is: c['is'] };
  }
  return null;
}

/** The root as a group, so the builder always edits a group at the top. */
export const asRoot = (node: BuilderNode): GroupNode => (node.kind === 'group' && !node.negate ? node : { ...emptyRoot(), children: [node] });

/** Replaces the node with this key anywhere in the tree. */
export function replaceNode(tree: GroupNode, key: string, next: BuilderNode | null): GroupNode {
  const walk = (node: BuilderNode): BuilderNode | null => {
    if (node.key === key) return next;
    if (node.kind !== 'group') return node;
    return { ...node, children: node.children.map(walk).filter((c): c is BuilderNode => c !== null) };
  };
  return walk(tree) as GroupNode;
}

/** A sentence for a condition, for screen readers and the summary. */
export function describe(node: BuilderNode): string {
  const not = node.negate ? 'not ' : '';
  switch (node.kind) {
    case 'group':
      return `${not}${node.mode === 'and' ? 'all' : 'any'} of ${node.children.length} condition${node.children.length === 1 ? '' : 's'}`;
    case 'attribute':
      return `${not}${labelOf(attributes, node.attribute)} ${node.op === 'exists' ? 'is known' : `${node.op === 'eq' ? 'is' : 'starts with'} “${node.value}”`}`;
    case 'behaviour': {
      const range = node.max.trim() === '0' ? 'no' : `${node.min.trim() || '1'}${node.max.trim() ? ` to ${node.max.trim()}` : ' or more'}`;
      return `${not}${range} ${labelOf(interactionTypes, node.type).toLowerCase()} in ${node.withinDays} days`;
    }
    case 'aggregate':
      return `${not}${labelOf(aggregates, node.aggregate).toLowerCase()} ${labelOf(comparisons, node.op)} ${node.value}${node.aggregate === 'lifetimeValue' ? ` ${node.currency}` : ''}`;
    case 'consent':
      if (!isPurpose(node.about)) return `${not}${labelOf(consentFlags, node.about).toLowerCase()} ${node.raised ? 'raised' : 'not raised'}`;
      return `${not}${labelOf(consentPurposes, node.about).toLowerCase()} consent ${labelOf(consentDecisions, node.is)} ${node.channel ? `on ${labelOf(consentChannels, node.channel).toLowerCase()}` : 'on any channel'}`;
  }
}

export const labelOf = <K extends string>(list: ReadonlyArray<readonly [K, string]>, key: K): string => list.find(([k]) => k === key)?.[1] ?? key;
