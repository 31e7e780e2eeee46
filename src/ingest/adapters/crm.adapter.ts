import { z } from 'zod';
import { defineAdapter, recordIdFrom } from '../source-adapter.ts';
import { keepValid } from '../data-quality.ts';
import { consentsOf } from '../../privacy/consent/consent-parse.ts';
import { crmConsentCandidates, crmConsentFields } from './crm-consent.ts';
import { clean, countryOf, dateOfBirthOf, emailsOf, instantWithOffset, namesOf, optionalText, phonesOf } from './field-parsers.ts';

/**
 * A CRM contact as a Salesforce-like REST API returns it: PascalCase fields, nulls for
 * empty fields, custom fields with a `__c` suffix, the account as a nested relationship and
 * timestamps like '2024-03-05T14:22:10.000+0000' (offset without a colon).
 */
export const crmContactSchema = z.looseObject({
  Id: z.string().regex(/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/, 'Expected a 15 or 18 character record id'),
  FirstName: optionalText,
  MiddleName: optionalText,
  LastName: z.string().trim().min(1),
  Email: optionalText,
  AlternateEmail__c: optionalText,
  WorkEmail__c: optionalText,
  Phone: optionalText,
  MobilePhone: optionalText,
  HomePhone: optionalText,
  /** Multi-line street: one address line per line. */
  MailingStreet: optionalText,
  MailingCity: optionalText,
  MailingState: optionalText,
  MailingPostalCode: optionalText,
  MailingCountry: optionalText,
  /** YYYY-MM-DD; anything else is left out of the record as a data-quality issue. */
  Birthdate: optionalText,
  Account: z.looseObject({ Name: optionalText }).nullish(),
  /** Job title (the honorific would be Salutation, which is not carried). */
  Title: optionalText,
  LoyaltyNumber__c: optionalText,
  LastModifiedDate: z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:?\d{2})$/,
      'Expected a timestamp like 2024-03-05T14:22:10.000+0000',
    ),
  ...crmConsentFields,
});
export type CrmContact = z.infer<typeof crmContactSchema>;

const splitTimestamp = (value: string): [string, string] => {
  const at = value.search(/(?:Z|[+-]\d{2}:?\d{2})$/);
  return [value.slice(0, at), value.slice(at)];
};

export const crmAdapter = defineAdapter<CrmContact>({
  kind: 'crm',
  description: 'CRM contacts (Salesforce-like REST export)',
  defaultPriority: 60,
  payloadSchema: crmContactSchema,
  recordIdOf: recordIdFrom(z.looseObject({ Id: crmContactSchema.shape.Id }).transform((contact) => contact.Id)),
  toCanonical(contact, context, problems = []) {
    const street = (contact.MailingStreet ?? '').split(/\r?\n/).map((line) => line.trim());
    const lines = street.filter((line) => line !== '').slice(0, 4);
    const [city, postcode] = [clean(contact.MailingCity), clean(contact.MailingPostalCode)];
    const hasAddress = lines.length > 0 || city !== undefined || postcode !== undefined;
    // A country alone makes no address, so it is only read (and checked) with one.
    const country = hasAddress ? keepValid(problems, countryOf(contact.MailingCountry, ['payload', 'MailingCountry'])) : undefined;
    const address = { lines, city, region: clean(contact.MailingState), postcode, country };
    const phoneCountry = country ?? context.defaultCountry;
    const loyalty = clean(contact.LoyaltyNumber__c);
    const updatedAt = instantWithOffset(...splitTimestamp(contact.LastModifiedDate), ['payload', 'LastModifiedDate']);
    return {
      source: context.source,
      sourceRecordId: contact.Id,
      updatedAt,
      person: {
        names: namesOf({ given: contact.FirstName, middle: contact.MiddleName, family: contact.LastName }),
        emails: emailsOf(problems, { Email: contact.Email, AlternateEmail__c: contact.AlternateEmail__c, WorkEmail__c: contact.WorkEmail__c }),
        phones: phonesOf(problems, phoneCountry, { MobilePhone: contact.MobilePhone, Phone: contact.Phone, HomePhone: contact.HomePhone }),
        addresses: hasAddress ? [address] : [],
        dateOfBirth: keepValid(problems, dateOfBirthOf(contact.Birthdate, ['payload', 'Birthdate'])),
        organisation: clean(contact.Account?.Name),
        title: clean(contact.Title),
        identifiers: loyalty === undefined ? [] : [{ type: 'loyalty_number', value: loyalty }],
      },
      interactions: [],
      consents: consentsOf(problems, crmConsentCandidates(contact, updatedAt)),
    };
  },
});
