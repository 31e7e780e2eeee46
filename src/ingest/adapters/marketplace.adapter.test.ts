import { describe, expect, it } from 'vitest';
import { convert, issuePaths, sample } from './adapter-test-support.ts';
import { marketplaceAdapter } from './marketplace.adapter.ts';

describe('marketplaceAdapter', () => {
  it('maps an order: buyer id as record, relay email kept, line totals divided into unit prices', () => {
    expect(convert(marketplaceAdapter, sample('marketplace', 0))).toEqual({
      source: 'marketplace',
      sourceRecordId: 'AMZ-BUYER-MT001',
      updatedAt: '2024-03-12T10:30:00Z',
      person: {
        names: [{ full: 'Mira Tallowfield' }],
        emails: ['x7k2mq9d3f@marketplace.example.com'],
        phones: ['+44 20 7946 0077'],
        addresses: [
          { lines: ['3 Fictional Street'], city: 'Manchester', region: 'Greater Manchester', postcode: 'M1 1AA', country: 'GB' },
        ],
      },
      interactions: [
        {
          type: 'order',
          id: '202-1234567-7654321',
          occurredAt: '2024-03-11T08:00:00Z',
          channel: 'marketplace',
          status: 'Shipped',
          currency: 'GBP',
          total: 15.99,
          lines: [{ sku: 'SKU-TEA-01', description: 'Earl Grey, 250g', quantity: 2, unitPrice: 6.5 }],
        },
      ],
    });
  });

  it('skips cancelled zero-quantity lines and a gift recipient address, and takes the currency from the items', () => {
    expect(convert(marketplaceAdapter, sample('marketplace', 1))).toEqual({
      source: 'marketplace',
      sourceRecordId: 'AMZ-BUYER-JP002',
      updatedAt: '2024-03-13T02:00:00-07:00',
      person: { names: [{ full: 'Jonas Peregrine' }], emails: [], phones: [], addresses: [] },
      interactions: [
        {
          type: 'order',
          id: '114-7654321-1234567',
          occurredAt: '2024-03-12T21:00:00-07:00',
          channel: 'marketplace',
          status: 'Canceled',
          currency: 'USD',
          lines: [{ sku: 'SKU-TEA-01', description: 'Earl Grey, 250g', quantity: 1, unitPrice: 8.99 }],
        },
      ],
    });
  });

  it('rounds a unit price that does not divide evenly to cents', () => {
    const items = [{ SellerSKU: 'SKU-X', QuantityOrdered: 3, ItemPrice: { Amount: '10.00', CurrencyCode: 'GBP' } }];
    const record = convert(marketplaceAdapter, sample('marketplace', 0, { OrderItems: items }));
    expect(record.interactions?.[0]?.lines).toEqual([{ sku: 'SKU-X', quantity: 3, unitPrice: 3.33 }]);
  });

  it('rejects an order without buyer id, with an amount as a number or an unknown status', () => {
    const buyer = { BuyerEmail: 'x7k2mq9d3f@marketplace.example.com', BuyerName: 'Mira Tallowfield' };
    expect(issuePaths(marketplaceAdapter, sample('marketplace', 0, { BuyerInfo: buyer }))).toEqual([
      ['BuyerInfo', 'BuyerId'],
    ]);
    expect(
      issuePaths(marketplaceAdapter, sample('marketplace', 0, { OrderTotal: { Amount: 15.99, CurrencyCode: 'GBP' } })),
    ).toEqual([['OrderTotal', 'Amount']]);
    expect(issuePaths(marketplaceAdapter, sample('marketplace', 0, { OrderStatus: 'Lost' }))).toEqual([
      ['OrderStatus'],
    ]);
  });
});
