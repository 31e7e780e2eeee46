import { normalizeEmail } from '../../normalize/email.ts';
import { identifierTypes } from '../canonical.ts';
import type { CanonicalRecordInput, IdentifierType } from '../canonical.ts';
import type { DataQualityCode } from '../data-quality.ts';
import { parseDate } from './date-format.ts';

/**
 * The canonical fields a mapping may fill, and how values land on the person. A single
 * target keeps one value per record; a repeatable one collects every value it is given
 * (several mappings, several `from` fields, or a split into parts).
 */

export const singleTargets = [
  'name.given',
  'name.middle',
  'name.family',
  'name.full',
  'address.city',
  'address.region',
  'address.postcode',
  'address.country',
  'dateOfBirth',
  'organisation',
  'title',
] as const;

export type IdentifierTarget = `identifier.${IdentifierType}`;

export const repeatableTargets: readonly ['email', 'phone', 'address.lines', ...IdentifierTarget[]] = [
  'email',
  'phone',
  'address.lines',
  ...identifierTypes.map((type) => `identifier.${type}` as const),
];

export const mappingTargets = [...singleTargets, ...repeatableTargets] as const;
export type MappingTarget = (typeof mappingTargets)[number];

export const isRepeatable = (target: MappingTarget): boolean =>
  (repeatableTargets as readonly string[]).includes(target);

/** The canonical model holds at most four address lines. */
export const maxAddressLines = 4;

const countryPattern = /^[A-Z]{2}$/;

/** Why a finished value cannot go to its target, as a data-quality code and a reason. */
export type TargetProblem = { code: DataQualityCode; reason: string };

/**
 * Why a finished value cannot go to `target`, or undefined. Only the targets whose
 * canonical form is a code, a date or an e-mail address are checked here (a phone needs
 * the record's country: mapping-adapter.ts); lengths are the canonical schema's job.
 * The reason never quotes the value: it may be personal data.
 */
export function targetValueProblem(target: MappingTarget, value: string): TargetProblem | undefined {
  if (target === 'address.country' && !countryPattern.test(value)) {
    return { code: 'INVALID_COUNTRY', reason: 'is not an ISO 3166-1 alpha-2 country code (use a map transform for names)' };
  }
  if (target === 'dateOfBirth' && parseDate(value, 'YYYY-MM-DD') === undefined) return { code: 'INVALID_DATE', reason: 'is not a date in format YYYY-MM-DD' };
  if (target === 'email' && normalizeEmail(value) === null) return { code: 'INVALID_EMAIL', reason: 'is not an e-mail address' };
  return undefined;
}

type Person = NonNullable<CanonicalRecordInput['person']>;
type Name = { given?: string; middle?: string; family?: string; full?: string };
type Address = { lines: string[]; city?: string; region?: string; postcode?: string; country?: string };

/** Collects mapped values; `person()` builds the canonical person from them. */
export function createPersonDraft() {
  const name: Name = {};
  const address: Address = { lines: [] };
  const emails: string[] = [];
  const phones: string[] = [];
  const identifiers: { type: IdentifierType; value: string }[] = [];
  const single: { dateOfBirth?: string; organisation?: string; title?: string } = {};
  // A country alone (often a mapping default) locates nobody: it makes no address.
  const locates = () => address.lines.length > 0 || [address.city, address.region, address.postcode].some((part) => part !== undefined);

  const add = (target: MappingTarget, value: string): void => {
    const [group, part] = target.split('.') as [string, string | undefined];
    if (group === 'identifier') identifiers.push({ type: part as IdentifierType, value });
    else if (group === 'email') emails.push(value);
    else if (group === 'phone') phones.push(value);
    else if (target === 'address.lines') address.lines.push(value);
    else if (group === 'name') name[part as keyof Name] = value;
    else if (group === 'address') address[part as Exclude<keyof Address, 'lines'>] = value;
    else single[group as keyof typeof single] = value;
  };

  const person = (): Person => ({
    names: Object.keys(name).length > 0 ? [name] : [],
    emails,
    phones,
    addresses: locates() ? [address] : [],
    ...single,
    identifiers,
  });

  /** The country phones are read in, as ingestion reads them: the address's, when there is an address. */
  const country = (): string | undefined => (locates() ? address.country : undefined);

  return { add, person, country };
}
