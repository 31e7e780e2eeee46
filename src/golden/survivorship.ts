import type { Person } from '../ingest/canonical.ts';
import {
  compareText,
  legalNamesOf,
  identifiersOf,
  multiCandidates,
  pinKey,
  provenanceOf,
  singleCandidates,
  valueKey,
  type Candidate,
} from './survivorship-values.ts';

export type SingleAttribute = 'givenName' | 'middleName' | 'familyName' | 'fullName' | 'dateOfBirth' | 'organisation' | 'title';
export type MultiAttribute = 'email' | 'phone' | 'address';
export type GoldenAttribute = SingleAttribute | MultiAttribute;
export const singleAttributes: readonly SingleAttribute[] = [
  'givenName', 'middleName', 'familyName', 'fullName', 'dateOfBirth', 'organisation', 'title',
];
export const multiAttributes: readonly MultiAttribute[] = ['email', 'phone', 'address'];

export const survivorshipStrategies = ['source-priority', 'most-recent', 'most-frequent', 'first-non-empty'] as const;
export type SurvivorshipStrategy = (typeof survivorshipStrategies)[number];
/**
 * Strategies are applied in order, each narrowing the candidates; the final tie-break is the
 * record key ascending. sourceOrder (source names, first wins) replaces the sources' own
 * priority for this attribute when given; sources it does not name rank after those it does.
 */
export type AttributeRule = { strategies: SurvivorshipStrategy[]; sourceOrder?: string[] };
export type SurvivorshipConfig = {
  /** For multi attributes the rule picks the *preferred* value; every value is kept. */
  attributes: Record<GoldenAttribute, AttributeRule>;
  /** Sources whose names are legal names: kept non-collapsible as legalNames. */
  legalNameSources: string[];
};
export type GoldenSourceRecord = {
  key: string;
  /** The source's default country (ISO alpha-2), for local phone numbers when the record names no country. */
  defaultCountry?: string | null;
  source: string;
  sourceRecordId: string;
  /** Higher wins. */
  priority: number;
  /** Source clock, epoch ms; 0 = unknown. */
  updatedAt: number;
  person: Person;
};
export type Pin = { attribute: GoldenAttribute; value: string; by: string; at: string; reason: string | null };
export type Provenance = { recordKey: string; source: string; sourceRecordId: string; updatedAt: number };
export type DecidedBy = SurvivorshipStrategy | 'pinned' | 'tie-break' | 'only-value';
export type GoldenValue = {
  value: string;
  rule: DecidedBy;
  /** Null only for a pinned value no record carries. */
  from: Provenance | null;
  /** Distinct values competing. */
  candidates: number;
};
export type MultiValue = {
  value: string;
  preferred: boolean;
  /** Set on the preferred value only. */
  rule: DecidedBy | null;
  sources: Provenance[];
  /** Min and max known updatedAt of the records carrying the value; 0 when none is known. */
  firstSeen: number;
  lastSeen: number;
};
export type GoldenAddress = { lines: string[]; city: string | null; region: string | null; postcode: string | null; country: string | null };
export type AddressValue = MultiValue & { address: GoldenAddress };
export type KeptValue = { type: string; value: string; sources: Provenance[] };
export type GoldenRecord = {
  attributes: Partial<Record<SingleAttribute, GoldenValue>>;
  emails: MultiValue[];
  phones: MultiValue[];
  addresses: AddressValue[];
  /** Non-collapsible: every distinct value kept with its sources, never overwritten by another source. */
  legalNames: KeptValue[];
  identifiers: KeptValue[];
  recordCount: number;
};

const distinctKeys = (candidates: readonly Candidate[]): number => new Set(candidates.map((c) => c.key)).size;

/** Keeps the candidates whose score is highest. */
function keepBest(candidates: readonly Candidate[], score: (c: Candidate) => number): Candidate[] {
  const best = Math.max(...candidates.map(score));
  return candidates.filter((c) => score(c) === best);
}

