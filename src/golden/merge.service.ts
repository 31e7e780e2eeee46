import { randomBytes } from 'node:crypto';
import { appendAudit } from '../audit/audit.service.ts';
import type { Actor } from '../audit/audit.ts';
import { DomainError } from '../errors/domain-error.ts';
import type { GraphExecutor, Tx } from '../graph/executor.ts';
import { compareInstants } from '../graph/instant.ts';
import { newCustomerId, newEventId } from '../match/resolution.service.ts';
import type { GoldenService } from './golden.service.ts';
import {
  ACTIVE_CUSTOMERS,
  CREATE_CUSTOMER,
  LAST_MERGE_OF_RECORDS,
  LINEAGE_EVENT,
  MARK_MERGED,
  MOVE_ALL_RECORDS,
  MOVE_RECORDS,
  REACTIVATE,
  RECORD_MEMBERSHIP,
  RULED_APART,
  WRITE_LINEAGE_EVENT,
  WRITE_SPLIT_DECISION,
} from './merge.cypher.ts';
import type { GoldenRecord } from './survivorship.ts';

export type CustomerPreview = { id: string; golden: GoldenRecord | null; recordKeys: string[] };
export type MergeOutcome = { dryRun: boolean; survivor: CustomerPreview; mergedAway: string; eventId: string | null };
export type SplitTarget = 'new' | 'earlier';
export type SplitOutcome = { dryRun: boolean; from: CustomerPreview; to: CustomerPreview[]; eventIds: string[] };

const newDecisionId = () => `spl_${randomBytes(10).toString('hex')}`;

