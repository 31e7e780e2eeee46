import { normalizePhone } from '../../src/normalize/phone.ts';
import type { CountryProfile, PhonePlan } from './countries.ts';
import type { Random } from './random.ts';

/** A generated number and the ways sources write it. */
export type Phone = {
  e164: string;
  /** As dialled at home: '07400 123456', '(212) 555-0142', '06 12 34 56 78'. */
  national: string;
  /** '+44 7400 123456'. */
  international: string;
  /** '+44-7400-123456'. */
  dashed: string;
};

export type PhoneStyle = keyof Phone;

const subscriberSpace = (plan: PhonePlan) => (10 - (plan.firstDigitMin ?? 0)) * 10 ** (plan.digits - 1);

/**
 * A subscriber number unique to `slot` (a person index): an affine map modulo the plan's
 * number space is a bijection when the multiplier shares no factor with it (the space is
 * made of 2s and 5s, so any odd multiplier not ending in 5 does), so no two people get
 * the same number by chance; shared numbers are only ever made on purpose (households).
 */
function subscriber(plan: PhonePlan, slot: number, multiplier: number, offset: number): string {
  const space = subscriberSpace(plan);
  const n = (((slot % space) * multiplier) % space + offset) % space;
  const unit = 10 ** (plan.digits - 1);
  const first = (plan.firstDigitMin ?? 0) + Math.floor(n / unit);
  return `${first}${String(n % unit).padStart(plan.digits - 1, '0')}`;
}

function grouped(nsn: string, groups: readonly number[]): string[] {
  const parts: string[] = [];
  let at = 0;
  for (const size of groups) {
    parts.push(nsn.slice(at, at + size));
    at += size;
  }
  return parts;
}

function formats(profile: CountryProfile, plan: PhonePlan, nsn: string): Phone {
  const parts = grouped(nsn, plan.groups);
  const cc = profile.callingCode;
  const national =
    profile.code === 'US'
      ? `(${parts[0]}) ${parts[1]}-${parts[2]}`
      : `${profile.trunkPrefix}${parts[0]} ${parts.slice(1).join(' ')}`;
  return {
    e164: `+${cc}${nsn}`,
    national,
    international: `+${cc} ${parts.join(' ')}`,
    dashed: `+${cc}-${parts.join('-')}`,
  };
}

/**
 * A valid number of the plan for `slot`: each candidate is checked with the product's own
 * `normalizePhone`, and an invalid one is replaced by the same subscriber number under
 * another prefix.
 */
export function makePhone(
  profile: CountryProfile,
  plan: PhonePlan,
  slot: number,
  key: { multiplier: number; offset: number },
  random: Random,
): Phone {
  const sub = subscriber(plan, slot, key.multiplier, key.offset);
  let prefix = random.pick(plan.prefixes);
  for (let attempt = 0; attempt < 20; attempt++) {
    const nsn = `${prefix}${sub}`;
    if (normalizePhone(`+${profile.callingCode}${nsn}`) !== null) return formats(profile, plan, nsn);
    prefix = plan.prefixes[(plan.prefixes.indexOf(prefix) + 1) % plan.prefixes.length]!;
  }
  throw new Error(`No valid ${profile.code} number for subscriber slot ${slot}: check the phone plan's prefixes`);
}

/**
 * The number in a format sources do not usually use ('+44 (0)7400 123456', '+1.212.555.0142',
 * and when the record gives its country also '07400123456', '0151/1234567', '06.12.34.56.78',
 * '212-555-0142', '0044 7400 123456'). Every one still normalizes (see the dataset tests).
 */
export function phoneVariant(random: Random, phone: Phone, located: boolean): string {
  const [, ...international] = phone.international.split(' ');
  const cc = phone.international.slice(1, phone.international.indexOf(' '));
  const national = phone.national.replace(/[()]/g, '').split(/[\s-]+/);
  const us = cc === '1';
  const variants = [
    us ? `+1 (${international[0]}) ${international[1]}-${international[2]}` : `+${cc} (0)${international.join(' ')}`,
    `+${cc}.${international.join('.')}`,
    `+${cc} ${international.join('')}`,
  ];
  if (located) {
    variants.push(national.join(''), national.join('-'), national.join('.'));
    if (us) variants.push(`1-${national.join('-')}`);
    else variants.push(`00${cc} ${international.join(' ')}`);
    if (cc === '49') variants.push(`${national[0]}/${national.slice(1).join('')}`);
  }
  const usual = new Set([phone.e164, phone.national, phone.international, phone.dashed]);
  return random.pick(variants.filter((variant) => !usual.has(variant)));
}
