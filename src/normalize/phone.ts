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
