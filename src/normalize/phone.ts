import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/**
 * A phone number in E.164, or null when it is not a valid number. Numbers without an
 * international prefix are read in `defaultCountry`.
 * @example normalizePhone('020 7946 0018', 'GB') // '+442079460018'
 */
export function normalizePhone(raw: string, defaultCountry?: string): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim(), {
    defaultCountry: defaultCountry as CountryCode | undefined,
    extract: false,
  });
  return parsed?.isValid() ? parsed.number : null;
}

/**
 * Whether `raw` has the shape of a phone number, valid or not: digits of a length the
 * country's numbers can have ('n/a', '12' and '0800 CALL ME NOW' have not). A number
 * from a range too new for the metadata is possible without being valid.
 * @example isPossiblePhone('07700 900123', 'GB') // true (a drama number: possible, not valid)
 */
export function isPossiblePhone(raw: string, defaultCountry?: string): boolean {
  const parsed = parsePhoneNumberFromString(raw.trim(), { defaultCountry: defaultCountry as CountryCode | undefined, extract: false });
  return parsed?.isPossible() ?? false;
}
