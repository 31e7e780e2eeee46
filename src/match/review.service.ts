import { appendAudit } from '../audit/audit.service.ts';
import type { Actor } from '../audit/audit.ts';
import { DomainError, isDomainError } from '../errors/domain-error.ts';
import { int, rowsOf, type GraphExecutor, type Tx } from '../graph/executor.ts';
import type { MergeService } from '../golden/merge.service.ts';
import { recordKeyOf } from '../ingest/prepare.ts';
import { recordCannotLink } from '../membership/decisions.ts';
import { lockCustomers } from '../membership/membership.ts';
import type { RecordRef } from './match.service.ts';
import { checkAssignee, customersOfItem, decodeCursor, itemOf, reviewItemId, type ReviewItemModel, type ReviewOrder } from './review-item.ts';
import { ASSIGN_PAIRS, ITEM_CUSTOMERS, REVIEW_ITEM, REVIEW_ITEMS, REVIEW_PAIR, REVIEW_STATS, SET_REVIEWED } from './review.cypher.ts';

export type ReviewFilter = {
  minProbability?: number | null;
  maxProbability?: number | null;
  olderThan?: string | null;
  source?: string | null;
  /** Only items assigned to this steward. */
  assignee?: string | null;
  /** Only items assigned to nobody. */
  unassigned?: boolean | null;
  order?: ReviewOrder;
  first?: number;
  /** The cursor of the last item of the previous page. */
  after?: string | null;
};
export type ReviewStats = { size: number; pairs: number; oldest: string | null };
export type ReviewVerdict = 'approve' | 'reject';

/** What deciding one item did. `pairs` counts the record pairs the decision covered. */
export type ItemDecision =
  | { status: 'merged'; id: string; customerId: string; pairs: number }
  | { status: 'kept-apart'; id: string; pairs: number }
  | { status: 'failed'; id: string; code: string; message: string };

/** What deciding the item behind one record pair did (approveReviews / rejectReviews). */
export type ReviewResult =
  | { status: 'merged'; a: string; b: string; item: string; customerId: string; pairs: number }
  | { status: 'already-together'; a: string; b: string; customerId: string }
  | { status: 'kept-apart'; a: string; b: string; item: string | null; pairs: number }
  | { status: 'failed'; a: string; b: string; code: string; message: string };

type Decided = { status: 'merged'; customerId: string; pairs: number } | { status: 'kept-apart'; pairs: number };
type Pair = { a: string; b: string };

const MAX_BULK = 500;
const GONE = { clientMessage: 'No open review item has this id: it was decided, or its pairs were re-resolved', field: ['ids'] };

/**
 * The steward's queue: one item per pair of customers that resolution was unsure are one
 * person, listing the record pairs behind it. Approving an item merges the two customers
 * once; rejecting it rules every record pair behind it apart (cannot-link), so none comes back.
 */
export class ReviewService {
  private readonly executor: GraphExecutor;
  private readonly merges: MergeService;

  constructor(executor: GraphExecutor, merges: MergeService) {
    this.executor = executor;
    this.merges = merges;
  }

  async list(filter: ReviewFilter): Promise<ReviewItemModel[]> {
    for (const [name, value] of [['minProbability', filter.minProbability], ['maxProbability', filter.maxProbability]] as const) {
      if (value != null && !(value >= 0 && value <= 1)) {
        throw new DomainError('BAD_USER_INPUT', 'Bad probability', { clientMessage: `${name} must be from 0 to 1`, field: [name] });
      }
    }
    if (filter.olderThan != null && Number.isNaN(Date.parse(filter.olderThan))) {
      throw new DomainError('BAD_USER_INPUT', 'Bad date', { clientMessage: 'olderThan must be an ISO-8601 timestamp', field: ['olderThan'] });
    }
    const assignee = checkAssignee(filter.assignee ?? null, 'assignee');
    if (assignee !== null && filter.unassigned) {
      throw new DomainError('BAD_USER_INPUT', 'Assignee and unassigned', { clientMessage: 'Give assignee or unassigned: true, not both', field: ['unassigned'] });
    }
    const order = filter.order ?? 'SCORE';
    const rows = await this.executor.readRows<Omit<ReviewItemModel, 'cursor'>>(REVIEW_ITEMS, {
      minProbability: filter.minProbability ?? null,
      maxProbability: filter.maxProbability ?? null,
      olderThan: filter.olderThan ?? null,
      source: filter.source ?? null,
      assignee,
      unassigned: filter.unassigned ?? false,
      order,
      after: filter.after != null ? decodeCursor(filter.after, order) : null,
      first: int(Math.min(Math.max(filter.first ?? 50, 1), 500)),
    });
    return rows.map((row) => itemOf(row, order));
  }

