import { defaultCorruption, type CorruptionRates } from './corruption.ts';
import { PersonFactory, type Person } from './person.ts';
import { Random } from './random.ts';
import { billingPayloads } from './sources/billing.payloads.ts';
import { crmPayloads } from './sources/crm.payloads.ts';
import { emailPayloads } from './sources/email.payloads.ts';
import { marketplacePayloads } from './sources/marketplace.payloads.ts';
import { posPayloads } from './sources/pos.payloads.ts';
import { supportPayloads } from './sources/support.payloads.ts';
import { webPayloads } from './sources/web.payloads.ts';
import { webshopPayloads } from './sources/webshop.payloads.ts';
import { sourceKinds, type Emitted, type SourceKind, type SourceView } from './views.ts';

export { sourceKinds, type SourceKind } from './views.ts';
export { defaultCorruption, mildCorruption, type CorruptionRates } from './corruption.ts';
export type { Person } from './person.ts';

/** One payload in its source's own shape, with the truth the product never sees. */
export type GeneratedRecord = {
  source: SourceKind;
  payload: unknown;
  truth: {
    personId: string;
    /**
     * The source's id of the person's record this payload belongs to (the account number
     * for an invoice, the user id for a logged-in web event); absent for anonymous web
     * activity, which only a cookie or device id ties to the person.
     */
    sourceRecordId?: string;
  };
};

export type DatasetOptions = {
  people: number;
  seed: number;
  /** Index of the first person (default 0): a later range makes people, ids and payloads not in an earlier one. */
  firstPerson?: number;
  /** Only these sources' payloads (default: all); the people are the same either way. */
  sources?: readonly SourceKind[];
  /** Overrides of the default (hard) corruption rates; pass `mildCorruption` for a well-kept estate. */
  corruption?: Partial<CorruptionRates>;
};

/** How many sources a person is in, 1 to 8: most in one or two, a long tail in five or more. */
const SOURCE_COUNT_WEIGHTS = [0.42, 0.25, 0.13, 0.08, 0.05, 0.035, 0.02, 0.015];

/** How likely each source is to know a person, in `sourceKinds` order. */
const SOURCE_WEIGHTS: Record<SourceKind, number> = {
  crm: 0.12, billing: 0.07, support: 0.1, web: 0.16, email: 0.17, webshop: 0.18, pos: 0.11, marketplace: 0.09,
};

const MEMBERSHIP_STREAM = 3;
const SOURCE_STREAM = 4;
const DUPLICATE_STREAM = 8;

/** The sources a person appears in, drawn without replacement by weight. */
export function membershipOf(seed: number, index: number): Set<SourceKind> {
  const random = new Random([seed, index, MEMBERSHIP_STREAM]);
  const count = 1 + random.weighted(SOURCE_COUNT_WEIGHTS);
  const left = [...sourceKinds];
  const chosen = new Set<SourceKind>();
  while (chosen.size < count) {
    const i = random.weighted(left.map((kind) => SOURCE_WEIGHTS[kind]));
    chosen.add(left[i]!);
    left.splice(i, 1);
  }
  return chosen;
}

function payloadsOf(kind: SourceKind, view: SourceView, seed: number): Iterable<Emitted> {
  switch (kind) {
    case 'crm':
      return crmPayloads(view);
    case 'billing':
      return billingPayloads(view);
    case 'support':
      return supportPayloads(view);
    case 'web':
      return webPayloads(view, seed);
    case 'email':
      return emailPayloads(view, seed);
    case 'webshop':
      return webshopPayloads(view);
    case 'pos':
      return posPayloads(view);
    case 'marketplace':
      return marketplacePayloads(view, seed);
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

/** One person's truth and every payload of theirs, in source order. */
export type GeneratedPerson = { person: Person; records: GeneratedRecord[] };

/**
 * Streams the people of a dataset one at a time, each with the truth about them and
 * their payloads in every source they appear in (a source holds a second record of the
 * person at the `duplicateRecord` rate; the till system never does, its receipts hang off
 * the loyalty card). Deterministic: the same options give the same people and records in
 * the same order. Memory stays flat except for the set of e-mail addresses handed out (to
 * keep them unique), about 50 bytes a person.
 */
export function* generatePeople(options: DatasetOptions): Generator<GeneratedPerson> {
  const { people, seed } = options;
  const first = options.firstPerson ?? 0;
  const rates: CorruptionRates = { ...defaultCorruption, ...options.corruption };
  const wanted = new Set<SourceKind>(options.sources ?? sourceKinds);
  const factory = new PersonFactory(seed, rates);
  for (let index = first; index < first + people; index++) {
    const sources = membershipOf(seed, index);
    // Only the CRM and billing show a home phone (households share theirs either way).
    const person: Person = factory.create(index, sources.has('crm') || sources.has('billing'));
    const records: GeneratedRecord[] = [];
    for (const [k, kind] of sourceKinds.entries()) {
      if (!sources.has(kind)) continue;
      const copies = kind !== 'pos' && new Random([seed, index, DUPLICATE_STREAM, k]).chance(rates.duplicateRecord) ? 2 : 1;
      if (!wanted.has(kind)) continue;
      for (let copy = 0; copy < copies; copy++) {
        const random = new Random(copy === 0 ? [seed, index, SOURCE_STREAM, k] : [seed, index, SOURCE_STREAM, k, copy]);
        const view: SourceView = { person, random, rates, sources, copy, plain: random.chance(rates.plainText) };
        for (const emitted of payloadsOf(kind, view, seed)) {
          records.push({
            source: kind,
            payload: emitted.payload,
            truth: emitted.sourceRecordId === undefined
              ? { personId: person.id }
              : { personId: person.id, sourceRecordId: emitted.sourceRecordId },
          });
        }
      }
    }
    yield { person, records };
  }
}

/**
 * Streams a synthetic multi-source dataset, person by person: each person's payloads in
 * every source they appear in, each paired with the truth. Deterministic: the same
 * options give the same records in the same order. Memory stays flat except for the set
 * of e-mail addresses handed out (to keep them unique), about 50 bytes a person.
 * @example
 * for (const { source, payload } of generateDataset({ people: 1000, seed: 7 })) send(source, payload);
 */
export function* generateDataset(options: DatasetOptions): Generator<GeneratedRecord> {
  for (const { records } of generatePeople(options)) yield* records;
}
