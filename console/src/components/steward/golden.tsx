import { graphql } from '../../gql/index.ts';
import type { StewardGoldenFragment } from '../../gql/graphql.ts';

/** The golden record as the workbench compares it: the same fields for both sides, the merge and the split. */
export const StewardGoldenFragmentDoc = graphql(`
  fragment StewardGolden on GoldenProfile {
    fullName { value }
    givenName { value }
    familyName { value }
    dateOfBirth { value }
    emails { value preferred }
    phones { value preferred }
    addresses { value postcode preferred }
    recordCount
  }
`);

export type Golden = StewardGoldenFragment | null | undefined;
export type RecordKey = { source: string; sourceRecordId: string };

/** One compared attribute: its row label and the values a golden record holds for it. */
export type Attribute = { key: string; label: string; values: (p: Golden) => string[] };

const nameOf = (p: Golden): string | null =>
  p?.fullName?.value ?? ([p?.givenName?.value, p?.familyName?.value].filter(Boolean).join(' ') || null);

export const attributes: readonly Attribute[] = [
  { key: 'name', label: 'Name', values: (p) => [nameOf(p)].filter((v): v is string => v != null) },
  { key: 'dob', label: 'Date of birth', values: (p) => (p?.dateOfBirth?.value ? [p.dateOfBirth.value] : []) },
  { key: 'emails', label: 'E-mails', values: (p) => p?.emails.map((e) => e.value) ?? [] },
  { key: 'phones', label: 'Phones', values: (p) => p?.phones.map((e) => e.value) ?? [] },
  { key: 'addresses', label: 'Addresses', values: (p) => p?.addresses.map((a) => a.value) ?? [] },
  { key: 'postcode', label: 'Postcode', values: (p) => [...new Set(p?.addresses.map((a) => a.postcode).filter((v): v is string => Boolean(v)) ?? [])] },
];

// Case and spacing are not differences ('SW1A 1AA' and 'sw1a1aa' are one postcode).
const canonical = (values: readonly string[]) => [...new Set(values.map((v) => v.toLowerCase().replace(/\s+/g, '')))].sort().join('|');

/**
 * Two sides differ when both hold values and the values are not the same set. A value one
 * side lacks is missing evidence, not a conflict, as the match model treats it.
 */
export const differs = (a: readonly string[], b: readonly string[]) => a.length > 0 && b.length > 0 && canonical(a) !== canonical(b);

export const customerName = (p: Golden, id: string) => nameOf(p) ?? id;

export const recordLabel = (r: RecordKey) => `${r.source} · ${r.sourceRecordId}`;

export function Values({ values }: { values: readonly string[] }) {
  if (values.length === 0) return <span className="muted">—</span>;
  return <>{values.map((v, i) => <div key={`${i}|${v}`}>{v}</div>)}</>;
}

/** The word a screen reader hears, and a sighted user sees beside the highlight (colour is never the only cue). */
export function DiffersTag() {
  return <span className="tag warn differs-tag">differs</span>;
}