/**
 * Merges and splits by hand (and resolution's merges, through `mergeInTx`): records move,
 * both golden records are recomputed in the same transaction, every move is a lineage
 * event naming its records, and a split leaves a decision resolution never crosses.
 * A dry run computes the same result in memory and writes nothing.
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
    const active = await this.activeOf(tx, [a, b], ['a', 'b']);
    const [x, y] = [active.get(a)!, active.get(b)!];
    if (x.activeId === y.activeId) {
      throw new DomainError('CONFLICT', 'Already one customer', { clientMessage: 'a and b are already one customer', field: ['b'] });
    }
    const apart = (await tx.run(RULED_APART, { a: x.activeId, b: y.activeId })).records[0]?.get('apart') as boolean;
    if (apart) {
      throw new DomainError('CONFLICT', 'Ruled apart', { clientMessage: 'A steward ruled these customers apart (a split or a cannot-link decision)', field: ['b'] });
    }
    // The older customer survives, as in resolution: its id is the one most systems already hold.
    const age = compareInstants(x.createdAt, y.createdAt);
    const [survivor, loser] = age < 0 || (age === 0 && x.activeId < y.activeId) ? [x, y] : [y, x];
    if (dryRun) {
      const inputs = await this.golden.inputs(tx, [survivor.activeId, loser.activeId]);
      const [s, l] = [inputs.get(survivor.activeId)!, inputs.get(loser.activeId)!];
      const records = [...s.records, ...l.records];
      return {
        dryRun,
        survivor: { id: s.id, golden: this.golden.compute(records, s.pins), recordKeys: records.map((r) => r.key).sort() },
        mergedAway: l.id,
        eventId: null,
      };
    }
    const eventId = await this.mergeInTx(tx, loser.activeId, survivor.activeId, actor, reason ?? 'merged by hand', '[]');
    await this.golden.refreshInTx(tx, [survivor.activeId, loser.activeId], actor);
    await appendAudit(tx, actor, [{ operation: 'merge', customerIds: [survivor.activeId, loser.activeId], reason, detail: { eventId, survivor: survivor.activeId } }]);
    const after = (await this.golden.inputs(tx, [survivor.activeId])).get(survivor.activeId)!;
    return { dryRun, survivor: { id: after.id, golden: after.golden, recordKeys: after.records.map((r) => r.key) }, mergedAway: loser.activeId, eventId };
  }

  /** Moves every record of `from` into `into` and marks `from` merged; returns the lineage event id. */
  async mergeInTx(tx: Tx, from: string, into: string, actor: Actor, reason: string, evidence: string): Promise<string> {
    const eventId = newEventId();
    const moved = (await tx.run(MOVE_ALL_RECORDS, { from, into, rule: `merge ${eventId}`, eventId })).records[0]?.get('moved') as string[];
    await tx.run(MARK_MERGED, { from, into, eventId });
    await tx.run(WRITE_LINEAGE_EVENT, { id: eventId, kind: 'merge', from, to: into, actor: actor.id, role: actor.role, reason, evidence, recordKeys: moved ?? [], undoes: null });
    return eventId;
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
      const active = (await this.activeOf(tx, [customerId], ['customerId'])).get(customerId)!;
      if (active.activeId !== customerId) {
        throw new DomainError('CONFLICT', 'Customer merged away', { clientMessage: `This customer was merged; split ${active.activeId} instead`, field: ['customerId'] });
      }
      const membership = (await tx.run(RECORD_MEMBERSHIP, { keys })).records;
      membership.forEach((row, index) => {
        if (row.get('customer') !== customerId) {
          throw new DomainError('BAD_USER_INPUT', 'Record not in customer', { clientMessage: 'This record does not belong to the customer', field: ['records', index] });
        }
      });
      const inputs = (await this.golden.inputs(tx, [customerId])).get(customerId)!;
      const moving = new Set(keys);
      const staying = inputs.records.filter((r) => !moving.has(r.key));
      if (staying.length === 0) throw new DomainError('BAD_USER_INPUT', 'Nothing would remain', { clientMessage: 'A split must leave at least one record in the customer', field: ['records'] });

      const destinationOf = new Map<string, { to: string; undoes: string | null }>();
      if (target === 'new') {
        const id = newCustomerId();
        for (const key of keys) destinationOf.set(key, { to: id, undoes: null });
      } else if (undo) {
        for (const key of keys) destinationOf.set(key, { to: undo.to, undoes: undo.eventId });
      } else {
        const rows = (await tx.run(LAST_MERGE_OF_RECORDS, { keys })).records;
        rows.forEach((row) => {
          const from = row.get('from') as string | null;
          if (!from) {
            throw new DomainError('BAD_USER_INPUT', 'No earlier customer', { clientMessage: 'No merge brought this record to this customer: it has no earlier customer', field: ['records', keys.indexOf(row.get('key'))] });
          }
          destinationOf.set(row.get('key'), { to: from, undoes: row.get('event') as string });
        });
      }
      const groups = new Map<string, { keys: string[]; undoes: string | null }>();
      for (const [key, d] of destinationOf) {
        const group = groups.get(d.to) ?? { keys: [], undoes: d.undoes };
        group.keys.push(key);
        groups.set(d.to, group);
      }
      const outcome: SplitOutcome = {
        dryRun,
        from: { id: customerId, golden: this.golden.compute(staying, inputs.pins), recordKeys: staying.map((r) => r.key) },
        to: [...groups].map(([id, g]) => ({ id, golden: this.golden.compute(inputs.records.filter((r) => g.keys.includes(r.key))), recordKeys: g.keys })),
        eventIds: [],
      };
      if (dryRun) return outcome;

      if (target === 'new') await tx.run(CREATE_CUSTOMER, { id: [...groups.keys()][0] });
      else await tx.run(REACTIVATE, { ids: [...groups.keys()] });
      for (const [to, g] of groups) {
        await tx.run(MOVE_RECORDS, { moves: g.keys.map((key) => ({ key, from: customerId, to })), rule: target === 'new' ? 'split' : 'unmerge' });
        const eventId = newEventId();
        outcome.eventIds.push(eventId);
        await tx.run(WRITE_LINEAGE_EVENT, {
          id: eventId, kind: target === 'new' ? 'split' : 'unmerge', from: customerId, to, actor: actor.id, role: actor.role,
          reason: reason ?? 'split by a steward', evidence: '[]', recordKeys: g.keys, undoes: g.undoes,
        });
      }
      await tx.run(WRITE_SPLIT_DECISION, { id: newDecisionId(), by: actor.id, reason, a: keys, b: staying.map((r) => r.key) });
      const touched = [customerId, ...groups.keys()];
      await this.golden.refreshInTx(tx, touched, actor);
      await appendAudit(tx, actor, [{ operation: target === 'new' ? 'split' : 'unmerge', customerIds: touched, recordKeys: keys, reason, detail: { events: outcome.eventIds.join(',') } }]);
      const stored = await this.golden.inputs(tx, touched);
      const preview = (id: string): CustomerPreview => ({ id, golden: stored.get(id)!.golden, recordKeys: stored.get(id)!.records.map((r) => r.key) });
      return { ...outcome, from: preview(customerId), to: outcome.to.map((t) => preview(t.id)) };
    };
    return dryRun ? this.executor.read(work) : this.executor.write(work);
  }

  /** Undoes one merge, even after later merges: the records it moved go back to the customer it merged away. */
  async unmerge(eventId: string, actor: Actor, reason: string | null, dryRun: boolean): Promise<SplitOutcome> {
    const [event] = await this.executor.readRows<{ id: string; kind: string; recordKeys: string[]; from: string; to: string }>(LINEAGE_EVENT, { id: eventId });
    if (!event || event.kind !== 'merge') throw new DomainError('NOT_FOUND', 'Unknown merge', { clientMessage: 'No merge has this id', field: ['eventId'] });
    const memberships = await this.executor.readRows<{ key: string; customer: string | null }>(RECORD_MEMBERSHIP, { keys: event.recordKeys });
    const holders = [...new Set(memberships.map((m) => m.customer).filter((c): c is string => c !== null))];
    if (holders.length !== 1) {
      throw new DomainError('CONFLICT', 'Records spread', { clientMessage: 'The records of this merge are no longer in one customer; split them one customer at a time', field: ['eventId'] });
    }
    if (holders[0] === event.from) throw new DomainError('CONFLICT', 'Already undone', { clientMessage: 'This merge is already undone', field: ['eventId'] });
    // Not each record's latest merge: a later merge moved them again, and this one is undone.
    return this.split(holders[0]!, event.recordKeys, 'earlier', actor, reason, dryRun, { eventId: event.id, to: event.from });
  }

  private async activeOf(tx: Tx, ids: readonly string[], fields: readonly string[]) {
    const rows = (await tx.run(ACTIVE_CUSTOMERS, { ids })).records;
    const byId = new Map(rows.map((r) => [r.get('id') as string, { activeId: r.get('activeId') as string, createdAt: r.get('createdAt') as string }]));
    ids.forEach((id, i) => {
      if (!byId.has(id)) throw new DomainError('NOT_FOUND', 'Unknown customer', { clientMessage: 'No customer has this id', field: [fields[i]!] });
    });
    return byId;
  }
}