function narrow(candidates: readonly Candidate[], strategy: SurvivorshipStrategy, rule: AttributeRule): Candidate[] {
  switch (strategy) {
    case 'source-priority': {
      const order = rule.sourceOrder;
      if (!order) return keepBest(candidates, (c) => c.record.priority);
      return keepBest(candidates, (c) => (order.includes(c.record.source) ? order.length - order.indexOf(c.record.source) : 0));
    }
    case 'most-recent':
      return keepBest(candidates, (c) => c.record.updatedAt);
    case 'most-frequent': {
      const carriers = new Map<string, Set<string>>();
      for (const c of candidates) carriers.set(c.key, (carriers.get(c.key) ?? new Set()).add(c.record.key));
      return keepBest(candidates, (c) => carriers.get(c.key)!.size);
    }
    case 'first-non-empty': {
      // 0 is an unknown clock, not the epoch: it must not make a value look first seen.
      const known = candidates.filter((c) => c.record.updatedAt > 0);
      return known.length === 0 ? [...candidates] : keepBest(known, (c) => -c.record.updatedAt);
    }
    default: {
      const unreachable: never = strategy;
      return unreachable;
    }
  }
}

/** Record key, then the value's place in its record (a source lists its primary value first). */
function byTieBreak(a: Candidate, b: Candidate): number {
  return compareText(a.record.key, b.record.key) || a.order - b.order || compareText(a.key, b.key);
}

type Decision = { winner: Candidate; rule: DecidedBy; distinct: number };

/**
 * Applies a rule's strategies in order to candidates (at least one). Narrowing goes on after
 * the value is decided, so the record it is credited to is the best one carrying it too.
 * @example decide(candidates, { strategies: ['source-priority', 'most-recent'] }) // { rule: 'most-recent', ... }
 */
function decide(candidates: readonly Candidate[], rule: AttributeRule): Decision {
  const distinct = distinctKeys(candidates);
  let decided: DecidedBy | null = distinct === 1 ? 'only-value' : null;
  let remaining = [...candidates];
  for (const strategy of rule.strategies) {
    remaining = narrow(remaining, strategy, rule);
    if (decided === null && distinctKeys(remaining) === 1) decided = strategy;
  }
  return { winner: remaining.sort(byTieBreak)[0]!, rule: decided ?? 'tie-break', distinct };
}

/** The latest pin for an attribute; several pins on one attribute should not happen, but must not depend on order. */
function pinFor(pins: readonly Pin[], attribute: GoldenAttribute): Pin | undefined {
  const time = (pin: Pin): number => Date.parse(pin.at) || 0;
  return pins
    .filter((pin) => pin.attribute === attribute)
    .sort((a, b) => time(b) - time(a) || compareText(a.value, b.value))[0];
}

function singleValue(attribute: SingleAttribute, records: readonly GoldenSourceRecord[], rule: AttributeRule, pin: Pin | undefined): GoldenValue | undefined {
  const candidates = singleCandidates(attribute, records);
  if (pin) {
    const key = valueKey(attribute, pin.value);
    const carriers = candidates.filter((c) => c.key === key);
    const from = carriers.length > 0 ? provenanceOf(decide(carriers, rule).winner.record) : null;
    const competing = distinctKeys(candidates) + (carriers.length > 0 ? 0 : 1);
    return { value: pin.value.trim(), rule: 'pinned', from, candidates: competing };
  }
  if (candidates.length === 0) return undefined;
  const decision = decide(candidates, rule);
  return { value: decision.winner.text, rule: decision.rule, from: provenanceOf(decision.winner.record), candidates: decision.distinct };
}

type BuiltValue = MultiValue & { address: GoldenAddress | null };

