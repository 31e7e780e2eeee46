import { longTail } from '../catalogue.ts';
import { emailVariant } from '../corruption.ts';
import { isoAt, momentAfter, personalEmailAt, seenName, seenPhone, wallClock, type Emitted, type SourceView } from '../views.ts';
import { hashInts } from '../random.ts';

const ACTIONS = ['sent', 'sent', 'sent', 'open', 'open', 'click', 'bounce', 'unsubscribe'] as const;

/** A Mailchimp-like subscriber (always with an address: it is the list's key) and campaign events. */
export function* emailPayloads(view: SourceView, seed: number): Generator<Emitted> {
  const { person, random } = view;
  const { copy } = view;
  const subscriberId = `${hashInts(copy === 0 ? [seed, person.index, 21] : [seed, person.index, 21, copy]).toString(16).padStart(8, '0')}${person.index.toString(16)}${copy === 0 ? '' : `-${copy + 1}`}`;
  // The list's key: never missing. A second subscription is under the work address, or a '+' alias.
  const changed = momentAfter(view);
  const own = person.workEmail !== undefined && random.chance(0.1) ? person.workEmail : personalEmailAt(person, changed);
  const second = copy === 0 ? own : (person.workEmail ?? own.replace('@', `+${random.pick(['news', 'shop', 'offers'])}@`));
  const address = random.chance(view.rates.emailVariant) ? emailVariant(random, second) : second;
  const name = seenName(view, changed);
  const named = random.chance(0.75);
  const dob = person.dateOfBirth;
  yield {
    sourceRecordId: subscriberId,
    payload: {
      record_type: 'subscriber',
      subscriber_id: subscriberId,
      email_address: address,
      merge_fields: {
        FNAME: named ? name.given : '',
        LNAME: named ? name.family : '',
        PHONE: random.chance(0.15) ? (seenPhone(view, person.mobile, 'e164', false) ?? '') : '',
        BIRTHDAY: random.chance(0.2) ? `${dob.slice(5, 7)}/${dob.slice(8, 10)}` : '',
      },
      status: random.chance(0.85) ? 'subscribed' : random.pick(['unsubscribed', 'cleaned', 'pending']),
      last_changed: isoAt(changed, '+00:00', false).replace('Z', '+00:00'),
    },
  };
  const events = longTail(random, 0, 30);
  let at = changed;
  for (let k = 0; k < events; k++) {
    at = momentAfter(view, at - 30 * 86_400_000);
    const action = random.pick(ACTIONS);
    const campaign = `cmp-${new Date(at).getUTCFullYear()}-${String(random.int(1, 52)).padStart(2, '0')}`;
    yield {
      sourceRecordId: subscriberId,
      payload: {
        record_type: 'event',
        event_id: `ev-${person.index.toString(36)}${copy === 0 ? '-' : '_'}${k.toString(36)}`,
        subscriber_id: subscriberId,
        email_address: address,
        action,
        campaign_id: campaign,
        url: action === 'click' ? `https://shop.example.com/${campaign}?e=${subscriberId}` : null,
        timestamp: wallClock(at, '+00:00'),
      },
    };
  }
}
