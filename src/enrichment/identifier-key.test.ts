import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error.ts';
import { plainCodec } from '../privacy/codec.ts';
import { identifierKeyOf } from './identifier-key.ts';

function refusal(identifier: { type: string; value: string; country?: string }): DomainError {
  try {
    identifierKeyOf(identifier, plainCodec);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('enrichment identifier keys', () => {
  it('key an identifier exactly as ingestion keys it', () => {
    expect(identifierKeyOf({ type: 'email', value: ' Jane.Doe@Example.COM ' }, plainCodec).key).toBe('email:jane.doe@example.com');
    expect(identifierKeyOf({ type: 'customer_number', value: 'c-000 123' }, plainCodec)).toEqual({ key: 'customer_number:C000123', type: 'customer_number' });
    expect(identifierKeyOf({ type: 'phone', value: '020 7946 0018', country: 'gb' }, plainCodec).key).toBe('phone:+442079460018');
    expect(identifierKeyOf({ type: 'phone', value: '+44 20 7946 0018' }, plainCodec).key).toBe('phone:+442079460018');
  });

  it('refuse an unknown type, a bad country and an unusable value without quoting it', () => {
    expect(refusal({ type: 'shoe_size', value: '9' }).field).toEqual(['identifier', 'type']);
    expect(refusal({ type: 'phone', value: '020 7946 0018', country: 'Britain' }).field).toEqual(['identifier', 'country']);
    const unusable = refusal({ type: 'email', value: 'not-an-email' });
    expect(unusable.field).toEqual(['identifier', 'value']);
    expect(`${unusable.message} ${unusable.clientMessage}`).not.toContain('not-an-email');
    expect(refusal({ type: 'email', value: `${'a'.repeat(320)}@x.io` }).field).toEqual(['identifier', 'value']);
  });
});
