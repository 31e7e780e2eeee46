import { DomainError } from '../errors/domain-error.ts';
import { interactionTypes, type InteractionType } from '../ingest/canonical.ts';

/** The largest timeline page (Customer.timeline.first in query-limits.ts says the same to the document check). */
export const MAX_TIMELINE_PAGE = 100;

/** Later than any stored instant, earlier than any: the open ends of a page's window. */
const END_OF_TIME = 8_640_000_000_000_000;

export type TimelineArgs = {
  first?: number | null;
  after?: string | null;
  types?: readonly InteractionType[] | null;
  channels?: readonly string[] | null;
  /** ISO instants; `from` inclusive, `to` exclusive. */
  from?: string | null;
  to?: string | null;
};

/** One page request as the timeline statement takes it: every bound set, none optional in the query. */
export type TimelineRequest = {
  id: string;
  limit: number;
  beforeAt: number;
  beforeKey: string;
  types: InteractionType[];
  channels: string[] | null;
  from: number;
  to: number;
};

/** A position in a timeline: the interaction's time and key, newest first, key descending on ties. */
export type TimelinePosition = { occurredAt: number; key: string };

export const encodeCursor = (p: TimelinePosition): string => Buffer.from(JSON.stringify([p.occurredAt, p.key])).toString('base64url');

export function decodeCursor(cursor: string): TimelinePosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && Number.isSafeInteger(parsed[0]) && typeof parsed[1] === 'string' && parsed[1].length > 0) {
      return { occurredAt: parsed[0] as number, key: parsed[1] };
    }
  } catch {
    // Not base64 JSON: refused below like any other bad cursor.
  }
  throw new DomainError('BAD_USER_INPUT', 'Bad timeline cursor', { clientMessage: 'after is not a cursor of this timeline', field: ['after'] });
}

/**
 * Checks a timeline's arguments and turns them into the statement's bounds.
 * @example timelineRequest('cus_1', { first: 10 }).limit // 11: one more, to know whether a next page exists
 */
export function timelineRequest(id: string, args: TimelineArgs): TimelineRequest {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 0 || first > MAX_TIMELINE_PAGE) {
    throw new DomainError('BAD_USER_INPUT', 'Bad timeline page size', { clientMessage: `first must be 0 to ${MAX_TIMELINE_PAGE}`, field: ['first'] });
  }
  const after = args.after ? decodeCursor(args.after) : null;
  const from = args.from ? Date.parse(args.from) : -END_OF_TIME;
  const to = args.to ? Date.parse(args.to) : END_OF_TIME;
  if (from > to) throw new DomainError('BAD_USER_INPUT', 'Timeline window ends before it starts', { clientMessage: 'from must not be after to', field: ['from'] });
  return {
    id,
    limit: first + 1,
    // No cursor: before the end of time, and after every key at that instant ('\uffff' sorts after any key).
    beforeAt: after ? after.occurredAt : END_OF_TIME,
    beforeKey: after ? after.key : '\uffff',
    types: args.types && args.types.length > 0 ? [...new Set(args.types)] : [...interactionTypes],
    channels: args.channels && args.channels.length > 0 ? [...new Set(args.channels)] : null,
    from,
    to,
  };
}

/** The key a request is cached under in the per-request loader. */
export const requestKey = (r: TimelineRequest): string => JSON.stringify(r);
