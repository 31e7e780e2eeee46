import { randomBytes } from 'node:crypto';

/** A customer's id: immutable, never reused (a merged-away customer keeps its node and id). */
export const newCustomerId = (): string => `cus_${randomBytes(12).toString('hex')}`;
/** A lineage event's id: merges, splits, unmerges and undos, by hand or by resolution. */
export const newEventId = (): string => `lin_${randomBytes(10).toString('hex')}`;

/** Steward decisions, by kind: each id names its kind by its prefix. */
export const DECISION_PREFIX = { 'must-link': 'mlk_', 'cannot-link': 'cnl_', split: 'spl_' } as const;
export type DecisionKind = keyof typeof DECISION_PREFIX | 'pin';
export const newDecisionId = (kind: keyof typeof DECISION_PREFIX): string => `${DECISION_PREFIX[kind]}${randomBytes(10).toString('hex')}`;

/** A pin has no node of its own: its decision id names the customer and the attribute. */
export const pinDecisionId = (customerId: string, attribute: string): string => `pin:${customerId}:${attribute}`;

/** The kind of a decision id, or null when it names none. */
export function decisionKindOf(id: string): DecisionKind | null {
  if (/^pin:cus_[0-9a-f]{24}:[A-Za-z]+$/.test(id)) return 'pin';
  for (const [kind, prefix] of Object.entries(DECISION_PREFIX)) if (id.startsWith(prefix) && /^[0-9a-f]{20}$/.test(id.slice(prefix.length))) return kind as DecisionKind;
  return null;
}
