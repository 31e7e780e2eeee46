import { Faker, base, de, en, en_GB, en_US, fr, type LocaleDefinition } from '@faker-js/faker';
import type { Random } from './random.ts';

/**
 * What differs by country: faker's locale, phone numbering, postcodes, e-mail providers,
 * currency, UTC offsets and how sources spell the country. Phone plans list number
 * ranges that libphonenumber holds valid; the generator still checks every number.
 */

export const countryCodes = ['GB', 'US', 'DE', 'FR'] as const;
export type CountryCode = (typeof countryCodes)[number];

/** A range of national significant numbers: a prefix, then `digits` subscriber digits. */
export type PhonePlan = {
  prefixes: readonly string[];
  digits: number;
  /** Lowest first subscriber digit (a US exchange starts at 2). */
  firstDigitMin?: number;
  /** Digit group sizes of the whole national significant number, for display. */
  groups: readonly number[];
};

export type CountryProfile = {
  code: CountryCode;
  callingCode: string;
  /** Prepended to the national significant number when dialled at home ('' in the US). */
  trunkPrefix: string;
  locale: LocaleDefinition[];
  /** Relative share of the population generated. */
  weight: number;
  currency: string;
  mobile: PhonePlan;
  landline: PhonePlan;
  emailProviders: readonly string[];
  companySuffix: string;
  /** How sources write the country, from the ISO code to local names. */
  countryNames: readonly string[];
  /** Standard and summer UTC offsets of the zones people live in. */
  zones: readonly (readonly [string, string])[];
  postcode(random: Random, faker: Faker): string;
  region(random: Random, faker: Faker): string | undefined;
};

const GB_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const GB_AREAS = ['SW', 'SE', 'N', 'NW', 'E', 'W', 'EC', 'WC', 'B', 'M', 'L', 'LS', 'G', 'EH', 'CF', 'BS', 'NG', 'S', 'OX', 'CB', 'BN', 'RG'];

export const countries: Record<CountryCode, CountryProfile> = {
  GB: {
    code: 'GB',
    callingCode: '44',
    trunkPrefix: '0',
    locale: [en_GB, en, base],
    weight: 0.3,
    currency: 'GBP',
    mobile: { prefixes: ['7400', '7401', '7402', '7403', '7404', '7405'], digits: 6, groups: [4, 6] },
    // London numbers: 020 then eight digits.
    landline: { prefixes: ['207', '208', '203'], digits: 7, groups: [2, 4, 4] },
    emailProviders: ['gmail.com', 'gmail.com', 'hotmail.co.uk', 'outlook.com', 'yahoo.co.uk', 'btinternet.com', 'icloud.com', 'sky.com'],
    companySuffix: 'co.uk',
    countryNames: ['GB', 'United Kingdom', 'UK', 'England'],
    zones: [['+00:00', '+01:00']],
    postcode: (r) =>
      `${r.pick(GB_AREAS)}${r.int(1, 20)} ${r.int(1, 9)}${GB_LETTERS[r.int(0, GB_LETTERS.length - 1)]}${GB_LETTERS[r.int(0, GB_LETTERS.length - 1)]}`,
    region: (r, f) => (r.chance(0.4) ? f.location.county() : undefined),
  },
  US: {
    code: 'US',
    callingCode: '1',
    trunkPrefix: '',
    locale: [en_US, en, base],
    weight: 0.3,
    currency: 'USD',
    // Area codes; the subscriber part is an exchange (200-999) and a line number.
    mobile: { prefixes: ['212', '415', '312', '617', '202', '305', '404', '512', '206', '303'], digits: 7, firstDigitMin: 2, groups: [3, 3, 4] },
    landline: { prefixes: ['602', '713', '503', '702', '704', '801', '919', '614', '716', '612'], digits: 7, firstDigitMin: 2, groups: [3, 3, 4] },
    emailProviders: ['gmail.com', 'gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'icloud.com', 'aol.com', 'comcast.net'],
    companySuffix: 'com',
    countryNames: ['US', 'USA', 'United States', 'United States of America'],
    zones: [['-05:00', '-04:00'], ['-06:00', '-05:00'], ['-08:00', '-07:00']],
    postcode: (r) => String(r.int(1001, 99950)).padStart(5, '0'),
    region: (_r, f) => f.location.state({ abbreviated: true }),
  },
  DE: {
    code: 'DE',
    callingCode: '49',
    trunkPrefix: '0',
    locale: [de, en, base],
    weight: 0.2,
    currency: 'EUR',
    mobile: { prefixes: ['151', '152', '157', '159', '160', '170', '171', '172', '176'], digits: 8, groups: [4, 7] },
    landline: { prefixes: ['30', '89', '40', '69'], digits: 8, groups: [2, 8] },
    emailProviders: ['gmail.com', 'web.de', 'gmx.de', 't-online.de', 'outlook.de', 'gmx.net', 'yahoo.de'],
    companySuffix: 'de',
    countryNames: ['DE', 'Germany', 'Deutschland', 'DEU'],
    zones: [['+01:00', '+02:00']],
    postcode: (r) => String(r.int(1067, 99998)).padStart(5, '0'),
    region: (r, f) => (r.chance(0.3) ? f.location.state() : undefined),
  },
  FR: {
    code: 'FR',
    callingCode: '33',
    trunkPrefix: '0',
    locale: [fr, en, base],
    weight: 0.2,
    currency: 'EUR',
    mobile: { prefixes: ['60', '61', '62', '63', '64', '65', '66', '67', '68'], digits: 7, groups: [1, 2, 2, 2, 2] },
    landline: { prefixes: ['1', '2', '3', '4', '5'], digits: 8, groups: [1, 2, 2, 2, 2] },
    emailProviders: ['gmail.com', 'orange.fr', 'free.fr', 'laposte.net', 'hotmail.fr', 'outlook.fr', 'sfr.fr', 'yahoo.fr'],
    companySuffix: 'fr',
    countryNames: ['FR', 'France', 'FRA'],
    zones: [['+01:00', '+02:00']],
    postcode: (r) => String(r.int(1000, 95999)).padStart(5, '0'),
    region: (r, f) => (r.chance(0.2) ? f.location.state() : undefined),
  },
};

export const countryWeights = countryCodes.map((code) => countries[code].weight);

/** The zone's offset on a day: summer time from April to October, roughly. */
export function utcOffsetOn(profile: CountryProfile, zone: number, at: Date): string {
  const [standard, summer] = profile.zones[zone % profile.zones.length]!;
  const month = at.getUTCMonth();
  return month >= 3 && month <= 9 ? summer : standard;
}
