import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * How a personal value looks to a caller who may not see it in clear: enough to tell
 * values apart on a call ("the e-mail starting with j at example.com"), never enough to
 * contact the person. Pure; the decision to mask is in personal-read.middleware.ts.
 */
export type MaskKind = 'email' | 'phone' | 'text' | 'date' | 'identifier' | 'postcode' | 'redacted';

const STARS = '***';

/** `jane.doe@example.com` → `j***@example.com` */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at <= 0) return maskText(value);
  return `${[...value][0]}${STARS}${value.slice(at)}`;
}

/** `+442079460789` → `+44 ***** *789` */
export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, '');
  const parsed = parsePhoneNumberFromString(value.startsWith('+') ? value : `+${digits}`);
  const country = parsed?.countryCallingCode;
  const last = digits.slice(-3);
  return country ? `+${country} ***** *${last}` : `***** *${last}`;
}

/** `Katherine` → `K***` */
export const maskText = (value: string): string => (value.length === 0 ? value : `${[...value][0]}${STARS}`);

/** Keeps the last three characters: `GB123456789` → `********789` */
export function maskIdentifier(value: string): string {
  const chars = [...value];
  if (chars.length <= 4) return '*'.repeat(chars.length);
  return '*'.repeat(chars.length - 3) + chars.slice(-3).join('');
}

/** Keeps the outward part of a postcode: `SW1A 1AA` → `SW1A ***` */
export function maskPostcode(value: string): string {
  const space = value.indexOf(' ');
  return space > 0 ? `${value.slice(0, space)} ${STARS}` : `${value.slice(0, 2)}${STARS}`;
}

export function mask(kind: MaskKind, value: string): string {
  switch (kind) {
    case 'email':
      return maskEmail(value);
    case 'phone':
      return maskPhone(value);
    case 'text':
      return maskText(value);
    case 'date':
      return '****-**-**';
    case 'identifier':
      return maskIdentifier(value);
    case 'postcode':
      return maskPostcode(value);
    case 'redacted':
      return STARS;
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}
