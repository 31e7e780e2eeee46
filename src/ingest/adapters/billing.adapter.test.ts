import { describe, expect, it } from 'vitest';
import { billingAdapter } from './billing.adapter.ts';
import { convert, issuePaths, sample } from './adapter-test-support.ts';

describe('billingAdapter', () => {
  it('maps an account with split names, its numbers and a VAT number as a tax id', () => {
    expect(convert(billingAdapter, sample('billing', 0))).toEqual({
      source: 'billing',
      sourceRecordId: 'ACC-20931',
      updatedAt: '2024-03-06T09:00:00Z',
      person: {
        names: [{ given: 'Ada', family: 'Fernwright' }],
        emails: ['ada.fernwright@example.com'],
        phones: ['+44 20 7946 0011'],
        addresses: [
          { lines: ['12 Quillfeather Lane', 'Flat 3'], city: 'London', postcode: 'SW1A 1AA', country: 'GB' },
        ],
        identifiers: [
          { type: 'account_number', value: 'ACC-20931' },
          { type: 'customer_number', value: 'C-778812' },
          { type: 'tax_id', value: 'GB999999973' },
        ],
      },
      interactions: [],
    });
  });

  it('keeps a legal name as one full name', () => {
    expect(convert(billingAdapter, sample('billing', 1)).person).toEqual({
      names: [{ full: 'Cyrus T. Oakbridge' }],
      emails: ['billing+cyrus@example.org'],
      phones: [],
      addresses: [],
      identifiers: [
        { type: 'account_number', value: 'ACC-20977' },
        { type: 'tax_id', value: '00-0000001' },
      ],
    });
  });

  it('maps an invoice to an interaction via its account number, with no person to replace the account', () => {
    expect(convert(billingAdapter, sample('billing', 2))).toEqual({
      source: 'billing',
      sourceRecordId: 'INV-2024-00042',
      updatedAt: '2024-03-31T00:05:00Z',
      interactions: [
        {
          type: 'invoice',
          id: 'INV-2024-00042',
          occurredAt: '2024-03-01T00:00:00Z',
          status: 'overdue',
          currency: 'GBP',
          total: 1249.5,
          via: { type: 'account_number', value: 'ACC-20931' },
        },
      ],
    });
  });

  it('reads a total sent as a string and rejects one that is not a number', () => {
    expect(convert(billingAdapter, sample('billing', 2, { total: ' 0.10 ' })).interactions?.[0]?.total).toBe(0.1);
    expect(issuePaths(billingAdapter, sample('billing', 2, { total: '12,50' }))).toEqual([['total']]);
    expect(issuePaths(billingAdapter, sample('billing', 2, { total: 1249.5 }))).toEqual([['total']]);
  });

  it('rejects an unknown payload type and an unknown invoice status', () => {
    expect(issuePaths(billingAdapter, sample('billing', 0, { type: 'payment' }))).toEqual([['type']]);
    expect(issuePaths(billingAdapter, sample('billing', 2, { status: 'void' }))).toEqual([['status']]);
  });

  it('rejects an account updated_at without an offset', () => {
    expect(issuePaths(billingAdapter, sample('billing', 0, { updated_at: '2024-03-06 09:00:00' }))).toEqual([
      ['updated_at'],
    ]);
  });

  it('throws a client-safe error for an impossible issue date', () => {
    const payload = billingAdapter.payloadSchema.parse(sample('billing', 2, { issue_date: '2024-13-01' }));
    expect(() => billingAdapter.toCanonical(payload, { source: 'billing', defaultCountry: undefined })).toThrow(
      expect.objectContaining({ clientMessage: 'payload.issue_date is not a valid date', field: ['payload', 'issue_date'] }),
    );
  });
});
