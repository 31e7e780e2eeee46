import { countries, utcOffsetOn } from './countries.ts';
import {
  dateOfBirthVariant,
  emailVariant,
  nickname,
  plain,
  postcodeVariant,
  streetVariant,
  typo,
  typoInText,
  type CorruptionRates,
} from './corruption.ts';
import type { Address, Person } from './person.ts';
import { phoneVariant, type Phone, type PhoneStyle } from './phone.ts';
import type { Random } from './random.ts';

/**
 * How one source sees one person: the helpers apply the corruption rates (a nickname, a
 * typo, a missing e-mail, an old address) and the source's formats (times, phones).
 */

export const sourceKinds = ['crm', 'billing', 'support', 'web', 'email', 'webshop', 'pos', 'marketplace'] as const;
export type SourceKind = (typeof sourceKinds)[number];

export type SourceView = {
  person: Person;
  /** This (person, source) pair's own random stream. */
  random: Random;
  rates: CorruptionRates;
  /** Every source the person appears in (a CRM keeps the loyalty card the tills see). */
  sources: ReadonlySet<SourceKind>;
  /** 0 for the person's record in this source, 1 for a second record of them made by mistake (other ids). */
  copy: number;
  /** This record's system keeps ASCII only: names and addresses lose their diacritics. */
  plain: boolean;
};

/** One payload and the source's id of the person's record it belongs to, if any. */
export type Emitted = { payload: unknown; sourceRecordId?: string };

/** The end of the synthetic history: nothing happens after it. */
export const HISTORY_END = Date.UTC(2025, 5, 30);

export type SeenName = { given: string; middle?: string; family: string };

/**
 * The person's name as a record last updated at `at` has it: the family name before a
 * change if the record is older than it, then maybe another form of the given name or
 * its initial, a typing slip, no diacritics, capitals or lower case, given and family
 * swapped.
 */
export function seenName(view: SourceView, at: number): SeenName {
  const { person, random, rates } = view;
  let family = person.previousFamily !== undefined && at < (person.familyChangedAt ?? 0) ? person.previousFamily : person.family;
  let given = random.chance(rates.nickname) ? nickname(random, person.given) : person.given;
  if (random.chance(rates.initial)) given = `${given[0]}${random.chance(0.5) ? '.' : ''}`;
  let middle = person.middle;
  if (random.chance(rates.typo)) {
    if (random.chance(0.5)) given = typo(random, given);
    else family = typo(random, family);
  }
  if (view.plain) {
    const spellOut = random.chance(0.5);
    given = plain(given, spellOut);
    family = plain(family, spellOut);
    if (middle !== undefined) middle = plain(middle, spellOut);
  }
  if (random.chance(rates.nameCase)) {
    const upper = random.chance(0.6);
    const cased = (part: string) => (upper ? part.toUpperCase() : part.toLowerCase());
    given = cased(given);
    family = cased(family);
    if (middle !== undefined) middle = cased(middle);
  }
  if (random.chance(rates.swappedNames)) [given, family] = [family, given];
  return middle === undefined ? { given, family } : { given, middle, family };
}

/** The personal e-mail a record last updated at `at` has: the old one if the person changed it after that. */
export const personalEmailAt = (person: Person, at: number): string =>
  person.previousEmail !== undefined && at < (person.emailChangedAt ?? 0) ? person.previousEmail : person.email;

/** The e-mail a record last updated at `at` carries (maybe with capitals or a slip), or null when it has none. */
export function seenEmail(view: SourceView, at: number, workShare = 0): string | null {
  const { person, random, rates } = view;
  if (random.chance(rates.missingEmail)) return null;
  const email = person.workEmail !== undefined && random.chance(workShare) ? person.workEmail : personalEmailAt(person, at);
  return random.chance(rates.emailVariant) ? emailVariant(random, email) : email;
}

/**
 * A phone as this record shows it: in the source's usual `style`, sometimes in another
 * format (one that needs the country only when the record is `located`, i.e. gives it),
 * sometimes left blank. Null for no phone.
 */
