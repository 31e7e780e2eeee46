import { z } from 'zod';
import type { PostalAddress } from '../canonical.ts';
import { keepValid, type FieldProblem } from '../data-quality.ts';
import { defineAdapter, recordIdFrom } from '../source-adapter.ts';
import {
  clean,
  countryCode,
  countryOf,
  currencyCode,
  decimalString,
  emailsOf,
  namesOf,
  optionalText,
  phonesOf,
  present,
  priceString,
} from './field-parsers.ts';

/**
 * A web shop order as a Shopify-like REST API returns it: snake_case, numeric ids, money
 * as decimal strings ('19.99') and ISO timestamps with the shop's offset. The buyer is
 * `customer`; a guest checkout without one carries no stable person id and is rejected.
 */
const numericId = z.union([z.number().int().positive(), z.string().regex(/^\d{1,20}$/)]).transform(String);

const addressSchema = z.looseObject({
  first_name: optionalText,
  last_name: optionalText,
  address1: optionalText,
  address2: optionalText,
  city: optionalText,
  province: optionalText,
  zip: optionalText,
  country: optionalText,
  country_code: optionalText,
  phone: optionalText,
});
type ShopAddress = z.infer<typeof addressSchema>;

export const webshopOrderSchema = z.looseObject({
  id: numericId,
  order_number: numericId,
  email: optionalText,
  phone: optionalText,
  customer: z.looseObject(
    { id: numericId, first_name: optionalText, last_name: optionalText, email: optionalText, phone: optionalText },
    { error: (issue) => (issue.input == null ? 'A guest order without a customer is not ingested' : undefined) },
  ),
  billing_address: addressSchema.nullish(),
  shipping_address: addressSchema.nullish(),
  line_items: z
    .array(
      z.looseObject({
        id: numericId,
        variant_id: numericId.nullish(),
        sku: optionalText,
        title: z.string().trim().min(1).max(300),
        quantity: z.number().int().positive(),
        price: priceString,
      }),
    )
    .min(1)
    .max(500),
  total_price: decimalString,
  currency: currencyCode,
  financial_status: z.string().trim().min(1).max(100),
  created_at: z.iso.datetime({ offset: true }),
  updated_at: z.iso.datetime({ offset: true }),
});
export type WebshopOrder = z.infer<typeof webshopOrderSchema>;

/** The code, else the name; when neither names a country, the first one given is the problem. */
const countryOfAddress = (a: ShopAddress, at: string, problems: FieldProblem[]): string | undefined => {
  const code = countryCode(a.country_code) ?? countryCode(a.country);
  if (code !== undefined) return code;
  const [name, value] = clean(a.country_code) !== undefined ? ['country_code', a.country_code] : ['country', a.country];
  return keepValid(problems, countryOf(value, ['payload', at, name]));
};

const toAddress = (a: ShopAddress, at: string, problems: FieldProblem[]): PostalAddress => ({
  lines: present(a.address1, a.address2),
  city: clean(a.city),
  region: clean(a.province),
  postcode: clean(a.zip),
  country: countryOfAddress(a, at, problems),
});

const locates = (a: ShopAddress) => present(a.address1, a.address2).length > 0 || clean(a.zip) !== undefined;

const sameName = (a: ShopAddress, given: string | null | undefined, family: string | null | undefined) =>
  `${clean(a.first_name)} ${clean(a.last_name)}`.toLowerCase() === `${clean(given)} ${clean(family)}`.toLowerCase();

export const webshopAdapter = defineAdapter<WebshopOrder>({
  kind: 'webshop',
  description: 'Web shop orders (Shopify-like)',
  defaultPriority: 50,
  payloadSchema: webshopOrderSchema,
  recordIdOf: recordIdFrom(z.looseObject({ customer: z.looseObject({ id: numericId }) }).transform((order) => order.customer.id)),
  toCanonical(order, context, problems = []) {
    const { customer, billing_address: billing, shipping_address: shipping } = order;
    // The billing address is the buyer's; a shipping address may be a gift recipient's,
    // so it is kept only when addressed to the buyer by name.
    const kept: Array<{ address: ShopAddress; at: string }> = [];
    if (billing) kept.push({ address: billing, at: 'billing_address' });
    if (shipping && sameName(shipping, customer.first_name, customer.last_name)) kept.push({ address: shipping, at: 'shipping_address' });
    const addresses = kept
      .filter(({ address }) => locates(address))
      .map(({ address, at }) => toAddress(address, at, problems))
      .filter((address, i, all) => all.findIndex((other) => JSON.stringify(other) === JSON.stringify(address)) === i);
    const phoneCountry = addresses.find((address) => address.country)?.country ?? context.defaultCountry;
    return {
      source: context.source,
      sourceRecordId: customer.id,
      updatedAt: order.updated_at,
      person: {
        names: namesOf({ given: customer.first_name, family: customer.last_name }),
        emails: emailsOf(problems, { email: order.email, 'customer.email': customer.email }),
        phones: phonesOf(problems, phoneCountry, { 'customer.phone': customer.phone, phone: order.phone, 'billing_address.phone': billing?.phone }),
        addresses,
      },
      interactions: [
        {
          type: 'order',
          id: order.order_number,
          occurredAt: order.created_at,
          channel: 'web_shop',
          status: order.financial_status,
          currency: order.currency,
          total: order.total_price,
          lines: order.line_items.map((line) => ({
            sku: clean(line.sku) ?? (line.variant_id ? `variant:${line.variant_id}` : `line:${line.id}`),
            description: line.title,
            quantity: line.quantity,
            unitPrice: line.price,
          })),
        },
      ],
    };
  },
});
