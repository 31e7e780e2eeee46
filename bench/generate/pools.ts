import type { Faker } from '@faker-js/faker';
import type { CountryCode } from './countries.ts';
import type { Random } from './random.ts';

/**
 * faker builds names, streets, cities, company names and job titles from weighted lists
 * and templates, which costs more than the rest of a person together. Each dataset draws
 * pools of them per country once (from its own seed, so faker's frequencies carry over)
 * and people pick from the pools: thousands of streets times house numbers times cities
 * is variety enough, and a seed still fixes everything.
 */
export type Pools = {
  givenFemale: readonly string[];
  givenMale: readonly string[];
  /** Second given names: middle names in English-speaking countries, first names elsewhere. */
  middleFemale: readonly string[];
  middleMale: readonly string[];
  family: readonly string[];
  streets: readonly string[];
  cities: readonly string[];
  companies: readonly string[];
  jobTitles: readonly string[];
};

const SIZES = { given: 2048, middle: 512, family: 4096, streets: 4096, cities: 1024, companies: 1024, jobTitles: 512 };
const POOL_STREAM = 9;
const cache = new Map<string, Pools>();
const CACHE_LIMIT = 16;

const draw = (n: number, make: () => string): string[] => Array.from({ length: n }, make);

/** The pools of one country for one seed, built on first use and kept for reuse. */
export function poolsFor(seed: number, code: CountryCode, faker: Faker, random: Random): Pools {
  const key = `${seed}:${code}`;
  const known = cache.get(key);
  if (known) return known;
  random.seed([seed, POOL_STREAM, code.charCodeAt(0), code.charCodeAt(1)]);
  const english = code === 'GB' || code === 'US';
  const pools: Pools = {
    givenFemale: draw(SIZES.given, () => faker.person.firstName('female')),
    givenMale: draw(SIZES.given, () => faker.person.firstName('male')),
    middleFemale: draw(SIZES.middle, () => (english ? faker.person.middleName('female') : faker.person.firstName('female'))),
    middleMale: draw(SIZES.middle, () => (english ? faker.person.middleName('male') : faker.person.firstName('male'))),
    family: draw(SIZES.family, () => faker.person.lastName()),
    streets: draw(SIZES.streets, () => faker.location.street()),
    cities: draw(SIZES.cities, () => faker.location.city()),
    companies: draw(SIZES.companies, () => faker.company.name()),
    jobTitles: draw(SIZES.jobTitles, () => faker.person.jobTitle()),
  };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, pools);
  return pools;
}

/** A house number and street in the country's order: '12 Acacia Avenue', 'Lindenstraße 4b'. */
export function streetLine(code: CountryCode, street: string, random: Random): string {
  switch (code) {
    case 'DE':
      return `${street} ${random.int(1, 150)}${random.chance(0.1) ? 'abc'[random.int(0, 2)] : ''}`;
    case 'FR':
      return `${random.int(1, 200)}${random.chance(0.05) ? ' bis' : ''} ${street}`;
    case 'US':
      return `${random.int(1, random.chance(0.5) ? 999 : 19_999)} ${street}`;
    case 'GB':
      return `${random.int(1, 220)} ${street}`;
  }
}
