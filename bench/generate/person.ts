import { Faker } from '@faker-js/faker';
import { countries, countryCodes, countryWeights, type CountryCode, type CountryProfile } from './countries.ts';
import { ascii, type CorruptionRates } from './corruption.ts';
import { makePhone, type Phone } from './phone.ts';
import { poolsFor, streetLine, type Pools } from './pools.ts';
import { Random } from './random.ts';
import { HISTORY_END } from './views.ts';

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
  /** Set for people who moved; records last updated before `movedAt` still hold it. */
  previousAddress?: Address;
  /** When the person moved (epoch ms), with `previousAddress`. */
  movedAt?: number;
  /** The personal e-mail before a change; records last updated before `emailChangedAt` still hold it. */
  previousEmail?: string;
  emailChangedAt?: number;
  /** The family name before a change (marriage); records last updated before `familyChangedAt` still hold it. */
  previousFamily?: string;
  familyChangedAt?: number;
  /** The id of the earlier person whose address and home phone this person shares (a relative). */
  householdOf?: string;
  /** The id of the earlier person whose full name and birth year this person has (another person entirely). */
  namesakeOf?: string;
  organisation?: string;
  jobTitle?: string;
  /** When the person became a customer (epoch ms); their activity comes after. */
  since: number;
};

const PERSON_STREAM = 1;
const DECISION_STREAM = 2;
const LANDLINE_STREAM = 5;
const LIFE_STREAM = 6;
const EMAIL_STREAM = 7;
/** How far back a relative or namesake is looked for, and how deep households of households are followed. */
const LOOK_BACK = 200;
const MAX_DEPTH = 4;
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
 * A relative or namesake of an earlier person remakes that person from their index
 * rather than remembering them, so memory stays flat.
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
    const person = this.identity(index, withLandline, 0);
    // A personal address made before a change of family name stays, unless the address changed too.
    const named = new Random([this.seed, index, EMAIL_STREAM]);
    const born = Date.parse(person.dateOfBirth);
    const providers = countries[person.country].emailProviders;
    const decide = new Random([this.seed, index, DECISION_STREAM]);
    const changed = named.chance(this.rates.emailChange);
    const birthFamily = person.previousFamily ?? person.family;
    person.email = this.unique(`${this.localPart(named, person.given, changed ? person.family : birthFamily, born)}@${named.pick(providers)}`, decide);
    if (changed) {
      person.previousEmail = this.unique(`${this.localPart(named, person.given, birthFamily, born)}@${named.pick(providers)}`, decide);
      person.emailChangedAt = this.during(person, named);
    }
    return person;
  }

  /** The address, or it with a number added to the local part when someone has it already; then taken. */
  private unique(email: string, decide: Random): string {
    let unique = email;
    while (this.emails.has(unique)) {
      const at = unique.indexOf('@');
      unique = `${unique.slice(0, at)}${decide.int(1, 99)}${unique.slice(at)}`;
    }
    this.emails.add(unique);
    return unique;
  }

  /**
   * The person without their personal e-mail: their core, then the life events that tie
   * them to earlier people (a household, a namesake) and change them (a marriage, a
   * move). Depends only on (seed, index, rates), so an earlier person can be remade here.
   */
  private identity(index: number, withLandline: boolean, depth: number): Person {
    const person = this.core(index, withLandline);
    const coreFamily = person.family;
    const life = new Random([this.seed, index, LIFE_STREAM]);
    const household = index > 0 && life.chance(this.rates.sharedHousehold);
    const namesake = !household && index > 0 && life.chance(this.rates.namesake);
    if (household && depth < MAX_DEPTH) {
      const headIndex = this.earlier(index, person.country, life);
      if (headIndex !== undefined) {
        const head = this.identity(headIndex, true, depth + 1);
        person.zone = head.zone;
        person.address = head.address;
        person.landline = head.landline ?? head.mobile;
        if (life.chance(0.8)) person.family = head.family;
        person.householdOf = head.id;
      }
    } else if (namesake && depth < MAX_DEPTH) {
      const otherIndex = this.earlier(index, person.country, life);
      if (otherIndex !== undefined) {
        const other = this.identity(otherIndex, false, depth + 1);
        person.given = other.given;
        person.family = other.family;
        if (other.middle === undefined) delete person.middle;
        else person.middle = other.middle;
        const year = Number(other.dateOfBirth.slice(0, 4));
        let born = other.dateOfBirth;
        while (born === other.dateOfBirth) born = new Date(Date.UTC(year, 0, 1) + life.int(0, 364) * DAY).toISOString().slice(0, 10);
        person.dateOfBirth = born;
        person.namesakeOf = other.id;
        if (person.workEmail !== undefined) {
          const domain = person.workEmail.slice(person.workEmail.indexOf('@'));
          person.workEmail = `${ascii(person.given)}.${ascii(person.family)}${domain}`;
        }
      }
    }
    if (person.namesakeOf === undefined && life.chance(this.rates.familyChange)) {
      if (person.family !== coreFamily) {
        // Moved in with the head of the household and took their name.
        person.previousFamily = coreFamily;
      } else {
        person.previousFamily = person.family;
        const pool = this.pools[person.country].family;
        while (person.family === person.previousFamily) person.family = life.pick(pool);
      }
      person.familyChangedAt = this.during(person, life);
    }
    if (life.chance(this.rates.moved)) {
      this.random.seed([this.seed, index, PERSON_STREAM, 1]);
      person.previousAddress = this.address(countries[person.country], this.fakers[person.country], this.random);
      person.movedAt = this.during(person, life);
    }
    return person;
  }

  /** A moment while the person is a customer: records last updated before it show the earlier state. */
  private during(person: Person, random: Random): number {
    return person.since + Math.floor(random.next() * (HISTORY_END - person.since));
  }

  /** An earlier person of the same country within `LOOK_BACK`, or undefined when none turns up. */
  private earlier(index: number, country: CountryCode, random: Random): number | undefined {
    for (let attempt = 0; attempt < 30; attempt++) {
      const candidate = index - random.int(1, Math.min(index, LOOK_BACK));
      if (this.countryOf(candidate) === country) return candidate;
    }
    return undefined;
  }

  /** The person's country: the first draw of their core. */
  private countryOf(index: number): CountryCode {
    return countryCodes[new Random([this.seed, index, PERSON_STREAM]).weighted(countryWeights)]!;
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
      // Made in create(), once the name is settled.
      email: '',
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
