import { countries, utcOffsetOn } from './countries.ts';
import { nickname, typo, type CorruptionRates } from './corruption.ts';
import type { Address, Person } from './person.ts';
import type { Phone, PhoneStyle } from './phone.ts';
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
};

/** One payload and the source's id of the person's record it belongs to, if any. */
export type Emitted = { payload: unknown; sourceRecordId?: string };

/** The end of the synthetic history: nothing happens after it. */
export const HISTORY_END = Date.UTC(2025, 5, 30);

export type SeenName = { given: string; middle?: string; family: string };

/** The person's name as this record has it: maybe a nickname, maybe one typo. */
export function seenName(view: SourceView): SeenName {
  const { person, random, rates } = view;
  let given = random.chance(rates.nickname) ? nickname(random, person.given) : person.given;
  let family = person.family;
  if (random.chance(rates.typo)) {
    if (random.chance(0.5)) given = typo(random, given);
    else family = typo(random, family);
  }
  return person.middle === undefined ? { given, family } : { given, middle: person.middle, family };
}

/** The e-mail this record carries, or null when it has none. */
export function seenEmail(view: SourceView, workShare = 0): string | null {
  const { person, random, rates } = view;
  if (random.chance(rates.missingEmail)) return null;
  return person.workEmail !== undefined && random.chance(workShare) ? person.workEmail : person.email;
}

export function seenAddress(view: SourceView): Address {
  const { person, random } = view;
  return person.previousAddress !== undefined && random.chance(0.5) ? person.previousAddress : person.address;
}

export const phoneAs = (phone: Phone, style: PhoneStyle): string => phone[style];

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
