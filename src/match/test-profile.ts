import type { MatchProfile } from './profile.ts';

/**
 * A profile with nothing but the given fields, for tests and examples.
 * @example profileWith({ family: ['smith'] }).dob // null
 */
export function profileWith(fields: Partial<MatchProfile>): MatchProfile {
  return {
    given: [],
    givenCanonical: [],
    family: [],
    dob: null,
    emails: [],
    phones: [],
    postcodes: [],
    streets: [],
    cities: [],
    countries: [],
    ids: [],
    ...fields,
  };
}