function multiValues(attribute: MultiAttribute, records: readonly GoldenSourceRecord[], rule: AttributeRule, pin: Pin | undefined): BuiltValue[] {
  const candidates = multiCandidates(attribute, records);
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) groups.set(c.key, [...(groups.get(c.key) ?? []), c]);
  const pinned = pin ? pinKey(attribute, pin.value, candidates, records) : null;
  const decision = !pinned && candidates.length > 0 ? decide(candidates, rule) : null;
  const preferred = pinned ? { key: pinned.key, rule: 'pinned' as const } : decision ? { key: decision.winner.key, rule: decision.rule } : null;
  const values: BuiltValue[] = [...groups.entries()].map(([key, group]) => {
    // Each value is shown as its best record wrote it (an address's own lines).
    const shown = decide(group, rule).winner;
    const carriers = [...new Map(group.map((c) => [c.record.key, c.record])).values()];
    const known = carriers.map((record) => record.updatedAt).filter((time) => time > 0);
    const isPreferred = key === preferred?.key;
    return {
      value: shown.text, preferred: isPreferred, rule: isPreferred ? (preferred?.rule ?? null) : null,
      sources: carriers.map(provenanceOf).sort((a, b) => compareText(a.recordKey, b.recordKey)),
      firstSeen: known.length > 0 ? Math.min(...known) : 0, lastSeen: known.length > 0 ? Math.max(...known) : 0,
      address: shown.address,
    };
  });
  if (pinned && !groups.has(pinned.key)) {
    values.push({ value: pinned.text, preferred: true, rule: 'pinned', sources: [], firstSeen: 0, lastSeen: 0, address: pinned.address });
  }
  return values.sort(
    (a, b) => Number(b.preferred) - Number(a.preferred) || b.lastSeen - a.lastSeen || compareText(a.value, b.value),
  );
}

const withoutAddress = ({ address: _address, ...value }: BuiltValue): MultiValue => value;
/** A pinned address no record carries has only the steward's line. */
const withAddress = ({ address, ...value }: BuiltValue): AddressValue => ({
  ...value, address: address ?? { lines: [value.value], city: null, region: null, postcode: null, country: null },
});

/**
 * The golden record of one person's source records: each single attribute decided by its
 * rule (or a pin), every email, phone and address kept with its sources and one preferred,
 * legal names and identifiers kept apart per source. Pure and independent of input order.
 * @example computeGolden([crmRecord, billingRecord], defaultSurvivorshipConfig()).attributes.familyName?.value // 'Fernwright'
 */
export function computeGolden(records: readonly GoldenSourceRecord[], config: SurvivorshipConfig, pins: readonly Pin[] = []): GoldenRecord {
  const attributes: Partial<Record<SingleAttribute, GoldenValue>> = {};
  for (const attribute of singleAttributes) {
    const value = singleValue(attribute, records, config.attributes[attribute], pinFor(pins, attribute));
    if (value) attributes[attribute] = value;
  }
  const multi = (attribute: MultiAttribute): BuiltValue[] =>
    multiValues(attribute, records, config.attributes[attribute], pinFor(pins, attribute));
  return {
    attributes,
    emails: multi('email').map(withoutAddress),
    phones: multi('phone').map(withoutAddress),
    addresses: multi('address').map(withAddress),
    legalNames: legalNamesOf(records, config.legalNameSources),
    identifiers: identifiersOf(records),
    recordCount: records.length,
  };
}

const provenanceKey = (p: Provenance | null): string => (p ? `${p.recordKey}\u0000${p.source}\u0000${p.sourceRecordId}\u0000${p.updatedAt}` : '');
const multiKey = (values: readonly MultiValue[]): string =>
  JSON.stringify(values.map((v) => [v.value, v.preferred, v.sources.map(provenanceKey)]));

/**
 * Pure diff used for the attribute history: attributes whose value or provenance changed
 * between two golden records (a value that appeared or disappeared counts). Order follows
 * singleAttributes, then multiAttributes.
 * @example changedAttributes(null, golden) // every attribute golden has a value for
 */
export function changedAttributes(before: GoldenRecord | null, after: GoldenRecord): GoldenAttribute[] {
  const changed: GoldenAttribute[] = [];
  for (const attribute of singleAttributes) {
    const a = before?.attributes[attribute];
    const b = after.attributes[attribute];
    if (a?.value !== b?.value || provenanceKey(a?.from ?? null) !== provenanceKey(b?.from ?? null)) changed.push(attribute);
  }
  const lists = (golden: GoldenRecord | null): Record<MultiAttribute, MultiValue[]> => ({
    email: golden?.emails ?? [], phone: golden?.phones ?? [], address: golden?.addresses ?? [],
  });
  const [a, b] = [lists(before), lists(after)];
  for (const attribute of multiAttributes) if (multiKey(a[attribute]) !== multiKey(b[attribute])) changed.push(attribute);
  return changed;
}
