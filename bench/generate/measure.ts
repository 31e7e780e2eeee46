import { normalizePostcode } from '../../src/normalize/address.ts';
import { normalizePhone } from '../../src/normalize/phone.ts';
import type { DatasetOptions, Person, SourceKind } from './dataset.ts';
import { labelledPeople, multiValueSeparator, type LabelledRow } from './labelled.ts';

/**
 * How hard a dataset is, measured on its labelled rows (what the product reads) against
 * the truth about each person. Holds a few keys per person to find shared addresses,
 * phones and names, so unlike the generator its memory grows with the people measured.
 *
 * A field of a row counts as corrupted when it holds a value other than the person's
 * true one (as written by the source's usual format: any of a phone's E.164, national,
 * international and dashed forms; the personal or the work e-mail; the current address,
 * so an old one counts; the current family name, so a maiden name counts), or when it is
 * empty in a source whose records normally carry it (`carried`). Fields a source never
 * has (a support ticket's address) and values a source never tells (the marketplace's
 * relay e-mail) do not count either way.
 */

export const measuredFields = ['given', 'family', 'email', 'phone', 'street', 'city', 'postcode', 'dob'] as const;
export type MeasuredField = (typeof measuredFields)[number];
export type Corruption = 'missing' | 'different';

/** The fields each source's records normally carry: empty there, they count as missing. */
export const carried: Record<SourceKind, readonly MeasuredField[]> = {
  crm: ['given', 'family', 'email', 'phone', 'street', 'city', 'postcode', 'dob'],
  billing: ['given', 'family', 'email', 'phone', 'street', 'city', 'postcode'],
  support: ['given', 'family', 'email'],
  web: ['given', 'family', 'email'],
  email: ['given', 'family', 'email'],
  webshop: ['given', 'family', 'email', 'street', 'city', 'postcode'],
  pos: [],
  marketplace: ['given', 'family', 'street', 'city', 'postcode'],
};

const split = (cell: string): string[] => (cell === '' ? [] : cell.split(multiValueSeparator));

/** The row's given and family name: its own columns, else read off the full name against the truth. */
function namesOf(row: LabelledRow, person: Person): { given?: boolean; family?: boolean } {
  if (row.given !== '' || row.family !== '') {
    return {
      ...(row.given === '' ? {} : { given: row.given === person.given }),
      ...(row.family === '' ? {} : { family: row.family === person.family }),
    };
  }
  const full = row.full_name;
  if (full === '') return {};
  const words = full.split(' ');
  return {
    given: words[0] === person.given,
    ...(words.length > 1 ? { family: full.endsWith(` ${person.family}`) } : {}),
  };
}

const fullStreet = (person: Person): string =>
  person.address.secondary === undefined ? person.address.street : `${person.address.street}, ${person.address.secondary}`;

/** The corrupted fields of one row of `person`, each missing or different. */
export function corruptedFields(row: LabelledRow, person: Person): Map<MeasuredField, Corruption> {
  const source = row.source as SourceKind;
  const found = new Map<MeasuredField, Corruption>();
  const check = (field: MeasuredField, present: boolean, right: boolean) => {
    if (!present) {
      if (carried[source].includes(field)) found.set(field, 'missing');
    } else if (!right) {
      found.set(field, 'different');
    }
  };
  const names = namesOf(row, person);
  check('given', names.given !== undefined, names.given === true);
  check('family', names.family !== undefined, names.family === true);
  if (source !== 'marketplace') {
    const emails = split(row.email);
    check('email', emails.length > 0, emails.every((email) => email === person.email || email === person.workEmail));
  }
  const usual = new Set(
    [person.mobile, person.landline].flatMap((phone) => (phone ? [phone.e164, phone.national, phone.international, phone.dashed] : [])),
  );
  const phones = split(row.phone);
  check('phone', phones.length > 0, phones.every((phone) => usual.has(phone)));
  check('street', row.street !== '', row.street === fullStreet(person));
  check('city', row.city !== '', row.city === person.address.city);
  check('postcode', row.postcode !== '', row.postcode === person.address.postcode);
  check('dob', row.dob !== '', row.dob === person.dateOfBirth);
  return found;
}

