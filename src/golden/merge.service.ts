import { appendAudit } from '../audit/audit.service.ts';
import type { Actor } from '../audit/audit.ts';
import { DomainError } from '../errors/domain-error.ts';
import type { GraphExecutor, Tx } from '../graph/executor.ts';
import { decisionsApart, liftDecision, recordMustLink, recordSplit } from '../membership/decisions.ts';
import { newCustomerId, newEventId } from '../membership/ids.ts';
import {
  assertConsistent,
  createCustomers,
  lockActive,
  lockCustomers,
  lockRecords,
  markUndone,
  mergeCustomers,
  moveRecords,
  reactivate,
  retireEmpty,
  writeLineage,
  type LineageEvent,
} from '../membership/membership.ts';
import { survivorOrder } from '../membership/survivor.ts';
import type { GoldenService } from './golden.service.ts';
import { ACTIVE_CUSTOMERS, LAST_MERGE_OF_RECORDS, LINEAGE_EVENT, RECORD_MEMBERSHIP, SPLIT_DECISION_OF_RECORDS } from './merge.cypher.ts';
import type { GoldenRecord } from './survivorship.ts';

export type CustomerPreview = { id: string; golden: GoldenRecord | null; recordKeys: string[] };
export type MergeOutcome = { dryRun: boolean; survivor: CustomerPreview; mergedAway: string; eventId: string | null };
export type SplitTarget = 'new' | 'earlier';
export type SplitOutcome = { dryRun: boolean; from: CustomerPreview; to: CustomerPreview[]; eventIds: string[] };
type Event = { id: string; kind: string; recordKeys: string[]; from: string; to: string; decision: string | null; undoneBy: string | null };

/**
 * A steward's merges, splits, unmerges and undos. Every write goes through the membership
 * writer (src/membership/): customers and records are locked before the state is read, a
 * merge records a must-link and a split its two sides, every move is a lineage event, both
 * golden records are recomputed in the same transaction. A dry run computes the same
 * result in memory and writes nothing.
 */
export class MergeService {
  private readonly executor: GraphExecutor;
  private readonly golden: GoldenService;

  constructor(executor: GraphExecutor, golden: GoldenService) {
    this.executor = executor;
    this.golden = golden;
  }

  async merge(a: string, b: string, actor: Actor, reason: string | null, dryRun: boolean): Promise<MergeOutcome> {
    const work = (tx: Tx) => this.mergeWork(tx, a, b, actor, reason, dryRun);
    return dryRun ? this.executor.read(work) : this.executor.write(work);
  }

  /** `merge` inside the caller's transaction (a steward's approval of a review item). */
  async mergeWork(tx: Tx, a: string, b: string, actor: Actor, reason: string | null, dryRun: boolean): Promise<MergeOutcome> {
    const active = dryRun ? await this.activeUnlocked(tx, [a, b], ['a', 'b']) : await this.activeLocked(tx, [a, b], ['a', 'b']);
    const [x, y] = [active.get(a)!, active.get(b)!];
    if (x.id === y.id) {
      throw new DomainError('CONFLICT', 'Already one customer', { clientMessage: 'a and b are already one customer', field: ['b'] });
    }
    const apart = await decisionsApart(tx, x.id, y.id);
    if (apart.length > 0) {
      throw new DomainError('CONFLICT', 'Ruled apart', {
        clientMessage: `A steward ruled these customers apart (${apart.join(', ')}); lift that decision first (liftDecision)`,
        field: ['b'],
      });
    }
    const [survivor, loser] = survivorOrder(x, y) <= 0 ? [x, y] : [y, x];
    const inputs = await this.golden.inputs(tx, [survivor.id, loser.id]);
    const [s, l] = [inputs.get(survivor.id)!, inputs.get(loser.id)!];
    const keys = [...s.records, ...l.records].map((r) => r.key);
    if (dryRun) {
      const records = [...s.records, ...l.records];
      return { dryRun, survivor: { id: s.id, golden: this.golden.compute(records, s.pins), recordKeys: keys.sort() }, mergedAway: l.id, eventId: null };
    }
    const why = reason ?? 'merged by hand';
    const { eventId } = (await mergeCustomers(tx, [{ from: loser.id, into: survivor.id, reason: why }], actor)).get(loser.id)!;
    await recordMustLink(tx, keys, actor, why, eventId);
    await assertConsistent(tx, keys, [survivor.id, loser.id]);
    await this.golden.refreshInTx(tx, [survivor.id, loser.id], actor);
    await appendAudit(tx, actor, [{ operation: 'merge', customerIds: [survivor.id, loser.id], reason, detail: { eventId, survivor: survivor.id } }]);
    const after = (await this.golden.inputs(tx, [survivor.id])).get(survivor.id)!;
    return { dryRun, survivor: { id: after.id, golden: after.golden, recordKeys: after.records.map((r) => r.key) }, mergedAway: loser.id, eventId };
  }

