import { z } from 'zod';
import { consentEntrySchema, MAX_RECORD_CONSENTS } from '../privacy/consent/consent.ts';

/**
 * The one shape every source is converted into. Adapters produce it; the graph writer
 * stores it; identity resolution reads it. Values are as the source gave them (trimmed);
 * normalization into identifier keys happens in src/normalize.
 */

const text = (max = 500) => z.string().trim().min(1).max(max);
const isoInstant = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();

export const identifierTypes = [
  'email',
  'phone',
  'cookie',
  'device',
  'account_number',
  'customer_number',
  'loyalty_number',
  'national_id',
  'tax_id',
  'user_id',
] as const;
export type IdentifierType = (typeof identifierTypes)[number];

export const personNameSchema = z.object({
  given: text(200).optional(),
  middle: text(200).optional(),
  family: text(200).optional(),
  full: text(400).optional(),
});

export const postalAddressSchema = z.object({
  lines: z.array(text(300)).max(4).default([]),
  city: text(200).optional(),
  region: text(200).optional(),
  postcode: text(40).optional(),
  /** ISO 3166-1 alpha-2, e.g. GB. */
  country: z.string().regex(/^[A-Z]{2}$/).optional(),
});

export const identifierSchema = z.object({
  type: z.enum(identifierTypes),
  value: text(320),
});

export const orderLineSchema = z.object({
  sku: text(100),
  description: text(300).optional(),
  category: text(100).optional(),
  quantity: z.number().positive(),
  unitPrice: z.number().nonnegative(),
});

export const interactionTypes = ['order', 'invoice', 'ticket', 'email_event', 'web_event'] as const;
export type InteractionType = (typeof interactionTypes)[number];

export const interactionSchema = z.object({
  type: z.enum(interactionTypes),
  /** Unique within the source and type, e.g. an order number or event id. */
  id: text(200),
  occurredAt: isoInstant,
  /** What kind within the type: 'page_view', 'open', 'complaint', 'web_shop', ... */
  subtype: text(100).optional(),
  status: text(100).optional(),
  category: text(200).optional(),
  channel: text(100).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  total: z.number().optional(),
  lines: z.array(orderLineSchema).max(500).optional(),
  /** Page, product, campaign or subject reference; never free text with personal data. */
  reference: text(500).optional(),
  /** An anonymous interaction hangs off this identifier instead of a record. */
  via: identifierSchema.optional(),
});

export const personSchema = z.object({
  names: z.array(personNameSchema).max(10).default([]),
  emails: z.array(text(320)).max(20).default([]),
  phones: z.array(text(50)).max(20).default([]),
  addresses: z.array(postalAddressSchema).max(10).default([]),
  dateOfBirth: isoDate.optional(),
  organisation: text(300).optional(),
  title: text(200).optional(),
  /** Other identifiers: account numbers, loyalty numbers, national ids, cookies, devices. */
  identifiers: z.array(identifierSchema).max(50).default([]),
});

export const canonicalRecordSchema = z.object({
  source: text(100),
  sourceRecordId: text(200),
  /** The source's own clock for this version of the record. */
  updatedAt: isoInstant,
  /** Absent for anonymous activity that belongs to no record (an unknown visitor's page views). */
  person: personSchema.optional(),
  interactions: z.array(interactionSchema).max(1000).default([]),
  /**
   * Consent decisions the source holds for this person (src/privacy/consent). Stored with
   * the record, so they follow it through merges and splits. Adapters check each one on
   * its own (consentsOf): a malformed one is left out as a data-quality issue.
   */
  consents: z.array(consentEntrySchema).max(MAX_RECORD_CONSENTS).default([]),
});

export type PersonName = z.infer<typeof personNameSchema>;
export type PostalAddress = z.infer<typeof postalAddressSchema>;
export type Identifier = z.infer<typeof identifierSchema>;
export type Interaction = z.infer<typeof interactionSchema>;
export type Person = z.infer<typeof personSchema>;
export type CanonicalRecord = z.infer<typeof canonicalRecordSchema>;
export type CanonicalRecordInput = z.input<typeof canonicalRecordSchema>;
