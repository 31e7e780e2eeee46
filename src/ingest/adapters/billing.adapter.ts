import { z } from 'zod';
import type { CanonicalRecordInput } from '../canonical.ts';
import { keepValid, type FieldProblem } from '../data-quality.ts';
import { defineAdapter, recordIdFrom } from '../source-adapter.ts';
import {
  clean,
  countryOf,
  currencyCode,
  decimalString,
  emailsOf,
  namesOf,
  optionalText,
  phonesOf,
  present,
  startOfDayUtc,
} from './field-parsers.ts';

/**
 * Billing/ERP exports, snake_case: a payload is an account or an invoice, told apart by
 * `type`. Money arrives as decimal strings, invoice dates as plain YYYY-MM-DD and
 * `updated_at` as an ISO instant.
 */
const accountNumber = z.string().trim().regex(/^[A-Za-z0-9-]{3,40}$/, 'Expected an account number');
const updatedAt = z.iso.datetime({ offset: true });

const billingAccountSchema = z.looseObject({
  type: z.literal('account'),
  account_number: accountNumber,
  /** One string for the whole name; used when first/last are not split. */
  legal_name: optionalText,
  first_name: optionalText,
  last_name: optionalText,
  company_name: optionalText,
  billing_email: optionalText,
  phone: optionalText,
  billing_address: z
    .looseObject({
      line1: optionalText,
      line2: optionalText,
      city: optionalText,
      state: optionalText,
      postal_code: optionalText,
      country: optionalText,
    })
    .nullish(),
  tax_id: optionalText,
  vat_number: optionalText,
  customer_number: optionalText,
  updated_at: updatedAt,
});

const billingInvoiceSchema = z.looseObject({
  type: z.literal('invoice'),
  invoice_number: z.string().trim().min(1),
  account_number: accountNumber,
  issue_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date as YYYY-MM-DD'),
  total: decimalString,
  currency: currencyCode,
  status: z.enum(['paid', 'open', 'overdue']),
  updated_at: updatedAt,
});

export const billingPayloadSchema = z.discriminatedUnion('type', [billingAccountSchema, billingInvoiceSchema]);
export type BillingPayload = z.infer<typeof billingPayloadSchema>;
type BillingAccount = z.infer<typeof billingAccountSchema>;
type BillingInvoice = z.infer<typeof billingInvoiceSchema>;

function accountToCanonical(account: BillingAccount, source: string, defaultCountry: string | undefined, problems: FieldProblem[]): CanonicalRecordInput {
  const address = account.billing_address;
  const lines = present(address?.line1, address?.line2);
  const hasAddress = address != null && (lines.length > 0 || clean(address.postal_code) !== undefined);
  const country = hasAddress ? keepValid(problems, countryOf(address.country, ['payload', 'billing_address', 'country'])) : undefined;
  const identifiers = [
    { type: 'account_number' as const, value: account.account_number },
    ...present(account.customer_number).map((value) => ({ type: 'customer_number' as const, value })),
    // A VAT number is a tax id too; both are kept as given.
    ...present(account.tax_id, account.vat_number).map((value) => ({ type: 'tax_id' as const, value })),
  ];
  const split = clean(account.first_name) !== undefined || clean(account.last_name) !== undefined;
  return {
    source,
    sourceRecordId: account.account_number,
    updatedAt: account.updated_at,
    person: {
      names: split
        ? namesOf({ given: account.first_name, family: account.last_name })
        : namesOf({ full: account.legal_name }),
      emails: emailsOf(problems, { billing_email: account.billing_email }),
      phones: phonesOf(problems, country ?? defaultCountry, { phone: account.phone }),
      addresses: hasAddress
        ? [{ lines, city: clean(address.city), region: clean(address.state), postcode: clean(address.postal_code), country }]
        : [],
      organisation: clean(account.company_name),
      identifiers,
    },
    interactions: [],
  };
}

/**
 * An invoice says nothing about the person, so it carries no `person`: a person made of the
 * account number alone, under the account's record id, would replace the account's names and
 * emails. It hangs off the account number instead, reaching the account record that has it.
 * No record is stored without a person; the invoice number just keeps the id stable.
 */
const invoiceToCanonical = (invoice: BillingInvoice, source: string): CanonicalRecordInput => ({
  source,
  sourceRecordId: invoice.invoice_number,
  updatedAt: invoice.updated_at,
  interactions: [
    {
      type: 'invoice',
      id: invoice.invoice_number,
      occurredAt: startOfDayUtc(invoice.issue_date, ['payload', 'issue_date']),
      status: invoice.status,
      currency: invoice.currency,
      total: invoice.total,
      via: { type: 'account_number', value: invoice.account_number },
    },
  ],
});

export const billingAdapter = defineAdapter<BillingPayload>({
  kind: 'billing',
  description: 'Billing/ERP accounts and invoices',
  defaultPriority: 80,
  payloadSchema: billingPayloadSchema,
  // Only an account is a person's record; an invoice hangs off one.
  recordIdOf: recordIdFrom(z.looseObject({ type: z.literal('account'), account_number: accountNumber }).transform((account) => account.account_number)),
  toCanonical: (payload, context, problems = []) =>
    payload.type === 'account'
      ? accountToCanonical(payload, context.source, context.defaultCountry, problems)
      : invoiceToCanonical(payload, context.source),
});