export function seenPhone(view: SourceView, phone: Phone | undefined, style: PhoneStyle, located: boolean): string | null {
  const { random, rates } = view;
  if (phone === undefined || random.chance(rates.missingValue)) return null;
  return random.chance(rates.phoneFormat) ? phoneVariant(random, phone, located) : phone[style];
}

/**
 * The address a record last updated at `at` shows: the old one if the person moved
 * after that, written the record's way (street words, postcode, a slip, no diacritics),
 * sometimes without its town or postcode.
 */
export function seenAddress(view: SourceView, at: number): Address {
  const { person, random, rates } = view;
  const home = person.previousAddress !== undefined && at < (person.movedAt ?? 0) ? person.previousAddress : person.address;
  let { street, city, postcode } = home;
  if (random.chance(rates.addressFormat)) street = streetVariant(random, home.country, street);
  if (random.chance(rates.addressFormat)) postcode = postcodeVariant(random, home.country, postcode);
  if (random.chance(rates.addressTypo)) {
    if (random.chance(0.6)) street = typoInText(random, street);
    else city = typoInText(random, city);
  }
  if (view.plain) {
    const spellOut = random.chance(0.5);
    street = plain(street, spellOut);
    city = plain(city, spellOut);
  }
  if (random.chance(rates.missingValue)) city = '';
  if (random.chance(rates.missingValue)) postcode = '';
  return { ...home, street, city, postcode };
}

/** The date of birth as this record has it: maybe with a slip, maybe blank (null). */
export function seenDateOfBirth(view: SourceView): string | null {
  const { person, random, rates } = view;
  if (random.chance(rates.missingValue)) return null;
  return random.chance(rates.dateOfBirthSlip) ? dateOfBirthVariant(random, person.dateOfBirth) : person.dateOfBirth;
}

/** How this source writes the country: the ISO code or one of its names. */
export function countryAs(view: SourceView, address: Address, codeShare: number): string {
  const names = countries[address.country].countryNames;
  return view.random.chance(codeShare) ? address.country : view.random.pick(names);
}

/** A moment of activity between `from` (default: the person's customer-since) and the end of history. */
export function momentAfter(view: SourceView, from: number = view.person.since): number {
  const start = Math.min(from, HISTORY_END - 1000);
  return start + Math.floor(view.random.next() * (HISTORY_END - start));
}

/** `n` moments of activity in time order, as a source's feed or export lists them. */
export function momentsInOrder(view: SourceView, n: number): number[] {
  const moments: number[] = [];
  for (let i = 0; i < n; i++) moments.push(momentAfter(view));
  return moments.sort((a, b) => a - b);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The person's local offset at that moment, e.g. '+01:00'. */
export function offsetAt(view: SourceView, at: number): string {
  return utcOffsetOn(countries[view.person.country], view.person.zone, new Date(at));
}

/** Wall-clock 'YYYY-MM-DD HH:mm:ss' at `offset` ('+01:00'). */
export function wallClock(at: number, offset: string): string {
  const sign = offset.startsWith('-') ? -1 : 1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const d = new Date(at + minutes * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** ISO 8601 at an offset: '2024-03-05T14:22:10+01:00' (with milliseconds when `millis`). */
export function isoAt(at: number, offset: string, millis = false): string {
  const ms = millis ? `.${pad(new Date(at).getUTCMilliseconds(), 3)}` : '';
  return `${wallClock(at, offset).replace(' ', 'T')}${ms}${offset === '+00:00' && !millis ? 'Z' : offset}`;
}

export const isoUtc = (at: number): string => new Date(at).toISOString();
export const dateOnly = (at: number): string => new Date(at).toISOString().slice(0, 10);

/** Scrambles an index into [0, space): distinct indices give distinct numbers. */
export const scramble = (index: number, space: number, multiplier = 387_420_489): number =>
  ((index % space) * (multiplier % space) + 12_345) % space;
