import { z } from 'zod';
import { keepValid } from '../data-quality.ts';
import { defineAdapter, recordIdFrom } from '../source-adapter.ts';
import {
  clean,
  countryOf,
  currencyCode,
  emailsOf,
  namesOf,
  optionalText,
  phonesOf,
  present,
  priceString,
  toCents,
} from './field-parsers.ts';

/**
 * Marketplace orders (Amazon SP-API-like): PascalCase, nested money objects with amounts
 * as strings, ISO timestamps. `BuyerInfo.BuyerEmail` is a relay address that forwards to
 * the buyer: stable per buyer, so it is kept as an email, but it will only ever match
 * this marketplace. `ItemPrice` is the line total (price x quantity), as in SP-API.
 */
const money = z.looseObject({ Amount: priceString, CurrencyCode: currencyCode });

export const marketplaceOrderSchema = z.looseObject({
  OrderId: z.string().regex(/^[0-9A-Z]{3}-\d{7}-\d{7}$/, 'Expected an order id like 202-1234567-1234567'),
  PurchaseDate: z.iso.datetime({ offset: true }),
  LastUpdateDate: z.iso.datetime({ offset: true }),
  OrderStatus: z.enum(['Pending', 'Unshipped', 'PartiallyShipped', 'Shipped', 'Canceled', 'Unfulfillable']),
  BuyerInfo: z.looseObject({
    BuyerId: z.string().trim().min(1).max(200),
    BuyerEmail: optionalText,
    BuyerName: optionalText,
  }),
  ShippingAddress: z
    .looseObject({
      Name: optionalText,
      AddressLine1: optionalText,
      AddressLine2: optionalText,
      AddressLine3: optionalText,
      City: optionalText,
      StateOrRegion: optionalText,
      PostalCode: optionalText,
      CountryCode: optionalText,
      Phone: optionalText,
    })
    .nullish(),
  /** Absent on pending orders. */
  OrderTotal: money.nullish(),
  OrderItems: z
    .array(
      z.looseObject({
        SellerSKU: z.string().trim().min(1).max(100),
        Title: optionalText,
        /** 0 on cancelled lines. */
        QuantityOrdered: z.number().int().nonnegative(),
        /** Required here: a line without a price could not be stored truthfully. */
        ItemPrice: money,
      }),
    )
    .min(1)
    .max(500),
});
export type MarketplaceOrder = z.infer<typeof marketplaceOrderSchema>;

const sameName = (a: string | null | undefined, b: string | null | undefined) =>
  clean(a) !== undefined && clean(a)?.toLowerCase() === clean(b)?.toLowerCase();

export const marketplaceAdapter = defineAdapter<MarketplaceOrder>({
  kind: 'marketplace',
  description: 'Marketplace orders (Amazon-like)',
  defaultPriority: 35,
  payloadSchema: marketplaceOrderSchema,
  recordIdOf: recordIdFrom(z.looseObject({ BuyerInfo: marketplaceOrderSchema.shape.BuyerInfo.pick({ BuyerId: true }) }).transform((order) => order.BuyerInfo.BuyerId)),
  toCanonical(order, context, problems = []) {
    const buyer = order.BuyerInfo;
    const ship = order.ShippingAddress;
    // Marketplace shipments are often gifts: the address is the buyer's only when addressed to them.
    const ownAddress = ship && sameName(ship.Name, buyer.BuyerName);
    const country = ownAddress ? keepValid(problems, countryOf(ship.CountryCode, ['payload', 'ShippingAddress', 'CountryCode'])) : undefined;
    return {
      source: context.source,
      sourceRecordId: buyer.BuyerId,
      updatedAt: order.LastUpdateDate,
      person: {
        names: namesOf({ full: buyer.BuyerName }),
        emails: emailsOf(problems, { 'BuyerInfo.BuyerEmail': buyer.BuyerEmail }),
        phones: ownAddress ? phonesOf(problems, country ?? context.defaultCountry, { 'ShippingAddress.Phone': ship.Phone }) : [],
        addresses: ownAddress
          ? [
              {
                lines: present(ship.AddressLine1, ship.AddressLine2, ship.AddressLine3),
                city: clean(ship.City),
                region: clean(ship.StateOrRegion),
                postcode: clean(ship.PostalCode),
                country,
              },
            ]
          : [],
      },
      interactions: [
        {
          type: 'order',
          id: order.OrderId,
          occurredAt: order.PurchaseDate,
          channel: 'marketplace',
          status: order.OrderStatus,
          currency: order.OrderTotal?.CurrencyCode ?? order.OrderItems[0]?.ItemPrice.CurrencyCode,
          total: order.OrderTotal?.Amount,
          lines: order.OrderItems.filter((item) => item.QuantityOrdered > 0).map((item) => ({
            sku: item.SellerSKU,
            description: clean(item.Title),
            quantity: item.QuantityOrdered,
            unitPrice: toCents(item.ItemPrice.Amount / item.QuantityOrdered),
          })),
        },
      ],
    };
  },
});