  /** One open item by id, or null when its customers have no open review pairs (a merged-away customer is CONFLICT). */
  async get(id: string): Promise<ReviewItemModel | null> {
    const [a, b] = customersOfItem(id, ['id']);
    return this.executor.read(async (tx) => {
      await this.activeCustomers(tx, a, b, false, ['id']);
      return this.item(tx, a, b);
    });
  }

  async stats(): Promise<ReviewStats> {
    const [row] = await this.executor.readRows<{ size: number; pairs: number; oldest: string | null }>(REVIEW_STATS);
    return { size: Number(row?.size ?? 0), pairs: Number(row?.pairs ?? 0), oldest: row?.oldest ?? null };
  }

  /** Gives an item to a steward (null: to nobody). Returns the item as it is now. */
  async assign(id: string, assignee: string | null, actor: Actor): Promise<ReviewItemModel> {
    const [a, b] = customersOfItem(id, ['id']);
    const to = checkAssignee(assignee, 'assignee');
    return this.executor.write(async (tx) => {
      await this.activeCustomers(tx, a, b, true, ['id']);
      const item = await this.item(tx, a, b);
      if (!item) throw new DomainError('NOT_FOUND', 'No open review item', { ...GONE, field: ['id'] });
      await tx.run(ASSIGN_PAIRS, { pairs: pairsOf(item), assignee: to, by: actor.id });
      await appendAudit(tx, actor, [{ operation: 'review.assign', customerIds: [a, b], recordKeys: recordKeysOf(item), detail: { item: id, assignee: to } }]);
      const assigned = await this.item(tx, a, b);
      return assigned!;
    });
  }

  /** Decides items by id, each in its own transaction, so one bad item does not undo the others. */
  async decideItems(ids: readonly string[], verdict: ReviewVerdict, actor: Actor, reason: string | null): Promise<ItemDecision[]> {
    checkBulk(ids.length, 'ids');
    const results: ItemDecision[] = [];
    for (const [index, id] of ids.entries()) {
      try {
        const [a, b] = customersOfItem(id, ['ids', index]);
        const decided = await this.executor.write(async (tx) => {
          await this.activeCustomers(tx, a, b, true, ['ids', index]);
          return this.decideItem(tx, a, b, verdict, actor, reason);
        });
        results.push({ id: reviewItemId(a, b), ...decided });
      } catch (error) {
        if (!isDomainError(error) || error.code === 'INTERNAL') throw error;
        results.push({ status: 'failed', id, code: error.code, message: error.clientMessage ?? 'could not be decided' });
      }
    }
    return results;
  }

  /**
   * Decides the item behind each record pair, each in its own transaction: approving merges
   * the two customers (all their pairs at once), rejecting rules apart every pair between
   * them. Approving a pair already in one customer answers already-together; rejecting a
   * pair already ruled apart answers kept-apart; neither writes anything new.
   */
  async decide(pairs: readonly { a: RecordRef; b: RecordRef }[], verdict: ReviewVerdict, actor: Actor, reason: string | null): Promise<ReviewResult[]> {
    checkBulk(pairs.length, 'items');
    const results: ReviewResult[] = [];
    for (const pair of pairs) {
      const [a, b] = [recordKeyOf(pair.a.source, pair.a.sourceRecordId), recordKeyOf(pair.b.source, pair.b.sourceRecordId)].sort() as [string, string];
      try {
        results.push(await this.executor.write((tx) => this.decidePair(tx, a, b, verdict, actor, reason)));
      } catch (error) {
        if (!isDomainError(error) || error.code === 'INTERNAL') throw error;
        results.push({ status: 'failed', a, b, code: error.code, message: error.clientMessage ?? 'could not be decided' });
      }
    }
    return results;
  }

