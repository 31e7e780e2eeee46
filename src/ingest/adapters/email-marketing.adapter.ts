import { z } from 'zod';
import { defineAdapter, recordIdFrom } from '../source-adapter.ts';
import { consentsOf } from '../../privacy/consent/consent-parse.ts';
import { EVIDENCE_PATTERN } from '../../privacy/consent/consent.ts';
import { emailsOf, instantWithOffset, namesOf, optionalText, phonesOf } from './field-parsers.ts';

/**
 * Email marketing (Mailchimp-like): a payload is a subscriber or an event, told apart by
 * `record_type`. Subscribers carry UPPERCASE merge fields and an ISO `last_changed`;
 * events carry a webhook-style `timestamp` as 'YYYY-MM-DD HH:mm:ss' in UTC.
 */
const subscriberId = z.string().trim().min(1).max(200);
const emailAddress = z.string().trim().min(3).max(320);

const subscriberSchema = z.looseObject({
  record_type: z.literal('subscriber'),
  subscriber_id: subscriberId,
  email_address: emailAddress,
  /** Mailchimp sends '' for unset merge fields. */
  merge_fields: z
    .looseObject({
      FNAME: optionalText,
      LNAME: optionalText,
      PHONE: optionalText,
      /** 'MM/DD' with no year: not a date of birth, so never mapped. */
      BIRTHDAY: optionalText,
    })
    .default({}),
  status: z.enum(['subscribed', 'unsubscribed', 'cleaned', 'pending', 'transactional']),
  last_changed: z.iso.datetime({ offset: true }),
  /** When the subscriber confirmed the opt-in (ISO 8601); checked as the consent's givenAt, so a bad one costs only the consent. */
  timestamp_opt: optionalText,
  /** The audience (list) the subscription is to: the consent's evidence. */
  list_id: optionalText,
});

const eventSchema = z.looseObject({
  record_type: z.literal('event'),
  event_id: z.string().trim().min(1).max(200),
  subscriber_id: subscriberId,
  email_address: emailAddress,
  action: z.enum(['sent', 'open', 'click', 'bounce', 'unsubscribe']),
  campaign_id: z.string().trim().min(1).max(200),
  /** The clicked link: may carry tracking tokens or personal data, so not carried. */
  url: optionalText,
  timestamp: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'Expected a UTC time as YYYY-MM-DD HH:mm:ss'),
});

export const emailMarketingPayloadSchema = z.discriminatedUnion('record_type', [subscriberSchema, eventSchema]);
export type EmailMarketingPayload = z.infer<typeof emailMarketingPayloadSchema>;

export const emailMarketingAdapter = defineAdapter<EmailMarketingPayload>({
  kind: 'email',
  description: 'Email marketing subscribers and campaign events (Mailchimp-like)',
  defaultPriority: 30,
  payloadSchema: emailMarketingPayloadSchema,
  recordIdOf: recordIdFrom(z.looseObject({ record_type: z.literal('subscriber'), subscriber_id: subscriberId }).transform((subscriber) => subscriber.subscriber_id)),
  toCanonical(payload, context, problems = []) {
    if (payload.record_type === 'subscriber') {
      const fields = payload.merge_fields;
      return {
        source: context.source,
        sourceRecordId: payload.subscriber_id,
        updatedAt: payload.last_changed,
        person: {
          names: namesOf({ given: fields.FNAME, family: fields.LNAME }),
          emails: emailsOf(problems, { email_address: payload.email_address }),
          phones: phonesOf(problems, context.defaultCountry, { 'merge_fields.PHONE': fields.PHONE }),
        },
        interactions: [],
        consents: consentsOf(problems, subscriberConsents(payload)),
      };
    }
    // An event carries no person: an email-only person under the subscriber's id would
    // replace the subscriber's names and phone. It hangs off the email address instead,
    // reaching the subscriber (and any other record) with that address.
    const firedAt = instantWithOffset(payload.timestamp, 'Z', ['payload', 'timestamp']);
    return {
      source: context.source,
      sourceRecordId: payload.event_id,
      updatedAt: firedAt,
      interactions: [
        {
          type: 'email_event',
          id: payload.event_id,
          occurredAt: firedAt,
          subtype: payload.action,
          reference: payload.campaign_id,
          via: { type: 'email', value: payload.email_address },
        },
      ],
    };
  },
});

/**
 * A subscriber's status as a marketing decision on EMAIL: 'subscribed' is a grant, given
 * when the opt-in was confirmed (timestamp_opt, else last_changed); 'unsubscribed' a
 * denial given at last_changed. 'pending' (double opt-in not confirmed), 'cleaned'
 * (undeliverable) and 'transactional' are no marketing decision at all.
 */
function subscriberConsents(subscriber: Extract<EmailMarketingPayload, { record_type: 'subscriber' }>) {
  const list = subscriber.list_id?.trim();
  const evidence = list && EVIDENCE_PATTERN.test(`list:${list}`) ? { evidence: `list:${list}` } : {};
  if (subscriber.status === 'subscribed') {
    const givenAt = subscriber.timestamp_opt?.trim() || subscriber.last_changed;
    return [{ field: ['payload', subscriber.timestamp_opt?.trim() ? 'timestamp_opt' : 'status'], value: { purpose: 'MARKETING', channel: 'EMAIL', status: 'GRANTED', givenAt, ...evidence } }];
  }
  if (subscriber.status === 'unsubscribed') {
    return [{ field: ['payload', 'status'], value: { purpose: 'MARKETING', channel: 'EMAIL', status: 'DENIED', givenAt: subscriber.last_changed, ...evidence } }];
  }
  return [];
}
