import type { Random } from './random.ts';

/** The products every shop, till and marketplace sells; prices are in minor units of any currency. */
export type Product = { sku: string; title: string; category: string; price: number; weighed?: boolean };

export const catalogue: readonly Product[] = [
  { sku: 'SKU-TEA-01', title: 'Earl Grey, 250g', category: 'Tea', price: 650 },
  { sku: 'SKU-TEA-02', title: 'Assam breakfast tea, 500g', category: 'Tea', price: 990 },
  { sku: 'SKU-TEA-03', title: 'Sencha green tea, 100g', category: 'Tea', price: 1250 },
  { sku: 'SKU-COF-01', title: 'Espresso beans, 1kg', category: 'Coffee', price: 1899 },
  { sku: 'SKU-COF-02', title: 'Filter coffee, ground, 500g', category: 'Coffee', price: 899 },
  { sku: 'SKU-COF-03', title: 'Decaf house blend, 250g', category: 'Coffee', price: 749 },
  { sku: 'SKU-MUG-01', title: 'Stoneware mug', category: 'Kitchen', price: 1200 },
  { sku: 'SKU-MUG-02', title: 'Enamel mug', category: 'Kitchen', price: 1899 },
  { sku: 'SKU-POT-01', title: 'Cast iron teapot', category: 'Kitchen', price: 4500 },
  { sku: 'SKU-GRD-01', title: 'Burr coffee grinder', category: 'Kitchen', price: 8999 },
  { sku: 'SKU-KET-01', title: 'Gooseneck kettle', category: 'Kitchen', price: 6499 },
  { sku: 'SKU-BIS-01', title: 'Shortbread biscuits', category: 'Bakery', price: 349 },
  { sku: 'SKU-BIS-02', title: 'Almond cantuccini', category: 'Bakery', price: 429 },
  { sku: 'SKU-CHO-01', title: 'Dark chocolate 70%', category: 'Confectionery', price: 299 },
  { sku: 'SKU-CHO-02', title: 'Hot chocolate flakes', category: 'Confectionery', price: 799 },
  { sku: 'SKU-HON-01', title: 'Wildflower honey, 340g', category: 'Pantry', price: 699 },
  { sku: 'SKU-JAM-01', title: 'Seville orange marmalade', category: 'Pantry', price: 459 },
  { sku: 'SKU-GFT-01', title: 'Tea tasting gift box', category: 'Gifts', price: 3500 },
  { sku: 'SKU-GFT-02', title: 'Gift card', category: 'Gifts', price: 2500 },
  { sku: 'SKU-SUB-01', title: 'Coffee subscription, monthly', category: 'Subscriptions', price: 2200 },
  { sku: 'BAN-LOOSE', title: 'Loose bananas', category: 'Fresh', price: 198, weighed: true },
  { sku: 'APL-LOOSE', title: 'Loose apples', category: 'Fresh', price: 265, weighed: true },
  { sku: 'NUT-MIX', title: 'Mixed nuts, loose', category: 'Fresh', price: 1890, weighed: true },
];

const packaged = catalogue.filter((p) => !p.weighed);

/** 1 to `max` distinct products, weighed goods only when `loose` (a till, not a web shop). */
export function basket(random: Random, max: number, loose = false): Product[] {
  const shelf = loose ? catalogue : packaged;
  const size = Math.min(max, 1 + random.weighted([0.45, 0.3, 0.15, 0.1]));
  const chosen = new Set<Product>();
  while (chosen.size < size) chosen.add(random.pick(shelf));
  return [...chosen];
}

/** How many of a thing: mostly one or two, sometimes many (the long tail of heavy users). */
export function longTail(random: Random, min: number, max: number): number {
  let n = min;
  while (n < max && random.chance(0.45)) n++;
  return n;
}

/** Minor units as the decimal string most APIs send: 1299 → '12.99'. */
export const money = (minor: number): string => (minor / 100).toFixed(2);