  /**
   * Moves chosen records out of a customer: into one new customer, or each back to the
   * customer it was in before the merge that brought it (reactivated under its own id).
   * Either way a split decision keeps resolution from joining the two sides again.
   */
  async split(
    customerId: string,
    recordKeys: readonly string[],
    target: SplitTarget,
    actor: Actor,
    reason: string | null,
    dryRun: boolean,
    undo?: { eventId: string; to: string },
  ): Promise<SplitOutcome> {
    const keys = [...new Set(recordKeys)].sort();
    if (keys.length === 0) throw new DomainError('BAD_USER_INPUT', 'No records', { clientMessage: 'Name at least one record to split off', field: ['records'] });
    const work = async (tx: Tx): Promise<SplitOutcome> => {
      const active = dryRun ? await this.activeUnlocked(tx, [customerId], ['customerId']) : await this.activeLocked(tx, [customerId], ['customerId']);
      if (active.get(customerId)!.id !== customerId) {
        throw new DomainError('CONFLICT', 'Customer merged away', { clientMessage: `This customer was merged; split ${active.get(customerId)!.id} instead`, field: ['customerId'] });
      }
      const holders = dryRun
        ? new Map((await tx.run(RECORD_MEMBERSHIP, { keys })).records.map((r) => [r.get('key') as string, r.get('customer') === null ? [] : [r.get('customer') as string]]))
        : await lockRecords(tx, keys);
      keys.forEach((key, index) => {
        if (holders.get(key)?.[0] !== customerId) {
          throw new DomainError('BAD_USER_INPUT', 'Record not in customer', { clientMessage: 'This record does not belong to the customer', field: ['records', index] });
        }
      });
      const inputs = (await this.golden.inputs(tx, [customerId])).get(customerId)!;
      const moving = new Set(keys);
      const staying = inputs.records.filter((r) => !moving.has(r.key));
      if (staying.length === 0) throw new DomainError('BAD_USER_INPUT', 'Nothing would remain', { clientMessage: 'A split must leave at least one record in the customer', field: ['records'] });

      const groups = await this.destinations(tx, keys, target, undo);
      const outcome: SplitOutcome = {
        dryRun,
        from: { id: customerId, golden: this.golden.compute(staying, inputs.pins), recordKeys: staying.map((r) => r.key) },
        to: [...groups].map(([id, g]) => ({ id, golden: this.golden.compute(inputs.records.filter((r) => g.keys.includes(r.key))), recordKeys: g.keys })),
        eventIds: [],
      };
      if (dryRun) return outcome;

      if (target === 'new') await createCustomers(tx, [...groups.keys()]);
      else {
        await lockCustomers(tx, [...groups.keys()]);
        await reactivate(tx, [...groups.keys()]);
      }
      const kind = target === 'new' ? 'split' : 'unmerge';
      const why = reason ?? 'split by a steward';
      const events: LineageEvent[] = [];
      for (const [to, g] of groups) {
        await moveRecords(tx, g.keys.map((key) => ({ key, from: customerId, to })), kind);
        events.push({ id: newEventId(), kind, from: customerId, to, reason: why, recordKeys: g.keys, undoes: g.undoes });
      }
      const decision = await recordSplit(tx, keys, staying.map((r) => r.key), actor, why, events.map((e) => e.id));
      await writeLineage(tx, events.map((e) => ({ ...e, decision })), actor);
      const touched = [customerId, ...groups.keys()];
      await assertConsistent(tx, inputs.records.map((r) => r.key), touched);
      await this.golden.refreshInTx(tx, touched, actor);
      await appendAudit(tx, actor, [{ operation: kind, customerIds: touched, recordKeys: keys, reason, detail: { events: events.map((e) => e.id).join(','), decision } }]);
      const stored = await this.golden.inputs(tx, touched);
      const preview = (id: string): CustomerPreview => ({ id, golden: stored.get(id)!.golden, recordKeys: stored.get(id)!.records.map((r) => r.key) });
      return { dryRun, from: preview(customerId), to: outcome.to.map((t) => preview(t.id)), eventIds: events.map((e) => e.id) };
    };
    return dryRun ? this.executor.read(work) : this.executor.write(work);
  }

