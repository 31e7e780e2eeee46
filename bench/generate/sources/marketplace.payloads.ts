import { basket, longTail, money } from '../catalogue.ts';
import { countries } from '../countries.ts';
import { isoUtc, momentsInOrder, seenAddress, seenEmail, seenName, seenPhone, type Emitted, type SourceView } from '../views.ts';
import { relayEmailOf } from './ids.ts';

const STATUSES = ['Shipped', 'Shipped', 'Shipped', 'Shipped', 'Unshipped', 'Pending', 'Canceled'] as const;
const MARKETS = ['202', '114', '305', '026'];

/** Amazon-like orders: the buyer has a relay mailbox; gifts ship to someone else's name. */
export function* marketplacePayloads(view: SourceView, seed: number): Generator<Emitted> {
  const { person, random } = view;
  // A second buyer account made by mistake: '-2' on the buyer id, orders numbered from 50.
  const { copy } = view;
  const buyerId = `AMZ-${person.index.toString(36).toUpperCase().padStart(8, '0')}${copy === 0 ? '' : `-${copy + 1}`}`;
  const times = momentsInOrder(view, copy === 0 ? longTail(random, 1, 10) : longTail(random, 1, 3));
  const name = seenName(view, times[0]!);
  const buyerName = `${name.given} ${name.family}`;
  const relay = seenEmail(view, times[0]!) === null ? null : relayEmailOf(seed, person.index, copy);
  const address = seenAddress(view, times[0]!);
  const currency = countries[address.country].currency;
  const phone = random.chance(0.5) ? seenPhone(view, person.mobile, 'national', true) : null;
  for (const [n, purchased] of times.entries()) {
    const k = copy === 0 ? n : 50 + n;
    const status = random.pick(STATUSES);
    const items = basket(random, 3).map((product) => {
      const quantity = status === 'Canceled' && random.chance(0.5) ? 0 : 1 + random.weighted([0.8, 0.2]);
      return {
        SellerSKU: product.sku,
        Title: product.title,
        QuantityOrdered: quantity,
        ItemPrice: { Amount: money(product.price * quantity), CurrencyCode: currency },
      };
    });
    const total = items.reduce((sum, item) => sum + Math.round(Number(item.ItemPrice.Amount) * 100), 0);
    const gift = random.chance(0.15);
    yield {
      sourceRecordId: buyerId,
      payload: {
        OrderId: `${MARKETS[Math.floor(person.index / 10_000_000) % MARKETS.length]}-${String(person.index % 10_000_000).padStart(7, '0')}-${String(k).padStart(2, '0')}${random.digits(5)}`,
        PurchaseDate: isoUtc(purchased),
        LastUpdateDate: isoUtc(purchased + random.int(1, 72) * 3_600_000),
        OrderStatus: status,
        BuyerInfo: { BuyerId: buyerId, BuyerEmail: relay, BuyerName: buyerName },
        ShippingAddress: {
          Name: gift ? `${random.pick(['Sam', 'Alex', 'Kim', 'Jo'])} ${person.family}` : buyerName,
          AddressLine1: address.street,
          AddressLine2: address.secondary ?? null,
          City: address.city,
          StateOrRegion: address.region ?? null,
          PostalCode: address.postcode,
          CountryCode: address.country,
          Phone: gift ? null : phone,
        },
        OrderTotal: status === 'Pending' ? null : { Amount: money(total), CurrencyCode: currency },
        OrderItems: items,
      },
    };
  }
}
