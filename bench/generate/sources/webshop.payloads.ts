import { basket, longTail, money } from '../catalogue.ts';
import { countries } from '../countries.ts';
import { countryAs, isoAt, momentsInOrder, offsetAt, seenAddress, seenEmail, seenName, seenPhone, type Emitted, type SourceView } from '../views.ts';

const FINANCIAL = ['paid', 'paid', 'paid', 'paid', 'pending', 'refunded', 'partially_refunded'] as const;
const RECIPIENTS = ['Sam', 'Alex', 'Charlie', 'Robin', 'Jo', 'Max'];

/** Shopify-like orders of a registered customer; phones in national format beside the address. */
export function* webshopPayloads(view: SourceView): Generator<Emitted> {
  const { person, random } = view;
  // A second account made by mistake (a guest checkout turned customer): another id, up to four orders.
  const { copy } = view;
  const customerId = (copy === 0 ? 6_000_000_000 : 16_000_000_000) + person.index;
  const times = momentsInOrder(view, copy === 0 ? longTail(random, 1, 12) : longTail(random, 1, 4));
  const name = seenName(view, times[0]!);
  const email = seenEmail(view, times[0]!);
  const address = seenAddress(view, times[0]!);
  const currency = countries[address.country].currency;
  const customerPhone = random.chance(0.4) ? seenPhone(view, person.mobile, 'national', true) : null;
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
    phone: random.chance(0.3) ? seenPhone(view, person.mobile, 'national', true) : null,
  };
  for (const [n, created] of times.entries()) {
    // Order slots index * 16 + 0..11 for the first account, + 12..15 for a second.
    const k = copy === 0 ? n : 12 + n;
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
