import { DomainError } from '../errors/domain-error.ts';
import type { HoldReason } from './cluster.ts';

/** A record pair behind a review item: an open `MATCHED {decision: 'review'}` between records of two customers. */
export type ReviewPairModel = {
  aKey: string;
  bKey: string;
  probability: number;
  modelVersion: string;
  decidedAt: string;
  /** Set when the pair scored a link that an over-merge guard held back. */
  heldBack: HoldReason | null;
  /** What the first blocking rule that found the pair stored: `identifier:<type>` or `rule:key`. */
  blockedBy: string | null;
};

/** Two customers that may be one person, with the record pairs that say so, best first. */
export type ReviewItemModel = {
  id: string;
  /** The two customer ids, a < b. */
  a: string;
  b: string;
  /** The best probability of its pairs. */
  probability: number;
  /** When its oldest pair was decided (ISO 8601). */
  createdAt: string;
  assignee: string | null;
  assignedAt: string | null;
  pairs: ReviewPairModel[];
  cursor: string;
};

export type ReviewOrder = 'SCORE' | 'AGE';

/** Where a page ends: the sort values of its last item, in the order it was listed in. */
export type ReviewCursor = { order: ReviewOrder; probability: number; createdAt: string; id: string };

const SEPARATOR = ':';
const CUSTOMER_ID = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * A review item's id: its two customer ids, smaller first. The same two customers always
 * give the same id, so a steward can list, assign and decide by it.
 * @example reviewItemId('cus_b', 'cus_a') // 'cus_a:cus_b'
 */
export const reviewItemId = (x: string, y: string): string => (x < y ? `${x}${SEPARATOR}${y}` : `${y}${SEPARATOR}${x}`);

/**
 * The two customer ids of a review item id, smaller first; BAD_USER_INPUT for anything else.
 * @example customersOfItem('cus_a:cus_b', ['id']) // ['cus_a', 'cus_b']
 */
export function customersOfItem(id: string, field: ReadonlyArray<string | number>): [string, string] {
  const parts = id.split(SEPARATOR);
  if (parts.length !== 2 || !parts.every((p) => CUSTOMER_ID.test(p)) || parts[0] === parts[1]) {
    throw new DomainError('BAD_USER_INPUT', 'Bad review item id', { clientMessage: 'Not a review item id (two customer ids joined by :)', field });
  }
  return parts.sort() as [string, string];
}

/** @example encodeCursor({ order: 'SCORE', probability: 0.9, createdAt: '2026-01-01T00:00:00.000Z', id: 'cus_a:cus_b' }) // 'WyJTQ09SRSIs...' */
export function encodeCursor(cursor: ReviewCursor): string {
  return Buffer.from(JSON.stringify([cursor.order, cursor.probability, cursor.createdAt, cursor.id])).toString('base64url');
}

/** The cursor an `after` argument holds; BAD_USER_INPUT when it is not one, or is one of the other order. */
export function decodeCursor(after: string, order: ReviewOrder): ReviewCursor {
  const bad = () => new DomainError('BAD_USER_INPUT', 'Bad review cursor', { clientMessage: 'after must be the cursor of an item listed in the same order', field: ['after'] });
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(value) || value.length !== 4) throw bad();
  const [o, probability, createdAt, id] = value as unknown[];
  if (o !== order || typeof probability !== 'number' || typeof createdAt !== 'string' || typeof id !== 'string') throw bad();
  return { order, probability, createdAt, id };
}

/** An item as the queue query returns it, with its cursor for the order it was listed in; pairs best first. */
export function itemOf(row: Omit<ReviewItemModel, 'cursor'>, order: ReviewOrder): ReviewItemModel {
  const pairs = [...row.pairs].sort((x, y) => y.probability - x.probability || x.aKey.localeCompare(y.aKey) || x.bKey.localeCompare(y.bKey));
  return { ...row, pairs, cursor: encodeCursor({ order, probability: row.probability, createdAt: row.createdAt, id: row.id }) };
}

const STAFF_ID = /^[^\s\p{C}]{1,200}$/u;

/** A steward's id to assign an item to, or null to take it off whoever has it. */
export function checkAssignee(assignee: string | null, field: string): string | null {
  if (assignee === null) return null;
  if (!STAFF_ID.test(assignee)) {
    throw new DomainError('BAD_USER_INPUT', 'Bad assignee', { clientMessage: `${field} must be 1 to 200 characters, without spaces`, field: [field] });
  }
  return assignee;
}
