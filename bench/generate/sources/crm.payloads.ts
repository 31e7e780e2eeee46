import { countryAs, isoAt, momentAfter, seenAddress, seenDateOfBirth, seenEmail, seenName, seenPhone, type Emitted, type SourceView } from '../views.ts';
import { loyaltyCard } from './ids.ts';

/** One Salesforce-like contact: full name, birthdate, phones in international format. */
export function* crmPayloads(view: SourceView): Generator<Emitted> {
  const { person, random } = view;
  const modified = momentAfter(view);
  const name = seenName(view, modified);
  const address = seenAddress(view, modified);
  // A second contact made by mistake: 'AAC' where the first has 'AAB'.
  const id = `003Dp${person.index.toString(36).toUpperCase().padStart(10, '0')}${view.copy === 0 ? 'AAB' : 'AAC'}`;
  const alternate = person.workEmail !== undefined && random.chance(0.3) ? person.workEmail : null;
  yield {
    sourceRecordId: id,
    payload: {
      attributes: { type: 'Contact', url: `/services/data/v60.0/sobjects/Contact/${id}` },
      Id: id,
      FirstName: name.given,
      MiddleName: name.middle !== undefined && random.chance(0.7) ? name.middle : null,
      LastName: name.family,
      Email: seenEmail(view, modified),
      AlternateEmail__c: alternate,
      WorkEmail__c: null,
      Phone: seenPhone(view, person.landline, 'international', true),
      MobilePhone: random.chance(0.85) ? (seenPhone(view, person.mobile, 'international', true) ?? '') : '',
      HomePhone: null,
      MailingStreet: address.secondary ? `${address.street}\n${address.secondary}` : address.street,
      MailingCity: address.city,
      MailingState: address.region ?? null,
      MailingPostalCode: address.postcode,
      MailingCountry: countryAs(view, address, 0.3),
      Birthdate: random.chance(0.9) ? seenDateOfBirth(view) : null,
      Account: person.organisation !== undefined ? { Name: person.organisation } : null,
      Title: person.jobTitle ?? null,
      LoyaltyNumber__c: view.sources.has('pos') && random.chance(0.8) ? loyaltyCard(person.index) : null,
      LastModifiedDate: isoAt(modified, '+00:00', true).replace(/([+-]\d{2}):(\d{2})$/, '$1$2'),
    },
  };
}
