import { describe, expect, it } from 'vitest';
import { normalizeEmail } from './email.ts';
import { normalizeIdentifier } from './identifier.ts';
import { normalizePhone } from './phone.ts';

describe('normalizeEmail', () => {
  it.each([
    [' Jane.Doe@Example.COM ', 'jane.doe@example.com'],
    ['jane.doe+news@gmail.com', 'janedoe@gmail.com'],
    ['J.A.N.E@googlemail.com', 'jane@gmail.com'],
    ['jane.doe+shop@outlook.com', 'jane.doe@outlook.com'],
    ['jane+shop@example.com', 'jane+shop@example.com'],
    ['mailto:jane@example.org', 'jane@example.org'],
  ])('%s -> %s', (raw, expected) => {
    expect(normalizeEmail(raw)).toBe(expected);
  });

  it.each(['', 'jane', 'jane@', '@example.com', 'jane@example', 'ja ne@example.com', '+tag@gmail.com'])(
    'refuses %j',
    (raw) => {
      expect(normalizeEmail(raw)).toBeNull();
    },
  );
});

describe('normalizePhone', () => {
  it('reads national numbers in the default region', () => {
    expect(normalizePhone('020 7946 0018', 'GB')).toBe('+442079460018');
    expect(normalizePhone('(202) 555-0143', 'US')).toBe('+12025550143');
  });

  it('keeps the international prefix over the default region', () => {
    expect(normalizePhone('+49 30 901820', 'GB')).toBe('+4930901820');
    expect(normalizePhone('0044 20 7946 0018', 'FR')).toBe('+442079460018');
  });

  it('refuses what is not a valid number', () => {
    expect(normalizePhone('12345', 'GB')).toBeNull();
    expect(normalizePhone('not a phone', 'GB')).toBeNull();
    expect(normalizePhone('020 7946 0018')).toBeNull();
  });
});

describe('normalizeIdentifier', () => {
  it('uppercases account-like numbers and drops separators', () => {
    expect(normalizeIdentifier('customer_number', ' c-000 123 ')).toBe('C000123');
    expect(normalizeIdentifier('loyalty_number', 'lc 1001636')).toBe(normalizeIdentifier('loyalty_number', 'LC-1001636'));
  });
  it('strips separators from national and tax ids', () => {
    expect(normalizeIdentifier('national_id', 'ab 12-34.56 c')).toBe('AB123456C');
  });
  it('keeps cookies as they are, case included', () => {
    expect(normalizeIdentifier('cookie', ' aBc-123 ')).toBe('aBc-123');
  });
  it('refuses blank values', () => {
    expect(normalizeIdentifier('loyalty_number', '   ')).toBeNull();
  });
});
