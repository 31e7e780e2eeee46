import { describe, expect, it } from 'vitest';
import { convert, issueMessages, issuePaths, sample } from './adapter-test-support.ts';
import { posAdapter } from './pos.adapter.ts';

describe('posAdapter', () => {
  it('maps a receipt: local store time with its offset, cents to amounts, no person, via the loyalty card', () => {
    expect(convert(posAdapter, sample('pos', 0))).toEqual({
      source: 'pos',
      sourceRecordId: 'LDN-004/000871',
      updatedAt: '2024-04-02T09:41:07+01:00',
      interactions: [
        {
          type: 'order',
          id: 'LDN-004/000871',
          occurredAt: '2024-04-02T09:41:07+01:00',
          channel: 'point_of_sale',
          status: 'paid',
          currency: 'GBP',
          total: 7.4,
          reference: 'store:LDN-004',
          lines: [
            { sku: 'SKU-TEA-01', description: 'Earl Grey, 250g', quantity: 1, unitPrice: 6.5 },
            { sku: 'BAN-LOOSE', quantity: 0.455, unitPrice: 1.98 },
          ],
          via: { type: 'loyalty_number', value: 'LC-100234' },
        },
      ],
    });
  });

  it('keeps a negative offset as the same instant', () => {
    const { updatedAt } = convert(posAdapter, sample('pos', 1));
    expect(updatedAt).toBe('2024-03-09T18:05:00-05:00');
    expect(new Date(updatedAt).toISOString()).toBe('2024-03-09T23:05:00.000Z');
  });

  it('rejects a receipt without a loyalty card, saying why', () => {
    for (const LoyaltyCard of [undefined, null, '  ']) {
      const payload = sample('pos', 0, { LoyaltyCard });
      expect(issuePaths(posAdapter, payload)).toEqual([['LoyaltyCard']]);
      expect(issueMessages(posAdapter, payload)).toEqual([
        'A receipt without a loyalty card carries no person and is not ingested',
      ]);
    }
  });

  it('rejects amounts that are not integer cents and times in another format', () => {
    const items = [{ Code: 'SKU-TEA-01', Qty: 1, Amount: 6.5 }];
    expect(issuePaths(posAdapter, sample('pos', 0, { Items: items }))).toEqual([['Items', 0, 'Amount']]);
    expect(issuePaths(posAdapter, sample('pos', 0, { Timestamp: '02/04/2024 09:41' }))).toEqual([['Timestamp']]);
    expect(issuePaths(posAdapter, sample('pos', 0, { UtcOffset: 'BST' }))).toEqual([['UtcOffset']]);
  });

  it('throws a client-safe error for a local time that does not exist on the calendar', () => {
    const payload = posAdapter.payloadSchema.parse(sample('pos', 0, { Timestamp: '2023-02-29 09:41:07' }));
    expect(() => posAdapter.toCanonical(payload, { source: 'pos', defaultCountry: 'GB' })).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        clientMessage: 'payload.Timestamp is not a valid date',
        field: ['payload', 'Timestamp'],
      }),
    );
  });

  it('throws for an offset beyond +14:00', () => {
    const payload = posAdapter.payloadSchema.parse(sample('pos', 0, { UtcOffset: '+15:00' }));
    expect(() => posAdapter.toCanonical(payload, { source: 'pos', defaultCountry: 'GB' })).toThrow(
      expect.objectContaining({ field: ['payload', 'Timestamp'] }),
    );
  });
});
