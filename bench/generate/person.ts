import { Faker } from '@faker-js/faker';
import { countries, countryCodes, countryWeights, type CountryCode, type CountryProfile } from './countries.ts';
import { ascii, type CorruptionRates } from './corruption.ts';
import { makePhone, type Phone } from './phone.ts';
import { poolsFor, streetLine, type Pools } from './pools.ts';
import { Random } from './random.ts';

export type Address = {
  street: string;
  secondary?: string;
  city: string;
  region?: string;
  postcode: string;
  country: CountryCode;
};

/** The truth about one synthetic person; sources each show a part of it, imperfectly. */
export type Person = {
  /** The ground-truth id, `p<index>`: never sent to the product. */
  id: string;
  index: number;
  country: CountryCode;
  /** Index into the country's time zones. */
  zone: number;
  given: string;
  middle?: string;
  family: string;
  dateOfBirth: string;
  email: string;
  workEmail?: string;
  mobile: Phone;
  landline?: Phone;
  address: Address;
  /** Set for people who moved; some sources still hold it. */
  previousAddress?: Address;
  organisation?: string;
  jobTitle?: string;
  /** When the person became a customer (epoch ms); their activity comes after. */
  since: number;
};

const PERSON_STREAM = 1;
const DECISION_STREAM = 2;
const LANDLINE_STREAM = 5;
const MOBILE_KEY = { multiplier: 7_654_321, offset: 1_234_567 };
const LANDLINE_KEY = { multiplier: 3_141_593, offset: 2_718_281 };
const DAY = 86_400_000;
const BORN_FROM = Date.UTC(1940, 0, 1);
const BORN_TO = Date.UTC(2006, 11, 31);
const SINCE_FROM = Date.UTC(2019, 0, 1);
const SINCE_TO = Date.UTC(2024, 5, 30);

/**
 * Makes people from (seed, index). Each person's faker draws come from a stream seeded by
 * the dataset seed and the index, so person 17 is the same whichever people are made
 * before it; only e-mail uniqueness looks back (the set of addresses already handed out).
 */
export class PersonFactory {
  private readonly seed: number;
  private readonly rates: CorruptionRates;
  private readonly random = new Random();
  private readonly fakers: Record<CountryCode, Faker>;
  private readonly pools: Record<CountryCode, Pools>;
  private readonly emails = new Set<string>();

  constructor(seed: number, rates: CorruptionRates) {
    this.seed = seed;
    this.rates = rates;
    // faker calls the randomizer's methods detached, so they are wrapped, not passed bound.
    const randomizer = { next: () => this.random.next(), seed: (s: number | number[]) => this.random.seed(s) };
    const fakerFor = (code: CountryCode) => new Faker({ locale: countries[code].locale, randomizer });
    this.fakers = { GB: fakerFor('GB'), US: fakerFor('US'), DE: fakerFor('DE'), FR: fakerFor('FR') };
    const poolOf = (code: CountryCode) => poolsFor(seed, code, this.fakers[code], this.random);
    this.pools = { GB: poolOf('GB'), US: poolOf('US'), DE: poolOf('DE'), FR: poolOf('FR') };
  }

  /**
   * The person at `index`. Checking a phone number costs more than the rest of a person,
   * so a home phone is made only when `withLandline` says a source will show it; whether
   * the person has one, and which, does not depend on that.
   */
  create(index: number, withLandline = true): Person {
    const person = this.core(index, withLandline);
    const decide = new Random([this.seed, index, DECISION_STREAM]);
    let email = person.email;
    while (this.emails.has(email)) {
      const at = email.indexOf('@');
      email = `${email.slice(0, at)}${decide.int(1, 99)}${email.slice(at)}`;
    }
    this.emails.add(email);
    person.email = email;

    if (decide.chance(this.rates.moved)) {
      const faker = this.fakers[person.country];
      this.random.seed([this.seed, index, PERSON_STREAM, 1]);
      person.previousAddress = this.address(countries[person.country], faker, decide);
    }
    if (index > 0 && decide.chance(this.rates.sharedHousehold)) {
      const head = this.core(index - decide.int(1, Math.min(index, 50)), true);
      person.country = head.country;
      person.zone = head.zone;
      person.address = head.address;
      person.landline = head.landline ?? head.mobile;
      if (decide.chance(0.6)) person.family = head.family;
    }
    return person;
  }

  /** Everything that depends only on (seed, index). */
  private core(index: number, withLandline: boolean): Person {
    this.random.seed([this.seed, index, PERSON_STREAM]);
    const r = this.random;
    const code = countryCodes[r.weighted(countryWeights)]!;
    const profile = countries[code];
    const pools = this.pools[code];
    const female = r.chance(0.5);
    const given = r.pick(female ? pools.givenFemale : pools.givenMale);
    const family = r.pick(pools.family);
    const middle = r.chance(0.25) ? r.pick(female ? pools.middleFemale : pools.middleMale) : undefined;
    const born = BORN_FROM + r.int(0, (BORN_TO - BORN_FROM) / DAY) * DAY;
    const employed = r.chance(0.3);
    const organisation = employed ? r.pick(pools.companies) : undefined;
    const person: Person = {
      id: `p${index}`,
      index,
      country: code,
      zone: r.int(0, profile.zones.length - 1),
      given,
      family,
      dateOfBirth: new Date(born).toISOString().slice(0, 10),
      email: `${this.localPart(r, given, family, born)}@${r.pick(profile.emailProviders)}`,
      mobile: makePhone(profile, profile.mobile, index, MOBILE_KEY, r),
      address: this.address(profile, this.fakers[code], r),
      since: SINCE_FROM + Math.floor(r.next() * (SINCE_TO - SINCE_FROM)),
    };
    if (middle !== undefined) person.middle = middle;
    if (r.chance(0.35) && withLandline) {
      const own = new Random([this.seed, index, LANDLINE_STREAM]);
      person.landline = makePhone(profile, profile.landline, index, LANDLINE_KEY, own);
    }
    if (organisation !== undefined) {
      person.organisation = organisation;
      person.jobTitle = r.pick(pools.jobTitles);
      if (r.chance(0.4)) {
        const company = ascii(organisation.split(/[\s,]/)[0] ?? 'company') || 'company';
        person.workEmail = `${ascii(given)}.${ascii(family)}@${company}.${profile.companySuffix}`;
      }
    }
    return person;
  }

  private address(profile: CountryProfile, faker: Faker, r: Random): Address {
    const address: Address = {
      street: streetLine(profile.code, r.pick(this.pools[profile.code].streets), r),
      city: r.pick(this.pools[profile.code].cities),
      postcode: profile.postcode(r, faker),
      country: profile.code,
    };
    if (r.chance(0.15)) address.secondary = faker.location.secondaryAddress();
    const region = profile.region(r, faker);
    if (region !== undefined) address.region = region;
    return address;
  }

  private localPart(r: Random, given: string, family: string, born: number): string {
    const g = ascii(given) || 'x';
    const f = ascii(family) || 'x';
    const yy = String(new Date(born).getUTCFullYear()).slice(2);
    switch (r.int(0, 7)) {
      case 0:
      case 1:
        return `${g}.${f}`;
      case 2:
        return `${g}${f}`;
      case 3:
        return `${g[0]}${f}`;
      case 4:
        return `${g}.${f}${yy}`;
      case 5:
        return `${f}.${g}`;
      case 6:
        return `${g}_${f}${r.int(1, 99)}`;
      default:
        return `${g}${r.int(100, 9999)}`;
    }
  }
}
