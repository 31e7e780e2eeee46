import { basket, longTail, money } from '../catalogue.ts';
import { countries } from '../countries.ts';
import { countryAs, isoAt, momentsInOrder, offsetAt, seenAddress, seenEmail, seenName, type Emitted, type SourceView } from '../views.ts';

const FINANCIAL = ['paid', 'paid', 'paid', 'paid', 'pending', 'refunded', 'partially_refunded'] as const;
const RECIPIENTS = ['Sam', 'Alex', 'Charlie', 'Robin', 'Jo', 'Max'];

/** Shopify-like orders of a registered customer; phones in national format beside the address. */
export function* webshopPayloads(view: SourceView): Generator<Emitted> {
  const { person, random } = view;
  const customerId = 6_000_000_000 + person.index;
  const name = seenName(view);
  const email = seenEmail(view);
  const address = seenAddress(view);
  const currency = countries[address.country].currency;
  const customerPhone = random.chance(0.4) ? person.mobile.national : null;
  const billing = {
    first_name: name.given,
    last_name: name.family,
    address1: address.street,
    address2: address.secondary ?? null,
    city: address.city,
    province: address.region ?? null,
    zip: address.postcode,
    country: countryAs(view, address, 0),
    country_code: address.country,
    phone: random.chance(0.3) ? person.mobile.national : null,
  };
  const times = momentsInOrder(view, longTail(random, 1, 12));
  for (const [k, created] of times.entries()) {
    const offset = offsetAt(view, created);
    const lines = basket(random, 4).map((product, i) => ({
      id: (person.index * 16 + k) * 8 + i + 1,
      variant_id: 40_000 + i,
      sku: random.chance(0.95) ? product.sku : '',
      title: product.title,
      quantity: 1 + random.weighted([0.7, 0.2, 0.1]),
      price: money(product.price),
    }));
    const total = lines.reduce((sum, line) => sum + Math.round(Number(line.price) * 100) * line.quantity, 0);
    const gift = random.chance(0.1);
    const { phone: _phone, ...shipTo } = billing;
    yield {
      sourceRecordId: String(customerId),
      payload: {
        id: 5_000_000_000 + person.index * 16 + k,
        order_number: 1001 + person.index * 16 + k,
        email,
        phone: null,
        customer: { id: customerId, first_name: name.given, last_name: name.family, email, phone: customerPhone },
        billing_address: billing,
        shipping_address: gift ? { ...shipTo, first_name: random.pick(RECIPIENTS) } : shipTo,
        line_items: lines,
        total_price: money(total),
        currency,
        financial_status: random.pick(FINANCIAL),
        created_at: isoAt(created, offset),
        updated_at: isoAt(created + random.int(5, 3600) * 1000, offset),
      },
    };
  }
}
