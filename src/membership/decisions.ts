/**
 * Steward decisions are facts every resolution respects: a must-link (a steward merged
 * these records' customers) keeps records together, a cannot-link keeps two records apart,
 * a split keeps its two sides apart. The later decision wins: a split or a cannot-link
 * lifts the must-links it contradicts. Any decision can be lifted with a reason; the
 * lifted decision is kept (what it said, who lifted it, why). See docs/decisions.md.
 */
import { appendAudit } from '../audit/audit.service.ts';
import type { Actor } from '../audit/audit.ts';
import { DomainError } from '../errors/domain-error.ts';
import type { Tx } from '../graph/executor.ts';
import {
  DECISIONS_APART,
  LIFT_CANNOT_LINK,
  LIFT_MUST_LINK,
  LIFT_SPLIT,
  LIFTED,
  MUST_LINKS_ACROSS,
  WRITE_CANNOT_LINK,
  WRITE_MUST_LINK,
  WRITE_SPLIT,
} from './decisions.cypher.ts';
import { decisionKindOf, newDecisionId } from './ids.ts';

export type LiftOutcome = { id: string; kind: 'must-link' | 'cannot-link' | 'split'; recordKeys: string[] };

/** A steward's merge: these records stay together through every later resolution. */
export async function recordMustLink(tx: Tx, keys: readonly string[], actor: Actor, reason: string, eventId: string | null): Promise<string> {
  const id = newDecisionId('must-link');
  await tx.run(WRITE_MUST_LINK, { id, keys: [...new Set(keys)].sort(), by: actor.id, role: actor.role, reason, eventId });
  return id;
}

/** Two records are different people: they never share a customer until the decision is lifted. */
export async function recordCannotLink(tx: Tx, a: string, b: string, actor: Actor, reason: string | null): Promise<{ id: string; sameCustomer: boolean }> {
  await liftContradicted(tx, [a], [b], actor, 'a later cannot-link');
  const row = (await tx.run(WRITE_CANNOT_LINK, { a, b, id: newDecisionId('cannot-link'), by: actor.id, reason })).records[0];
  if (!row) throw new DomainError('NOT_FOUND', 'Unknown record', { clientMessage: 'No record has this source and id', field: ['b'] });
  return { id: row.get('id') as string, sameCustomer: row.get('sameCustomer') as boolean };
}

/** A split's two sides stay apart; must-links across them are lifted (the split is later). */
export async function recordSplit(tx: Tx, sideA: readonly string[], sideB: readonly string[], actor: Actor, reason: string, eventIds: readonly string[]): Promise<string> {
  await liftContradicted(tx, sideA, sideB, actor, 'a later split');
  const id = newDecisionId('split');
  await tx.run(WRITE_SPLIT, { id, a: sideA, b: sideB, by: actor.id, reason, eventIds });
  return id;
}

/** The decisions that keep two (active) customers apart, by id: a merge by hand must lift them first. */
export async function decisionsApart(tx: Tx, a: string, b: string): Promise<string[]> {
  return ((await tx.run(DECISIONS_APART, { a, b })).records[0]?.get('ids') as string[] | undefined) ?? [];
}

/**
 * Lifts a must-link, cannot-link or split decision: its effect goes, the decision stays
 * as lifted. Audited in the same transaction. A pin is lifted by unpinning (the caller).
 */
export async function liftDecision(tx: Tx, id: string, actor: Actor, reason: string): Promise<LiftOutcome> {
  const kind = decisionKindOf(id);
  if (kind === null || kind === 'pin') throw new DomainError('NOT_FOUND', 'Unknown decision', { clientMessage: 'No decision has this id', field: ['id'] });
  const query = kind === 'must-link' ? LIFT_MUST_LINK : kind === 'split' ? LIFT_SPLIT : LIFT_CANNOT_LINK;
  const row = (await tx.run(query, { id, by: actor.id, reason })).records[0];
  if (!row) {
    const lifted = (await tx.run(LIFTED, { id })).records.length > 0;
    throw lifted
      ? new DomainError('CONFLICT', 'Decision already lifted', { clientMessage: 'This decision is already lifted', field: ['id'] })
      : new DomainError('NOT_FOUND', 'Unknown decision', { clientMessage: 'No decision has this id', field: ['id'] });
  }
  const recordKeys = row.get('recordKeys') as string[];
  await appendAudit(tx, actor, [{ operation: 'decision.lift', recordKeys, reason, detail: { decision: id, kind } }]);
  return { id, kind, recordKeys };
}

async function liftContradicted(tx: Tx, sideA: readonly string[], sideB: readonly string[], actor: Actor, why: string): Promise<void> {
  const ids = (await tx.run(MUST_LINKS_ACROSS, { a: sideA, b: sideB })).records.map((r) => r.get('id') as string);
  for (const id of ids) await liftDecision(tx, id, actor, `superseded by ${why}`);
}