  /**
   * Undoes one lineage event, even after later ones. A merge: the records it moved go back
   * to the customer it merged away. A split or an unmerge: the records it moved go back to
   * the customer they left, and the split decision it made is lifted.
   */
  async unmerge(eventId: string, actor: Actor, reason: string | null, dryRun: boolean): Promise<SplitOutcome> {
    const [event] = await this.executor.readRows<Event>(LINEAGE_EVENT, { id: eventId });
    if (!event || !['merge', 'split', 'unmerge'].includes(event.kind)) throw new DomainError('NOT_FOUND', 'Unknown event', { clientMessage: 'No merge or split has this id', field: ['eventId'] });
    if (event.undoneBy) throw new DomainError('CONFLICT', 'Already undone', { clientMessage: `This ${event.kind} is already undone`, field: ['eventId'] });
    if (event.kind !== 'merge') return this.undoSplit(event, actor, reason, dryRun);
    const memberships = await this.executor.readRows<{ key: string; customer: string | null }>(RECORD_MEMBERSHIP, { keys: event.recordKeys });
    const holders = [...new Set(memberships.map((m) => m.customer).filter((c): c is string => c !== null))];
    if (holders.length !== 1) {
      throw new DomainError('CONFLICT', 'Records spread', { clientMessage: 'The records of this merge are no longer in one customer; split them one customer at a time', field: ['eventId'] });
    }
    if (holders[0] === event.from) throw new DomainError('CONFLICT', 'Already undone', { clientMessage: 'This merge is already undone', field: ['eventId'] });
    // Not each record's latest merge: a later merge moved them again, and this one is undone.
    return this.split(holders[0]!, event.recordKeys, 'earlier', actor, reason, dryRun, { eventId: event.id, to: event.from });
  }

  private async undoSplit(event: Event, actor: Actor, reason: string | null, dryRun: boolean): Promise<SplitOutcome> {
    const work = async (tx: Tx): Promise<SplitOutcome> => {
      const active = dryRun ? await this.activeUnlocked(tx, [event.from, event.to], ['eventId', 'eventId']) : await this.activeLocked(tx, [event.from, event.to], ['eventId', 'eventId']);
      const [back, holder] = [active.get(event.from)!.id, active.get(event.to)!.id];
      const holders = dryRun
        ? new Map((await tx.run(RECORD_MEMBERSHIP, { keys: event.recordKeys })).records.map((r) => [r.get('key') as string, [r.get('customer') as string]]))
        : await lockRecords(tx, event.recordKeys);
      if (back === holder || !event.recordKeys.every((key) => holders.get(key)?.[0] === holder)) {
        throw new DomainError('CONFLICT', 'Records moved since', { clientMessage: `The records of this ${event.kind} have moved since; split or merge them by hand`, field: ['eventId'] });
      }
      const inputs = await this.golden.inputs(tx, [back, holder]);
      const [b, h] = [inputs.get(back)!, inputs.get(holder)!];
      const moving = new Set(event.recordKeys);
      const remaining = h.records.filter((r) => !moving.has(r.key));
      const joined = [...b.records, ...h.records.filter((r) => moving.has(r.key))];
      const outcome: SplitOutcome = {
        dryRun,
        from: { id: holder, golden: remaining.length > 0 ? this.golden.compute(remaining, h.pins) : null, recordKeys: remaining.map((r) => r.key) },
        to: [{ id: back, golden: this.golden.compute(joined, b.pins), recordKeys: joined.map((r) => r.key) }],
        eventIds: [],
      };
      if (dryRun) return outcome;
      const why = reason ?? `undo of ${event.id}`;
      const undoId = newEventId();
      await moveRecords(tx, event.recordKeys.map((key) => ({ key, from: holder, to: back })), 'undo');
      await retireEmpty(tx, [{ from: holder, into: back, eventId: undoId, reason: why }], actor);
      await writeLineage(tx, [{ id: undoId, kind: 'undo', from: holder, to: back, reason: why, recordKeys: event.recordKeys, undoes: event.id }], actor);
      await markUndone(tx, event.id, undoId);
      const decision = event.decision ?? ((await tx.run(SPLIT_DECISION_OF_RECORDS, { keys: event.recordKeys })).records[0]?.get('id') as string | undefined);
      if (decision) await liftDecision(tx, decision, actor, why).catch((error: unknown) => (error instanceof DomainError && error.code === 'CONFLICT' ? undefined : Promise.reject(error)));
      await assertConsistent(tx, [...b.records, ...h.records].map((r) => r.key), [back, holder]);
      await this.golden.refreshInTx(tx, [back, holder], actor);
      await appendAudit(tx, actor, [{ operation: 'undo', customerIds: [holder, back], recordKeys: event.recordKeys, reason, detail: { undoes: event.id, event: undoId } }]);
      const stored = await this.golden.inputs(tx, [back, holder]);
      const preview = (id: string): CustomerPreview => ({ id, golden: stored.get(id)!.golden, recordKeys: stored.get(id)!.records.map((r) => r.key) });
      return { dryRun, from: preview(holder), to: [preview(back)], eventIds: [undoId] };
    };
    return dryRun ? this.executor.read(work) : this.executor.write(work);
  }

