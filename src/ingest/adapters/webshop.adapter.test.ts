import { describe, expect, it } from 'vitest';
import { convert, issueMessages, issuePaths, sample } from './adapter-test-support.ts';
import { webshopAdapter } from './webshop.adapter.ts';

describe('webshopAdapter', () => {
  it('maps an order with prices as strings into the one order model, buyer as person', () => {
    expect(convert(webshopAdapter, sample('webshop', 0))).toEqual({
      source: 'webshop',
      sourceRecordId: '7001',
      updatedAt: '2024-03-04T19:12:30+00:00',
      person: {
        names: [{ given: 'Ada', family: 'Fernwright' }],
        emails: ['ada.fernwright@example.com'],
        phones: ['+44 20 7946 0012', '+44 20 7946 0011'],
        // Billing and shipping are the same place: kept once.
        addresses: [
          { lines: ['12 Quillfeather Lane', 'Flat 3'], city: 'London', postcode: 'SW1A 1AA', country: 'GB' },
        ],
      },
      interactions: [
        {
          type: 'order',
          id: '1001',
          occurredAt: '2024-03-04T19:10:00+00:00',
          channel: 'web_shop',
          status: 'paid',
          currency: 'GBP',
          total: 13,
          lines: [
            { sku: 'SKU-TEA-01', description: 'Earl Grey, 250g', quantity: 2, unitPrice: 6.5 },
            { sku: 'variant:43', description: 'Gift wrap', quantity: 1, unitPrice: 0 },
          ],
        },
      ],
    });
  });

  it('leaves out a shipping address addressed to someone else', () => {
    expect(convert(webshopAdapter, sample('webshop', 1)).person?.addresses).toEqual([
      { lines: ['400 Placeholder Ave'], city: 'Washington', region: 'DC', postcode: '20001', country: 'US' },
    ]);
  });

  it('rejects a guest order without a customer, with a clear message', () => {
    const payload = sample('webshop', 0, { customer: null });
    expect(issuePaths(webshopAdapter, payload)).toEqual([['customer']]);
    expect(issueMessages(webshopAdapter, payload)).toEqual(['A guest order without a customer is not ingested']);
  });

  it('rejects prices that are numbers, negative or not decimals', () => {
    const line = { id: 1, variant_id: 42, sku: 'SKU-TEA-01', title: 'Earl Grey, 250g', quantity: 1 };
    expect(issuePaths(webshopAdapter, sample('webshop', 0, { line_items: [{ ...line, price: 6.5 }] }))).toEqual([
      ['line_items', 0, 'price'],
    ]);
    expect(issuePaths(webshopAdapter, sample('webshop', 0, { line_items: [{ ...line, price: '-1.00' }] }))).toEqual([
      ['line_items', 0, 'price'],
    ]);
    expect(issuePaths(webshopAdapter, sample('webshop', 0, { total_price: '13.00 GBP' }))).toEqual([['total_price']]);
  });

  it('rejects an order without lines or with an impossible creation date', () => {
    expect(issuePaths(webshopAdapter, sample('webshop', 0, { line_items: [] }))).toEqual([['line_items']]);
    expect(issuePaths(webshopAdapter, sample('webshop', 0, { created_at: '2024-04-31T10:00:00+01:00' }))).toEqual([
      ['created_at'],
    ]);
  });
});
