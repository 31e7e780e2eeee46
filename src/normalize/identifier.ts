import type { IdentifierType } from '../ingest/canonical.ts';
import { normalizeEmail } from './email.ts';
import { normalizePhone } from './phone.ts';

/**
 * The normalized value an identifier is matched by, or null when the raw value cannot
 * identify anyone (a malformed email, an invalid phone, an empty id).
 * @example normalizeIdentifier('customer_number', ' c-000 123 ') // 'C000123'
 */
export function normalizeIdentifier(type: IdentifierType, raw: string, defaultCountry?: string): string | null {
  switch (type) {
    case 'email':
      return normalizeEmail(raw);
    case 'phone':
      return normalizePhone(raw, defaultCountry);
    case 'cookie':
    case 'device':
    case 'user_id':
      return nonEmpty(raw.trim());
    // Systems print the same number as 'LC-100 234', 'lc100234' or 'LC.100234':
    // separators and case are formatting, not identity.
    case 'account_number':
    case 'customer_number':
    case 'loyalty_number':
    case 'national_id':
    case 'tax_id':
      return nonEmpty(raw.replace(/[\s.\-/_]+/g, '').toUpperCase());
    default: {
      const unreachable: never = type;
      return unreachable;
    }
  }
}

const nonEmpty = (value: string): string | null => (value.length > 0 ? value : null);
