import { longTail, money } from '../catalogue.ts';
import { countries } from '../countries.ts';
import { dateOnly, isoUtc, momentAfter, scramble, seenAddress, seenEmail, seenName, seenPhone, type Emitted, type SourceView } from '../views.ts';

const STATUSES = ['paid', 'paid', 'paid', 'open', 'overdue'] as const;

/** An ERP account under the legal name, then its invoices (which name only the account). */
export function* billingPayloads(view: SourceView): Generator<Emitted> {
  const { person, random } = view;
  // A second account made by mistake has eight digits where the first has seven.
  const accountNumber = `ACC-${view.copy === 0 ? '' : '1'}${String(scramble(person.index, 10_000_000, 48_271)).padStart(7, '0')}`;
  const opened = momentAfter(view);
  const name = seenName(view, opened);
  const address = seenAddress(view, opened);
  const split = random.chance(0.3);
  const legalName = [name.given, name.middle, name.family].filter((part) => part !== undefined).join(' ');
  yield {
    sourceRecordId: accountNumber,
    payload: {
      type: 'account',
      account_number: accountNumber,
      legal_name: split ? null : legalName,
      first_name: split ? name.given : null,
      last_name: split ? name.family : null,
      company_name: person.organisation !== undefined && random.chance(0.5) ? person.organisation : null,
      billing_email: seenEmail(view, opened, 0.3),
      phone: seenPhone(view, random.chance(0.7) ? person.mobile : person.landline, 'e164', true),
      billing_address: {
        line1: address.street,
        line2: address.secondary ?? null,
        city: address.city,
        state: address.region ?? null,
        postal_code: address.postcode,
        country: address.country,
      },
      tax_id: null,
      vat_number: person.organisation !== undefined && address.country !== 'US' && random.chance(0.3)
        ? `${address.country}${String(scramble(person.index, 10_000_000, 7_919)).padStart(9, '0')}`
        : null,
      customer_number: view.copy === 0 && random.chance(0.5) ? `C-${String(person.index).padStart(6, '0')}` : null,
      updated_at: isoUtc(opened),
    },
  };
  const currency = countries[address.country].currency;
  const invoices = longTail(random, 0, 12);
  let issued = opened;
  for (let k = 0; k < invoices; k++) {
    issued = momentAfter(view, issued);
    const day = dateOnly(issued);
    yield {
      sourceRecordId: accountNumber,
      payload: {
        type: 'invoice',
        invoice_number: `INV-${day.slice(0, 4)}-${person.index.toString(36).toUpperCase()}-${view.copy === 0 ? '' : 'B'}${k + 1}`,
        account_number: accountNumber,
        issue_date: day,
        total: money(random.int(500, 250_000)),
        currency: random.chance(0.2) ? currency.toLowerCase() : currency,
        status: random.pick(STATUSES),
        updated_at: isoUtc(issued + random.int(0, 30) * 86_400_000),
      },
    };
  }
}