export type DatasetRates = {
  people: number;
  /** Rows: records that name a person. */
  records: number;
  /** Records of a person beyond their first. */
  duplicates: number;
  /** Mean corrupted fields per duplicate, and its two parts. */
  corruptedPerDuplicate: number;
  differentPerDuplicate: number;
  missingPerDuplicate: number;
  /** Share of duplicates with each field corrupted. */
  byField: Record<MeasuredField, number>;
  /** Share of records without an e-mail. */
  withoutEmail: number;
  /** Share of people whose address or home phone is also another person's. */
  household: number;
  /** The same, seen in the rows: a postcode and house number, or a phone, also in a row of another person. */
  householdInRows: number;
  /** Share of people with the full name and birth year of another person. */
  namesakes: number;
  /** Share of people who moved, and who changed family name. */
  moved: number;
  familyChange: number;
  /** Share of people with two or more records in one source. */
  sameSourceDuplicates: number;
  /** How many people have 1, 2, ... records (the last bucket is that many or more). */
  recordsPerPerson: number[];
};

/** Adds `id` under `key`; returns nothing, the caller counts keys held by several people. */
const hold = (index: Map<string, Set<string>>, key: string, id: string) => {
  const ids = index.get(key);
  if (ids === undefined) index.set(key, new Set([id]));
  else ids.add(id);
};

const sharing = (index: Map<string, Set<string>>): Set<string> => {
  const shared = new Set<string>();
  for (const ids of index.values()) if (ids.size > 1) for (const id of ids) shared.add(id);
  return shared;
};

/** Measures a dataset (see the module comment for what counts as corrupted). */
export function measureDataset(options: DatasetOptions): DatasetRates {
  let people = 0;
  let records = 0;
  let duplicates = 0;
  let withoutEmail = 0;
  let moved = 0;
  let familyChange = 0;
  let sameSource = 0;
  const corrupted = { different: 0, missing: 0 };
  const byField = Object.fromEntries(measuredFields.map((field) => [field, 0])) as Record<MeasuredField, number>;
  const recordsPerPerson = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  const homes = new Map<string, Set<string>>();
  const seenHomes = new Map<string, Set<string>>();
  const names = new Map<string, Set<string>>();

  for (const { person, rows } of labelledPeople(options)) {
    people++;
    records += rows.length;
    if (rows.length > 0) recordsPerPerson[Math.min(rows.length, recordsPerPerson.length) - 1]!++;
    if (person.previousAddress !== undefined) moved++;
    if (person.previousFamily !== undefined) familyChange++;
    const bySource = new Set<string>();
    let twice = false;
    rows.forEach((row, i) => {
      if (row.email === '') withoutEmail++;
      if (bySource.has(row.source)) twice = true;
      bySource.add(row.source);
      if (i > 0) {
        duplicates++;
        for (const [field, kind] of corruptedFields(row, person)) {
          corrupted[kind]++;
          byField[field]++;
        }
      }
      const country = row.country === '' ? undefined : row.country;
      const postcode = row.postcode === '' ? null : normalizePostcode(row.postcode, country);
      const number = /\d+/.exec(row.street)?.[0];
      if (postcode !== null && number !== undefined) hold(seenHomes, `${country}|${postcode}|${number}`, person.id);
      for (const phone of split(row.phone)) {
        const e164 = normalizePhone(phone, country);
        if (e164 !== null) hold(seenHomes, e164, person.id);
      }
    });
    if (twice) sameSource++;
    const { street, postcode, country } = person.address;
    hold(homes, `${country}|${postcode}|${street}`, person.id);
    if (person.landline !== undefined) hold(homes, person.landline.e164, person.id);
    hold(names, `${person.given}|${person.middle ?? ''}|${person.family}|${person.dateOfBirth.slice(0, 4)}`, person.id);
  }

  const share = (n: number, of: number) => (of === 0 ? 0 : n / of);
  return {
    people,
    records,
    duplicates,
    corruptedPerDuplicate: share(corrupted.different + corrupted.missing, duplicates),
    differentPerDuplicate: share(corrupted.different, duplicates),
    missingPerDuplicate: share(corrupted.missing, duplicates),
    byField: Object.fromEntries(measuredFields.map((field) => [field, share(byField[field], duplicates)])) as Record<MeasuredField, number>,
    withoutEmail: share(withoutEmail, records),
    household: share(sharing(homes).size, people),
    householdInRows: share(sharing(seenHomes).size, people),
    namesakes: share(sharing(names).size, people),
    moved: share(moved, people),
    familyChange: share(familyChange, people),
    sameSourceDuplicates: share(sameSource, people),
    recordsPerPerson,
  };
}
