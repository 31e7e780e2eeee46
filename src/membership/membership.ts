/**
 * The one writer of customer membership: which records make up which customer, merges and
 * their lineage. Resolution (streaming and bulk), review approval and a steward's merge,
 * split, unmerge and undo all change membership through these functions, inside the
 * caller's transaction:
 *
 * 1. lock: `lockActive` (customers, following merge chains) and `lockRecords`, each in
 *    sorted order, before reading the state the change depends on;
 * 2. write: `createCustomers`, `assignRecords`, `mergeCustomers`, `moveRecords`, ...;
 * 3. `assertConsistent` over what was touched: a violated invariant fails the transaction.
 */
import type { Actor } from '../audit/audit.ts';
import { DomainError } from '../errors/domain-error.ts';
import { appendOutbox, type ChangeInput } from '../events/outbox.ts';
import type { Tx } from '../graph/executor.ts';
import {
  ACTIVE_OF,
  ASSIGN_RECORDS,
  CREATE_CUSTOMERS,
  LOCK_CUSTOMERS,
  LOCK_EXACT,
  MARK_UNDONE,
  LOCK_RECORDS,
  MEMBERSHIP_VIOLATIONS,
  MERGE_CUSTOMERS,
  MOVE_RECORDS,
  REACTIVATE,
  RETIRE_EMPTY,
  WRITE_LINEAGE_EVENTS,
} from './membership.cypher.ts';
import { newEventId } from './ids.ts';

export type LockedCustomer = { activeId: string; createdAt: string; records: number };
export type Assignment = { key: string; customer: string; rule: string; viaMerge?: string | null };
export type MergeOrder = { from: string; into: string; reason: string; evidence?: string; eventId?: string; undoes?: string | null };
export type Move = { key: string; from: string; to: string };
export type LineageKind = 'merge' | 'split' | 'unmerge' | 'undo';
export type LineageEvent = { id: string; kind: LineageKind; from: string; to: string; reason: string; evidence?: string; recordKeys: readonly string[]; undoes?: string | null; decision?: string | null };

const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();
const MAX_CHASE = 10;

/**
 * Locks the active customer each id resolves to and returns them by the id asked. A chain
 * that moved between the read and the lock (another merge committed) is followed again;
 * once locked, an active customer stays active until this transaction ends. Unknown ids
 * are absent from the answer.
 */
export async function lockActive(tx: Tx, ids: readonly string[]): Promise<Map<string, LockedCustomer>> {
  const locked = new Map<string, { status: string; createdAt: string; records: number }>();
  for (let round = 0; round < MAX_CHASE; round++) {
    const rows = (await tx.run(ACTIVE_OF, { ids: sorted(ids) })).records;
    const activeOf = new Map(rows.map((r) => [r.get('id') as string, r.get('activeId') as string]));
    const toLock = sorted(activeOf.values()).filter((id) => !locked.has(id));
    for (const r of (await tx.run(LOCK_CUSTOMERS, { ids: toLock })).records) {
      locked.set(r.get('id'), { status: r.get('status'), createdAt: r.get('createdAt'), records: Number(r.get('records')) });
    }
    if ([...activeOf.values()].every((id) => locked.get(id)?.status === 'active')) {
      return new Map([...activeOf].map(([id, active]) => [id, { activeId: active, createdAt: locked.get(active)!.createdAt, records: locked.get(active)!.records }]));
    }
    // A customer merged away while we waited for its lock: its chain now ends elsewhere.
    for (const [id, state] of locked) if (state.status !== 'active') locked.delete(id);
  }
  throw new DomainError('CONFLICT', 'Merge chain kept moving', { clientMessage: 'These customers are being changed by someone else; try again' });
}

/** Locks customers as they are (merged or active), sorted; returns each one's status. */
export async function lockCustomers(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = (await tx.run(LOCK_EXACT, { ids: sorted(ids) })).records;
  return new Map(rows.map((r) => [r.get('id') as string, r.get('status') as string]));
}

/** Locks records (sorted) and returns the customers each is in now. */
export async function lockRecords(tx: Tx, keys: readonly string[]): Promise<Map<string, string[]>> {
  const rows = (await tx.run(LOCK_RECORDS, { keys: sorted(keys) })).records;
  return new Map(rows.map((r) => [r.get('key') as string, r.get('customers') as string[]]));
}

export async function createCustomers(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await tx.run(CREATE_CUSTOMERS, { ids });
}

