import { randomUUID } from 'node:crypto';
import type { Tx } from '../graph/executor.ts';
import { APPEND_OUTBOX } from './outbox.cypher.ts';

export const changeTypes = ['CUSTOMER_CREATED', 'CUSTOMER_UPDATED', 'CUSTOMER_MERGED', 'CUSTOMER_SPLIT'] as const;
export type ChangeType = (typeof changeTypes)[number];

/**
 * What a change event says: ids and attribute names, never values. MERGED: records of
 * `relatedIds` joined `customerId`; SPLIT: records left `customerId` for `relatedIds`.
 */
export type ChangeInput = { type: ChangeType; customerId: string; relatedIds?: readonly string[]; changedAttributes?: readonly string[] };

/** An event as stored and sent, once the sequencer gave it its place. */
export type ChangeEvent = { id: string; seq: number; at: string; type: ChangeType; customerId: string; relatedIds: string[]; changedAttributes: string[] };

/**
 * Appends change events inside the caller's transaction: an event exists iff its change
 * commits. Nothing here contends: the sequencer orders them later (outbox.service.ts).
 */
export async function appendOutbox(tx: Tx, events: readonly ChangeInput[]): Promise<void> {
  if (events.length === 0) return;
  await tx.run(APPEND_OUTBOX, { events: events.map(toRow) });
}

function toRow(event: ChangeInput) {
  return {
    id: randomUUID(),
    type: event.type,
    customerId: event.customerId,
    relatedIds: [...new Set(event.relatedIds ?? [])],
    // Names only: the golden refresh passes attribute names, a merge or split none.
    changedAttributes: [...new Set(event.changedAttributes ?? [])].sort(),
  };
}
