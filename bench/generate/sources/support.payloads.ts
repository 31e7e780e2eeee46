import { longTail } from '../catalogue.ts';
import { isoAt, momentsInOrder, offsetAt, seenEmail, seenName, seenPhone, type Emitted, type SourceView } from '../views.ts';

const CATEGORIES = ['question', 'question', 'complaint', 'refund', 'delivery', 'account', null] as const;
const STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed', 'solved', 'closed'] as const;
const SUBJECTS = ['Where is my order?', 'Refund request', 'Cannot log in', 'Damaged item', 'Change of address', 'Question about my invoice'];

/** Zendesk-like tickets: the requester has one display name, an e-mail and sometimes a phone. */
export function* supportPayloads(view: SourceView): Generator<Emitted> {
  const { person, random } = view;
  // A second requester made by mistake (another e-mail, a phone call logged separately).
  const requesterId = (view.copy === 0 ? 360_000_000 : 9_000_000_000) + person.index;
  const times = momentsInOrder(view, view.copy === 0 ? longTail(random, 1, 8) : longTail(random, 1, 2));
  const seen = seenName(view, times[0]!);
  const style = random.int(0, 5);
  const name =
    style === 0 ? seen.given
      : style === 1 ? `${seen.given} ${seen.family[0]}.`
        : style === 2 ? `${seen.given} ${seen.family}`.toLowerCase()
          : `${seen.given} ${seen.family}`;
  const requester = {
    id: requesterId,
    name,
    email: seenEmail(view, times[0]!),
    phone: random.chance(0.3) ? seenPhone(view, person.mobile, random.chance(0.5) ? 'international' : 'e164', false) : null,
  };
  for (const [k, created] of times.entries()) {
    // Up to eight tickets, ids index * 10 + 1..8; a second requester's one or two take + 9 and + 10.
    const id = person.index * 10 + k + (view.copy === 0 ? 1 : 9);
    const offset = offsetAt(view, created);
    yield {
      sourceRecordId: String(requesterId),
      payload: {
        ticket: {
          id,
          url: random.chance(0.6) ? `https://help.example.com/api/v2/tickets/${id}.json` : null,
          status: random.pick(STATUSES),
          category: random.pick(CATEGORIES),
          subject: random.pick(SUBJECTS),
          requester,
          created_at: isoAt(created, offset),
          updated_at: isoAt(created + random.int(60, 5 * 86_400) * 1000, offset),
        },
      },
    };
  }
}
