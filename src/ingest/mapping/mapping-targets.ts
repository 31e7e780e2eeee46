import { identifierTypes } from '../canonical.ts';
import type { CanonicalRecordInput, IdentifierType } from '../canonical.ts';
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

/**
 * Why a finished value cannot go to `target`, or undefined. Only the targets whose
 * canonical form is a code are checked here; lengths are the canonical schema's job.
 * The reason never quotes the value: it may be personal data.
 */
export function targetValueProblem(target: MappingTarget, value: string): string | undefined {
  if (target === 'address.country' && !countryPattern.test(value)) {
    return 'is not an ISO 3166-1 alpha-2 country code (use a map transform for names)';
  }
  if (target === 'dateOfBirth' && parseDate(value, 'YYYY-MM-DD') === undefined) return 'is not a date in format YYYY-MM-DD';
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

  const person = (): Person => {
    // A country alone (often a mapping default) locates nobody: it makes no address.
    const { lines, city, region, postcode } = address;
    const hasAddress = lines.length > 0 || [city, region, postcode].some((part) => part !== undefined);
    return {
      names: Object.keys(name).length > 0 ? [name] : [],
      emails,
      phones,
      addresses: hasAddress ? [address] : [],
      ...single,
      identifiers,
    };
  };

  return { add, person };
}
