import { basket, longTail } from '../catalogue.ts';
import { countries } from '../countries.ts';
import { momentsInOrder, offsetAt, wallClock, type Emitted, type SourceView } from '../views.ts';
import { loyaltyCard } from './ids.ts';

const STORES: Record<string, readonly string[]> = {
  GB: ['LDN-004', 'LDN-011', 'MAN-002', 'EDI-001'],
  US: ['NYC-001', 'SFO-003', 'CHI-002', 'BOS-001'],
  DE: ['BER-001', 'MUC-002', 'HAM-001'],
  FR: ['PAR-001', 'PAR-007', 'LYO-001'],
};

/** Till receipts scanned with a loyalty card: local wall-clock time, money in cents. */
export function* posPayloads(view: SourceView): Generator<Emitted> {
  const { person, random } = view;
  const card = loyaltyCard(person.index);
  const written = random.chance(0.2) ? card.replace('-', ' ').toLowerCase() : card;
  const stores = STORES[person.country]!;
  const home = random.pick(stores);
  const currency = countries[person.country].currency;
  const times = momentsInOrder(view, longTail(random, 1, 15));
  for (const [k, at] of times.entries()) {
    const offset = offsetAt(view, at);
    const items = basket(random, 5, true).map((product) => ({
      Code: product.sku,
      Description: random.chance(0.7) ? product.title : null,
      Qty: product.weighed ? random.int(150, 1500) / 1000 : 1 + random.weighted([0.8, 0.15, 0.05]),
      Amount: product.price,
    }));
    yield {
      sourceRecordId: card,
      payload: {
        ReceiptNo: String(person.index * 16 + k).padStart(6, '0'),
        StoreId: random.chance(0.8) ? home : random.pick(stores),
        Timestamp: wallClock(at, offset),
        UtcOffset: offset,
        LoyaltyCard: written,
        Items: items,
        TotalCents: items.reduce((sum, item) => sum + Math.round(item.Qty * item.Amount), 0),
        Currency: currency,
      },
    };
  }
}
