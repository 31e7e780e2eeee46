import {
  consentChannels,
  consentFlags,
  consentPurposes,
  isFlag,
  isRestrictive,
  type ConsentChannel,
  type ConsentDecision,
  type ConsentTopic,
  type ConsentValue,
} from './consent.ts';

/**
 * The effective consent of a customer, from the decisions of all its records and the
 * decisions recorded on it directly (docs/consent.md). Pure: the golden refresh, a direct
 * decision and the tests all compute it here, from the full history, every time.
 *
 * A slot is (topic, channel): every purpose on every channel and on "every channel"
 * (channel null, the purpose-wide slot), and each flag (no channel).
 */

/** The effective state of one slot and the decision that decided it. */
export type EffectiveSlot = { topic: ConsentTopic; channel: ConsentChannel | null; value: ConsentValue; decisionId: string; givenAt: number; source: string };

export type EffectiveConsent = { slots: EffectiveSlot[] };

/**
 * How decisions of different streams (records, direct decisions) combine for a topic.
 * - 'restrictive': a DENIED (or a raised flag) of any stream wins over a GRANTED (or a
 *   lifted flag) of another, unless that grant was given later and either comes from the
 *   same source as the denial (the same system heard the subject change their mind, e.g.
 *   a re-subscription on the same mailing platform) or was recorded directly on the
 *   customer (a privacy officer or the source key, speaking for the customer as a whole).
 *   A denial reported by one system is never undone by what another system remembers.
 * - 'latest': the latest decision of any stream by givenAt wins: analytics consent is a
 *   choice made per device or session, and the newest choice is the subject's wish.
 */
export type MergeRule = 'restrictive' | 'latest';
export const mergeRules: Readonly<Record<ConsentTopic, MergeRule>> = {
  MARKETING: 'restrictive',
  THIRD_PARTY_SHARING: 'restrictive',
  // Profiling can have legal or similar effects (Art. 22): treated as marketing.
  PROFILING: 'restrictive',
  ANALYTICS: 'latest',
  OBJECTION: 'restrictive',
  DO_NOT_SELL: 'restrictive',
};

/** A record's decisions are one stream (all its versions); so are the decisions recorded directly on one customer id. */
const streamOf = (d: ConsentDecision): string => (d.origin.kind === 'record' ? `record:${d.origin.recordKey}` : `direct:${d.origin.customerId}`);

/**
 * The order of precedence: later givenAt first. Ties (the same instant) are broken, in
 * this order, by: the restrictive value first (when in doubt, do not contact), the
 * channel-specific decision before the purpose-wide one (it is the more precise
 * statement), the later arrival, and finally the decision id, so that every process
 * computes the same answer.
 */
export function precedence(a: ConsentDecision, b: ConsentDecision): number {
  return (
    b.givenAt - a.givenAt ||
    Number(isRestrictive(b.value)) - Number(isRestrictive(a.value)) ||
    Number(b.channel !== null) - Number(a.channel !== null) ||
    b.receivedAt - a.receivedAt ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

const first = (decisions: readonly ConsentDecision[]): ConsentDecision | undefined => [...decisions].sort(precedence)[0];

/** Whether a later permissive decision `p` undoes the restrictive `r` of another stream (see MergeRule). */
const undoes = (p: ConsentDecision, r: ConsentDecision): boolean => p.givenAt > r.givenAt && (p.origin.kind === 'direct' || p.source === r.source);

/**
 * The deciding decision of one slot. A purpose-wide decision counts on every channel: the
 * candidates of (MARKETING, EMAIL) are the MARKETING decisions on EMAIL and those on no
 * channel; the purpose-wide slot itself takes only purpose-wide decisions.
 */
export function decideSlot(decisions: readonly ConsentDecision[], topic: ConsentTopic, channel: ConsentChannel | null): ConsentDecision | undefined {
  const candidates = decisions.filter((d) => d.topic === topic && (d.channel === null || d.channel === channel));
  // Rule 1: within a stream, the latest by givenAt (not by arrival).
  const byStream = new Map<string, ConsentDecision[]>();
  for (const d of candidates) byStream.set(streamOf(d), [...(byStream.get(streamOf(d)) ?? []), d]);
  const latest = [...byStream.values()].map((list) => first(list)!);
  if (mergeRules[topic] === 'latest') return first(latest);
  // Rule 2: across streams, the most restrictive, unless undone (MergeRule).
  const restrictive = latest.filter((d) => isRestrictive(d.value));
  if (restrictive.length === 0) return first(latest);
  const permissive = latest.filter((d) => !isRestrictive(d.value)).sort(precedence);
  return permissive.find((p) => restrictive.every((r) => undoes(p, r))) ?? first(restrictive);
}

const slotsOf = (): Array<[ConsentTopic, ConsentChannel | null]> => [
  ...consentPurposes.flatMap((purpose) => [null, ...consentChannels].map((channel): [ConsentTopic, ConsentChannel | null] => [purpose, channel])),
  ...consentFlags.map((flag): [ConsentTopic, ConsentChannel | null] => [flag, null]),
];

/**
 * Every slot that has a deciding decision. A slot without one is absent: "no decision",
 * which exports read as not consented for marketing (ConsentSettings).
 *
 * @example effectiveConsent([]).slots // []
 */
export function effectiveConsent(decisions: readonly ConsentDecision[]): EffectiveConsent {
  const slots: EffectiveSlot[] = [];
  for (const [topic, channel] of slotsOf()) {
    const d = decideSlot(decisions, topic, channel);
    if (d) slots.push({ topic, channel, value: d.value, decisionId: d.id, givenAt: d.givenAt, source: d.source });
  }
  return { slots };
}

/** A slot's key as stored on the Customer: 'MARKETING:EMAIL', 'THIRD_PARTY_SHARING:*', 'OBJECTION:*'. */
export const slotKey = (topic: ConsentTopic, channel: ConsentChannel | null): string => `${topic}:${channel ?? '*'}`;

/** What the Customer node carries, so exports and webhooks filter without reading history. */
export type CustomerConsentRow = { granted: string[]; denied: string[]; objection: boolean; doNotSell: boolean; state: string };

export function customerConsentRow(effective: EffectiveConsent): CustomerConsentRow {
  const keys = (wanted: (v: ConsentValue) => boolean) =>
    effective.slots.filter((s) => !isFlag(s.topic) && wanted(s.value)).map((s) => slotKey(s.topic, s.channel));
  const flag = (topic: ConsentTopic) => effective.slots.some((s) => s.topic === topic && s.value === 'RAISED');
  return {
    granted: keys((v) => v === 'GRANTED'),
    denied: keys((v) => v === 'DENIED'),
    objection: flag('OBJECTION'),
    doNotSell: flag('DO_NOT_SELL'),
    state: JSON.stringify(effective.slots),
  };
}