/** Records join customers (leaving any other): resolution's assignments. */
export async function assignRecords(tx: Tx, assignments: readonly Assignment[]): Promise<void> {
  if (assignments.length === 0) return;
  await tx.run(ASSIGN_RECORDS, { assignments: assignments.map((a) => ({ viaMerge: null, ...a })).toSorted((x, y) => (x.key < y.key ? -1 : 1)) });
}

/**
 * Merges each `from` into its `into` (both locked and active): records move, `from` keeps
 * its id pointing at `into`, a lineage event names the records. Returns each event's id
 * and the records it moved, by `from`.
 */
export async function mergeCustomers(tx: Tx, merges: readonly MergeOrder[], actor: Actor): Promise<Map<string, { eventId: string; moved: string[] }>> {
  if (merges.length === 0) return new Map();
  const rows = merges.map((m) => ({
    from: m.from,
    into: m.into,
    eventId: m.eventId ?? newEventId(),
    by: actor.id,
    role: actor.role,
    reason: m.reason,
    evidence: m.evidence ?? '[]',
    undoes: m.undoes ?? null,
    rule: 'merge',
  }));
  const [result] = await Promise.all([
    tx.run(MERGE_CUSTOMERS, { merges: rows }).then((r) => r.records),
    appendOutbox(tx, rows.map((m) => ({ type: 'CUSTOMER_MERGED', customerId: m.into, relatedIds: [m.from] }))),
  ]);
  const moved = new Map(result.map((r) => [r.get('from') as string, r.get('moved') as string[]]));
  return new Map(rows.map((m) => [m.from, { eventId: m.eventId, moved: moved.get(m.from) ?? [] }]));
}

/** Moves records between customers; `viaMerge` names the merge event that brought them, when one did. */
export async function moveRecords(tx: Tx, moves: readonly Move[], rule: string, viaMerge: string | null = null): Promise<void> {
  if (moves.length === 0) return;
  await tx.run(MOVE_RECORDS, { moves: moves.map((m) => ({ ...m, rule, viaMerge })).toSorted((x, y) => (x.key < y.key ? -1 : 1)) });
}

/** Merged-away customers come back under their own ids (an unmerge). */
export async function reactivate(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await tx.run(REACTIVATE, { ids });
}

/** Customers left with no records point at the customer that took them, so their ids still answer. */
export async function retireEmpty(tx: Tx, retire: ReadonlyArray<{ from: string; into: string; eventId: string | null; reason: string }>, actor: Actor): Promise<void> {
  if (retire.length > 0) await tx.run(RETIRE_EMPTY, { retire: retire.map((r) => ({ ...r, by: actor.id, role: actor.role })) });
}

export async function writeLineage(tx: Tx, events: readonly LineageEvent[], actor: Actor): Promise<void> {
  if (events.length === 0) return;
  await Promise.all([
    tx.run(WRITE_LINEAGE_EVENTS, {
      events: events.map((e) => ({ evidence: '[]', undoes: null, decision: null, ...e, recordKeys: [...e.recordKeys], actor: actor.id, role: actor.role })),
    }),
    appendOutbox(tx, events.map(changeOf)),
  ]);
}

/** The change event of a lineage event: a merge or an undo joins `from`'s records to `to`; a split or unmerge moves them out of `from`. */
const changeOf = (e: LineageEvent): ChangeInput =>
  e.kind === 'merge' || e.kind === 'undo' ? { type: 'CUSTOMER_MERGED', customerId: e.to, relatedIds: [e.from] } : { type: 'CUSTOMER_SPLIT', customerId: e.from, relatedIds: [e.to] };

/** Marks a lineage event undone by another. */
export async function markUndone(tx: Tx, eventId: string, by: string): Promise<void> {
  await tx.run(MARK_UNDONE, { id: eventId, by });
}

/**
 * Fails the transaction when a touched record is not in exactly one active customer, or a
 * touched merged-away customer still holds records or has other than one MERGED_INTO.
 * The database cannot declare "one BELONGS_TO per record" as a constraint (Community has
 * no relationship-count constraints), so every writer ends here.
 */
export async function assertConsistent(tx: Tx, keys: Iterable<string>, customerIds: Iterable<string>): Promise<void> {
  const [row] = (await tx.run(MEMBERSHIP_VIOLATIONS, { keys: sorted(keys), ids: sorted(customerIds) })).records;
  const records = Number(row?.get('records') ?? 0);
  const customers = Number(row?.get('customers') ?? 0);
  if (records > 0 || customers > 0) {
    throw new DomainError('INTERNAL', `Membership invariant violated: ${records} records, ${customers} customers; transaction rolled back`);
  }
}