  /** Where each record of a split goes, grouped by destination. */
  private async destinations(tx: Tx, keys: readonly string[], target: SplitTarget, undo?: { eventId: string; to: string }) {
    const destinationOf = new Map<string, { to: string; undoes: string | null }>();
    if (target === 'new') {
      const id = newCustomerId();
      for (const key of keys) destinationOf.set(key, { to: id, undoes: null });
    } else if (undo) {
      for (const key of keys) destinationOf.set(key, { to: undo.to, undoes: undo.eventId });
    } else {
      for (const row of (await tx.run(LAST_MERGE_OF_RECORDS, { keys })).records) {
        const from = row.get('from') as string | null;
        if (!from) {
          throw new DomainError('BAD_USER_INPUT', 'No earlier customer', { clientMessage: 'No merge brought this record to this customer: it has no earlier customer', field: ['records', keys.indexOf(row.get('key'))] });
        }
        destinationOf.set(row.get('key'), { to: from, undoes: row.get('event') as string });
      }
    }
    const groups = new Map<string, { keys: string[]; undoes: string | null }>();
    for (const [key, d] of destinationOf) {
      const group = groups.get(d.to) ?? { keys: [], undoes: d.undoes };
      group.keys.push(key);
      groups.set(d.to, group);
    }
    return groups;
  }

  /** The active customers the ids resolve to, locked (the membership writer's rule). */
  private async activeLocked(tx: Tx, ids: readonly string[], fields: readonly string[]) {
    const locked = await lockActive(tx, ids);
    ids.forEach((id, i) => {
      if (!locked.has(id)) throw new DomainError('NOT_FOUND', 'Unknown customer', { clientMessage: 'No customer has this id', field: [fields[i]!] });
    });
    return new Map([...locked].map(([id, c]) => [id, { id: c.activeId, createdAt: c.createdAt }]));
  }

  /** The same, for a preview: read as it stands, nothing locked. */
  private async activeUnlocked(tx: Tx, ids: readonly string[], fields: readonly string[]) {
    const rows = (await tx.run(ACTIVE_CUSTOMERS, { ids })).records;
    const byId = new Map(rows.map((r) => [r.get('id') as string, { id: r.get('activeId') as string, createdAt: r.get('createdAt') as string }]));
    ids.forEach((id, i) => {
      if (!byId.has(id)) throw new DomainError('NOT_FOUND', 'Unknown customer', { clientMessage: 'No customer has this id', field: [fields[i]!] });
    });
    return byId;
  }
}
