import { z } from 'zod';
import { defineAdapter } from '../source-adapter.ts';
import { currencyCode, instantWithOffset, toCents } from './field-parsers.ts';

/**
 * Point-of-sale receipts, PascalCase: the till's local wall-clock time
 * ('YYYY-MM-DD HH:mm:ss') with the store's UTC offset in its own field, and money as
 * integer cents. A receipt carries no person: the sale hangs off the loyalty number,
 * reaching every record with that card (the CRM contact). It is ingested only with a
 * loyalty card: without one nothing could ever link it to a person, so the schema
 * rejects it at `LoyaltyCard` rather than storing unlinkable sales.
 */
const loyaltyMissing = 'A receipt without a loyalty card carries no person and is not ingested';

export const posReceiptSchema = z.looseObject({
  ReceiptNo: z.string().trim().min(1).max(60),
  StoreId: z.string().trim().min(1).max(60),
  Timestamp: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'Expected local store time as YYYY-MM-DD HH:mm:ss'),
  UtcOffset: z.string().regex(/^[+-]\d{2}:\d{2}$/, 'Expected the store UTC offset as +HH:MM or -HH:MM'),
  LoyaltyCard: z
    .string({ error: (issue) => (issue.input == null ? loyaltyMissing : undefined) })
    .trim()
    .min(1, loyaltyMissing)
    .max(100),
  Items: z
    .array(
      z.looseObject({
        Code: z.string().trim().min(1).max(100),
        Description: z.string().trim().min(1).max(300).nullish(),
        /** Weighed goods have fractional quantities. */
        Qty: z.number().positive(),
        /** Unit price in cents. */
        Amount: z.number().int().nonnegative(),
      }),
    )
    .min(1)
    .max(500),
  TotalCents: z.number().int(),
  Currency: currencyCode,
});
export type PosReceipt = z.infer<typeof posReceiptSchema>;

export const posAdapter = defineAdapter<PosReceipt>({
  kind: 'pos',
  description: 'Point-of-sale receipts with a loyalty card',
  defaultPriority: 45,
  payloadSchema: posReceiptSchema,
  toCanonical(receipt, context) {
    const occurredAt = instantWithOffset(receipt.Timestamp, receipt.UtcOffset, ['payload', 'Timestamp']);
    // Receipt numbers restart per store.
    const receiptId = `${receipt.StoreId}/${receipt.ReceiptNo}`;
    return {
      source: context.source,
      // Not stored as a record (there is no person); unique and stable per receipt.
      sourceRecordId: receiptId,
      // A printed receipt never changes: its own time is its version.
      updatedAt: occurredAt,
      interactions: [
        {
          type: 'order',
          id: receiptId,
          occurredAt,
          channel: 'point_of_sale',
          status: 'paid',
          currency: receipt.Currency,
          total: toCents(receipt.TotalCents / 100),
          reference: `store:${receipt.StoreId}`,
          lines: receipt.Items.map((item) => ({
            sku: item.Code,
            description: item.Description ?? undefined,
            quantity: item.Qty,
            unitPrice: toCents(item.Amount / 100),
          })),
          via: { type: 'loyalty_number', value: receipt.LoyaltyCard },
        },
      ],
    };
  },
});
