import type { Cleaned } from './prepare.ts';

/**
 * How many true pairs (two records of one person) carry any exact, shared evidence at all,
 * after the product's normalization: the ceiling for a matcher that links only on exact
 * agreement of an identifier-like value, and a measure of how much of the recall must come
 * from fuzzy names and addresses.
 */
export const evidenceKinds = ['email', 'phone', 'loyalty', 'surnameDob', 'fullName'] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];

export type EvidenceShare = {
  truePairs: number;
  /** Pairs with each kind (a pair can have several). */
  byKind: Record<EvidenceKind, number>;
  /** Pairs with a shared e-mail, phone or loyalty number, or the same surname and date of birth. */
  any: number;
  /** `any`, or the same given name and surname. */
  anyOrFullName: number;
  /**
   * Pairs that the deterministic rules splink_run.py estimates its prior with admit (same
   * first name, surname and date of birth; same e-mail; same phone and first name, on the
   * one value per column Splink reads): their true recall, beside the one Splink is told.
   */
  priorRules: number;
  /** Pairs that splink_run.py's blocking rules for prediction admit: the ceiling of Splink's recall. */
  predictionRules: number;
};

const shares = (a: readonly string[], b: readonly string[]): boolean => a.some((value) => b.includes(value));
const same = (a: string | null, b: string | null): boolean => a !== null && a === b;

/** The kinds of evidence two records share. */
export function sharedEvidence(a: Cleaned, b: Cleaned): Set<EvidenceKind> {
  const kinds = new Set<EvidenceKind>();
  if (shares(a.emails, b.emails)) kinds.add('email');
  if (shares(a.phones, b.phones)) kinds.add('phone');
  if (shares(a.loyalty, b.loyalty)) kinds.add('loyalty');
  if (same(a.row.surname, b.row.surname) && same(a.row.dob, b.row.dob)) kinds.add('surnameDob');
  if (same(a.row.surname, b.row.surname) && same(a.row.first_name, b.row.first_name)) kinds.add('fullName');
  return kinds;
}

/** Whether splink_run.py's DETERMINISTIC_RULES admit the pair. */
export function priorRulesAdmit(a: Cleaned['row'], b: Cleaned['row']): boolean {
  return (
    (same(a.first_name, b.first_name) && same(a.surname, b.surname) && same(a.dob, b.dob)) ||
    same(a.email, b.email) ||
    (same(a.phone, b.phone) && same(a.first_name, b.first_name))
  );
}

const prefix = (value: string | null): string | null => (value === null ? null : value.slice(0, 2));

/** Whether splink_run.py's blocking_rules_to_generate_predictions admit the pair. */
export function predictionRulesAdmit(a: Cleaned['row'], b: Cleaned['row']): boolean {
  return (
    (same(a.first_name, b.first_name) && same(a.surname, b.surname)) ||
    (same(a.surname, b.surname) && same(a.dob, b.dob)) ||
    (same(a.first_name, b.first_name) && same(a.dob, b.dob)) ||
    same(a.email, b.email) ||
    same(a.phone, b.phone) ||
    (same(a.postcode, b.postcode) && same(a.surname, b.surname)) ||
    (same(a.postcode, b.postcode) && same(a.first_name, b.first_name)) ||
    same(a.loyalty, b.loyalty) ||
    (same(prefix(a.first_name), prefix(b.first_name)) && same(prefix(a.surname), prefix(b.surname)))
  );
}

/**
 * Counts over every pair of records of each person (a person's records are few, so the
 * pairs are enumerated).
 * @example evidenceShare(new Map([['p1', [a, b]]])).any // 1 when a and b share an e-mail
 */
export function evidenceShare(recordsByPerson: ReadonlyMap<string, readonly Cleaned[]>): EvidenceShare {
  const byKind = Object.fromEntries(evidenceKinds.map((kind) => [kind, 0])) as Record<EvidenceKind, number>;
  let truePairs = 0;
  let any = 0;
  let anyOrFullName = 0;
  let priorRules = 0;
  let predictionRules = 0;
  for (const records of recordsByPerson.values()) {
    for (let i = 0; i < records.length; i++) {
      for (let j = i + 1; j < records.length; j++) {
        truePairs++;
        const kinds = sharedEvidence(records[i]!, records[j]!);
        for (const kind of kinds) byKind[kind]++;
        const exact = kinds.has('email') || kinds.has('phone') || kinds.has('loyalty') || kinds.has('surnameDob');
        if (exact) any++;
        if (exact || kinds.has('fullName')) anyOrFullName++;
        if (priorRulesAdmit(records[i]!.row, records[j]!.row)) priorRules++;
        if (predictionRulesAdmit(records[i]!.row, records[j]!.row)) predictionRules++;
      }
    }
  }
  return { truePairs, byKind, any, anyOrFullName, priorRules, predictionRules };
}
