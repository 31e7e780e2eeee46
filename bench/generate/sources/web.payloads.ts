import { catalogue, longTail } from '../catalogue.ts';
import { isoUtc, momentAfter, seenEmail, seenName, seenPhone, type Emitted, type SourceView } from '../views.ts';
import { cookieOf, deviceOf } from './ids.ts';

const PAGES = ['/', '/products', '/cart', '/checkout', '/account', '/blog/brewing-guide', '/stores', '/gift-cards'];
const EVENTS = ['Product Viewed', 'Product Viewed', 'Product Added', 'Product List Viewed', 'Checkout Started', 'Order Completed'];

type Ids = { anonymousId: string; userId?: string; context?: { device: { id: string }; os: { name: string } } };

/**
 * Segment-like events: a visitor browses under a cookie (or an app's device id), then
 * identifies on login; later events carry both the user id and the cookie.
 */
export function* webPayloads(view: SourceView, seed: number): Generator<Emitted> {
  const { person, random } = view;
  // A second sign-up (another user id, from another browser or phone) has '-2' ids and '_' message ids.
  const { copy } = view;
  const userId = `u-${person.index.toString(36)}${copy === 0 ? '' : `-${copy + 1}`}`;
  const app = random.chance(0.2);
  const ids: Ids = { anonymousId: cookieOf(seed, person.index, copy) };
  if (app) ids.context = { device: { id: deviceOf(seed, person.index, copy) }, os: { name: random.chance(0.5) ? 'iOS' : 'Android' } };
  let at = momentAfter(view);
  let n = 0;
  const next = (): { messageId: string; timestamp: string } => {
    at += random.int(3, 300) * 1000 + random.int(0, 999);
    return { messageId: `msg-${person.index.toString(36)}${copy === 0 ? '-' : '_'}${(n++).toString(36)}`, timestamp: isoUtc(at) };
  };
  const browse = (known: Ids): Record<string, unknown> => {
    if (random.chance(0.55)) {
      const path = random.pick(PAGES);
      const query = random.chance(0.2) ? '?utm_source=newsletter&utm_medium=email' : '';
      return { ...next(), type: app ? 'screen' : 'page', ...known, name: path === '/' ? 'Home' : path.slice(1), properties: { url: `https://shop.example.com${path}${query}`, path } };
    }
    const product = random.pick(catalogue);
    const event = random.pick(EVENTS);
    return { ...next(), type: 'track', event, ...known, properties: { product_id: product.sku, category: product.category, path: `/products/${product.sku.toLowerCase()}` } };
  };

  const anonymous = longTail(random, 1, 15);
  for (let k = 0; k < anonymous; k++) yield { payload: browse(ids) };

  const known: Ids = { ...ids, userId };
  const name = seenName(view, at);
  const style = random.int(0, 9);
  const traits: Record<string, string | null> = { email: seenEmail(view, at) };
  if (style < 6) Object.assign(traits, { firstName: name.given, lastName: name.family });
  else if (style < 9) traits.name = `${name.given} ${name.family}`;
  if (random.chance(0.2)) traits.phone = seenPhone(view, person.mobile, 'e164', false);
  yield { sourceRecordId: userId, payload: { ...next(), type: 'identify', ...known, traits } };
  yield { sourceRecordId: userId, payload: { ...next(), type: 'track', event: 'Signed In', ...known } };

  const loggedIn = longTail(random, 0, 20);
  for (let k = 0; k < loggedIn; k++) yield { sourceRecordId: userId, payload: browse(known) };
}
