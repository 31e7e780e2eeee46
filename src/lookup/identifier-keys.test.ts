import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error.ts';
import { identifierKeyOf } from '../enrichment/identifier-key.ts';
import { plainCodec } from '../privacy/codec.ts';
import { identifierKeys, identifierTypeOf } from './identifier-keys.ts';

const codeOf = (f: () => unknown): { code: string; field: unknown } => {
  try {
    f();
  } catch (error) {
    return { code: (error as DomainError).code, field: (error as DomainError).field };
  }
  throw new Error('not refused');
};

describe('identifierKeys', () => {
  it('keys a value as ingestion keys it, in any of its written forms', () => {
    const phone = ['+44 20 7946 0018', '020 7946 0018', '(020) 7946-0018'].map((v) => identifierKeys('phone', v, 'GB', [], plainCodec));
    expect(phone).toEqual([['phone:+442079460018'], ['phone:+442079460018'], ['phone:+442079460018']]);
    expect(identifierKeys('email', 'Jane.Doe+promo@Gmail.com', null, [], plainCodec)).toEqual(['email:janedoe@gmail.com']);
    expect(identifierKeys('loyalty_number', 'lc-100 234', null, [], plainCodec)).toEqual(['loyalty_number:LC100234']);
  });

  it('agrees with the key enrichment uses for the same identifier', () => {
    expect(identifierKeys('email', ' JANE@example.com', null, [], plainCodec)).toEqual([identifierKeyOf({ type: 'email', value: ' JANE@example.com' }, plainCodec).key]);
  });

  it('reads a national phone in each fallback country, and refuses one with no country to read it in', () => {
    expect(identifierKeys('phone', '020 7946 0018', null, ['GB', 'DE'], plainCodec)).toContain('phone:+442079460018');
    expect(codeOf(() => identifierKeys('phone', '020 7946 0018', null, [], plainCodec))).toEqual({ code: 'BAD_USER_INPUT', field: ['country'] });
    expect(identifierKeys('phone', '+44 20 7946 0018', null, [], plainCodec)).toEqual(['phone:+442079460018']);
  });

  it('refuses unusable values and types without quoting them', () => {
    expect(codeOf(() => identifierKeys('email', 'not-an-email', null, [], plainCodec))).toEqual({ code: 'BAD_USER_INPUT', field: ['value'] });
    expect(codeOf(() => identifierKeys('phone', '12', 'gb', [], plainCodec)).field).toEqual(['value']);
    expect(codeOf(() => identifierKeys('phone', '020 7946 0018', 'GBR', [], plainCodec)).field).toEqual(['country']);
    expect(codeOf(() => identifierTypeOf('SHOE_SIZE')).field).toEqual(['type']);
    expect(identifierTypeOf('LOYALTY_NUMBER')).toBe('loyalty_number');
  });
});
