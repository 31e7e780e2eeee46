import { describe, expect, it } from 'vitest';
import { mask, maskEmail, maskIdentifier, maskPhone, maskPostcode } from './mask.ts';

describe('masking', () => {
  it('shows an e-mail as its first letter and domain', () => {
    expect(maskEmail('jane.doe@example.com')).toBe('j***@example.com');
    expect(maskEmail('not-an-email')).toBe('n***');
  });

  it('shows a phone as its country code and last three digits', () => {
    expect(maskPhone('+442079460789')).toBe('+44 ***** *789');
    expect(maskPhone('+14155550123')).toBe('+1 ***** *123');
  });

  it('keeps the last three characters of an identifier and the outward postcode', () => {
    expect(maskIdentifier('GB123456789')).toBe('********789');
    expect(maskIdentifier('A12')).toBe('***');
    expect(maskPostcode('SW1A 1AA')).toBe('SW1A ***');
    expect(maskPostcode('75001')).toBe('75***');
  });

  it('never returns the clear value', () => {
    for (const [kind, value] of [['text', 'Katherine'], ['date', '1984-02-29'], ['redacted', '12 High St']] as const) {
      expect(mask(kind, value)).not.toContain(value);
    }
  });
});
