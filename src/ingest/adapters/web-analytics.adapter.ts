import { z } from 'zod';
import type { Identifier, Interaction } from '../canonical.ts';
import { defineAdapter, recordIdFrom } from '../source-adapter.ts';
import { clean, emailsOf, namesOf, optionalText, phonesOf } from './field-parsers.ts';

/**
 * Web and mobile analytics events as a Segment-like pipeline sends them: camelCase, one
 * event per payload, `anonymousId` from the browser cookie, `context.device.id` on mobile
 * and `userId` only once the visitor has logged in. Search terms and query strings are
 * not carried: visitors type personal data into them.
 *
 * Only an `identify` event (the login) carries a person: the user's record with its
 * traits, holding both the user id and the cookie (or device). That is what ties a cookie
 * to a person, so the anonymous page views already hanging off the cookie reach the user.
 * Every other event carries no person and hangs off one identifier: the user id once
 * logged in, else the device or cookie. A person holding only ids would, being newer,
 * replace the names and emails the identify event stored.
 */
const ids = {
  messageId: z.string().trim().min(1).max(200),
  anonymousId: z.string().trim().min(1).max(320).nullish(),
  userId: z.string().trim().min(1).max(320).nullish(),
  context: z.looseObject({ device: z.looseObject({ id: optionalText }).nullish() }).nullish(),
  properties: z
    .looseObject({ url: optionalText, path: optionalText, product_id: optionalText, category: optionalText })
    .nullish(),
  timestamp: z.iso.datetime({ offset: true }),
};
const traits = z.looseObject({
  email: optionalText,
  firstName: optionalText,
  lastName: optionalText,
  name: optionalText,
  phone: optionalText,
});

export const webEventSchema = z
  .discriminatedUnion('type', [
    z.looseObject({ ...ids, type: z.literal('page'), name: optionalText }),
    z.looseObject({ ...ids, type: z.literal('screen'), name: optionalText }),
    z.looseObject({ ...ids, type: z.literal('track'), event: z.string().trim().min(1).max(200) }),
    z.looseObject({ ...ids, type: z.literal('identify'), traits: traits.nullish() }),
  ])
  .refine((e) => e.userId || e.anonymousId || clean(e.context?.device?.id), {
    message: 'An event needs a userId, an anonymousId or a context.device.id',
    path: ['anonymousId'],
  });
export type WebEvent = z.infer<typeof webEventSchema>;

const trackSubtypes: Record<string, string> = {
  'Product Viewed': 'product_view',
  'Product List Viewed': 'product_list_view',
  'Product Added': 'add_to_cart',
  'Product Removed': 'remove_from_cart',
  'Checkout Started': 'checkout_start',
  'Order Completed': 'order_complete',
  'Signed In': 'login',
  'Signed Out': 'logout',
  'Signed Up': 'sign_up',
};

const snakeCase = (name: string) =>
  name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 100) || 'event';

function subtypeOf(event: WebEvent): string {
  switch (event.type) {
    case 'page':
      return 'page_view';
    case 'screen':
      return 'screen_view';
    case 'identify':
      return 'identify';
    case 'track':
      return trackSubtypes[event.event] ?? snakeCase(event.event);
  }
}

/** The product, else the page path without query string or fragment. */
function referenceOf(properties: WebEvent['properties']): string | undefined {
  const product = clean(properties?.product_id);
  if (product !== undefined) return `product:${product}`;
  const path = clean(properties?.path) ?? clean(URL.parse(properties?.url ?? '')?.pathname);
  return path?.split(/[?#]/)[0]?.slice(0, 500) || undefined;
}

export const webAnalyticsAdapter = defineAdapter<WebEvent>({
  kind: 'web',
  description: 'Web and mobile analytics events (Segment-like)',
  defaultPriority: 20,
  payloadSchema: webEventSchema,
  // Only the login (identify with a user id) is a person's record.
  recordIdOf: recordIdFrom(z.looseObject({ type: z.literal('identify'), userId: ids.userId }).transform((event) => clean(event.userId))),
  toCanonical(event, context, problems = []) {
    const device = clean(event.context?.device?.id);
    const anonymous = clean(event.anonymousId);
    const visitor: Identifier | undefined = device
      ? { type: 'device', value: device }
      : anonymous
        ? { type: 'cookie', value: anonymous }
        : undefined;
    const interaction: Interaction = {
      type: 'web_event',
      id: event.messageId,
      occurredAt: event.timestamp,
      subtype: subtypeOf(event),
      category: clean(event.properties?.category),
      reference: referenceOf(event.properties),
    };
    const userId = clean(event.userId);
    if (event.type !== 'identify' || userId === undefined) {
      // Activity, not a login: it hangs off the user id when logged in, else off the
      // cookie (or device) of an unknown visitor; it is not stored as a record.
      const via: Identifier | undefined = userId !== undefined ? { type: 'user_id', value: userId } : visitor;
      return {
        source: context.source,
        sourceRecordId: event.messageId,
        updatedAt: event.timestamp,
        interactions: [{ ...interaction, via }],
      };
    }
    // The login: ties the cookie (or device) to the user's record, with the traits given.
    const t = event.traits;
    const split = clean(t?.firstName) !== undefined || clean(t?.lastName) !== undefined;
    return {
      source: context.source,
      sourceRecordId: userId,
      updatedAt: event.timestamp,
      person: {
        names: split ? namesOf({ given: t?.firstName, family: t?.lastName }) : namesOf({ full: t?.name }),
        emails: emailsOf(problems, { 'traits.email': t?.email }),
        phones: phonesOf(problems, context.defaultCountry, { 'traits.phone': t?.phone }),
        identifiers: [{ type: 'user_id', value: userId }, ...(visitor ? [visitor] : [])],
      },
      interactions: [interaction],
    };
  },
});