  private async decidePair(tx: Tx, a: string, b: string, verdict: ReviewVerdict, actor: Actor, reason: string | null): Promise<ReviewResult> {
    const row = (await tx.run(REVIEW_PAIR, { a, b })).records[0];
    const notFound = () => new DomainError('NOT_FOUND', 'No review for pair', { clientMessage: 'These two records have no open review item', field: ['items'] });
    if (!row || row.get('decision') !== 'review') throw notFound();
    const [aCustomer, bCustomer] = [row.get('aCustomer') as string | null, row.get('bCustomer') as string | null];
    if (!aCustomer || !bCustomer) throw new DomainError('CONFLICT', 'Unresolved record', { clientMessage: 'A record of this pair is in no customer yet', field: ['items'] });
    if (row.get('apart') as boolean) {
      if (verdict === 'reject') return { status: 'kept-apart', a, b, item: null, pairs: 0 };
      throw new DomainError('CONFLICT', 'Ruled apart', { clientMessage: 'A steward ruled these two records apart', field: ['items'] });
    }
    if (aCustomer === bCustomer) {
      if (verdict === 'approve') return { status: 'already-together', a, b, customerId: aCustomer };
      throw new DomainError('CONFLICT', 'Already one customer', { clientMessage: 'These two records are in one customer already: split it to separate them', field: ['items'] });
    }
    if (row.get('status') !== 'open') throw notFound();
    const [x, y] = [aCustomer, bCustomer].sort() as [string, string];
    await this.activeCustomers(tx, x, y, true, ['items']);
    const decided = await this.decideItem(tx, x, y, verdict, actor, reason);
    const item = reviewItemId(x, y);
    return { ...decided, a, b, item };
  }

  /** Decides every open pair between two active, locked customers. */
  private async decideItem(tx: Tx, a: string, b: string, verdict: ReviewVerdict, actor: Actor, reason: string | null): Promise<Decided> {
    const item = await this.item(tx, a, b);
    if (!item) throw new DomainError('NOT_FOUND', 'No open review item', GONE);
    const pairs = pairsOf(item);
    const audit = { customerIds: [a, b], recordKeys: recordKeysOf(item), reason, detail: { item: item.id, pairs: pairs.length } };
    if (verdict === 'approve') {
      const customerId = await this.merge(tx, a, b, actor, reason);
      await tx.run(SET_REVIEWED, { pairs, status: 'approved', by: actor.id, reason });
      await appendAudit(tx, actor, [{ operation: 'review.approve', ...audit }]);
      return { status: 'merged', customerId, pairs: pairs.length };
    }
    await this.markDifferent(tx, pairs, actor, reason);
    await tx.run(SET_REVIEWED, { pairs, status: 'rejected', by: actor.id, reason });
    await appendAudit(tx, actor, [{ operation: 'review.reject', ...audit }]);
    return { status: 'kept-apart', pairs: pairs.length };
  }

  // The one place an approval writes membership (to be routed through src/membership/).
  private async merge(tx: Tx, a: string, b: string, actor: Actor, reason: string | null): Promise<string> {
    const merged = await this.merges.mergeWork(tx, a, b, actor, reason ?? 'review approved', false);
    return merged.survivor.id;
  }

  // A rejection is a cannot-link per record pair, written by the membership module.
  private async markDifferent(tx: Tx, pairs: readonly Pair[], actor: Actor, reason: string | null): Promise<void> {
    for (const { a, b } of pairs) await recordCannotLink(tx, a, b, actor, reason);
  }

  private async item(tx: Tx, a: string, b: string): Promise<ReviewItemModel | null> {
    const [row] = rowsOf<Omit<ReviewItemModel, 'cursor'>>(await tx.run(REVIEW_ITEM, { a, b }));
    return row ? itemOf(row, 'SCORE') : null;
  }

  /**
   * Both customers of an item exist and are active. An id listed before one of them was
   * merged away is stale: CONFLICT, never a merge of whatever the customer became.
   */
  private async activeCustomers(tx: Tx, a: string, b: string, lock: boolean, field: ReadonlyArray<string | number>): Promise<void> {
    const rows = lock
      ? [...(await lockCustomers(tx, [a, b]))].map(([id, status]) => ({ id, status }))
      : rowsOf<{ id: string; status: string }>(await tx.run(ITEM_CUSTOMERS, { ids: [a, b] }));
    if (rows.length < 2) throw new DomainError('NOT_FOUND', 'Unknown customer', { clientMessage: 'No review item has this id: a customer of it does not exist', field });
    if (rows.some((r) => r.status !== 'active')) {
      throw new DomainError('CONFLICT', 'Customer merged away', { clientMessage: 'A customer of this review item was merged into another since it was listed: list the queue again', field });
    }
  }
}

function checkBulk(n: number, field: string): void {
  if (n === 0 || n > MAX_BULK) throw new DomainError('BAD_USER_INPUT', 'Bad bulk size', { clientMessage: `Give 1 to ${MAX_BULK} ${field}`, field: [field] });
}

const pairsOf = (item: ReviewItemModel): Pair[] => item.pairs.map((p) => ({ a: p.aKey, b: p.bKey }));
const recordKeysOf = (item: ReviewItemModel): string[] => [...new Set(item.pairs.flatMap((p) => [p.aKey, p.bKey]))].sort();
