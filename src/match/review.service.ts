import { appendAudit } from '../audit/audit.service.ts';
import type { Actor } from '../audit/audit.ts';
import { DomainError, isDomainError } from '../errors/domain-error.ts';
import { int, type GraphExecutor, type Tx } from '../graph/executor.ts';
import type { MergeService } from '../golden/merge.service.ts';
import { recordKeyOf } from '../ingest/prepare.ts';
import { MARK_DIFFERENT } from './match.cypher.ts';
import type { RecordRef, ReviewItemModel } from './match.service.ts';
import { REVIEW_ITEMS, REVIEW_PAIR, REVIEW_STATS, SET_REVIEWED } from './review.cypher.ts';

export type ReviewFilter = { minProbability?: number | null; maxProbability?: number | null; olderThan?: string | null; source?: string | null; order?: 'SCORE' | 'AGE'; first?: number };
export type ReviewStats = { size: number; oldest: string | null };
export type ReviewVerdict = 'approve' | 'reject';
export type ReviewResult =
  | { status: 'merged'; a: string; b: string; customerId: string }
  | { status: 'already-together'; a: string; b: string; customerId: string }
  | { status: 'kept-apart'; a: string; b: string }
  | { status: 'failed'; a: string; b: string; code: string; message: string };

const MAX_BULK = 500;

/** The steward's queue of pairs resolution was unsure of: list, approve (merge) or reject (cannot-link). */
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
    return this.executor.readRows<ReviewItemModel>(REVIEW_ITEMS, {
      minProbability: filter.minProbability ?? null,
      maxProbability: filter.maxProbability ?? null,
      olderThan: filter.olderThan ?? null,
      source: filter.source ?? null,
      order: filter.order ?? 'SCORE',
      first: int(Math.min(Math.max(filter.first ?? 50, 1), 500)),
    });
  }

  async stats(): Promise<ReviewStats> {
    const [row] = await this.executor.readRows<{ size: number; oldest: string | null }>(REVIEW_STATS);
    return { size: Number(row?.size ?? 0), oldest: row?.oldest ?? null };
  }

  /** Decides each pair in its own transaction, so one bad item does not undo the others. */
  async decide(pairs: readonly { a: RecordRef; b: RecordRef }[], verdict: ReviewVerdict, actor: Actor, reason: string | null): Promise<ReviewResult[]> {
    if (pairs.length === 0 || pairs.length > MAX_BULK) {
      throw new DomainError('BAD_USER_INPUT', 'Bad bulk size', { clientMessage: `Give 1 to ${MAX_BULK} pairs`, field: ['items'] });
    }
    const results: ReviewResult[] = [];
    for (const pair of pairs) {
      const [a, b] = [recordKeyOf(pair.a.source, pair.a.sourceRecordId), recordKeyOf(pair.b.source, pair.b.sourceRecordId)].sort() as [string, string];
      try {
        results.push(await this.executor.write((tx) => (verdict === 'approve' ? this.approve(tx, a, b, actor, reason) : this.reject(tx, a, b, actor, reason))));
      } catch (error) {
        if (!isDomainError(error) || error.code === 'INTERNAL') throw error;
        results.push({ status: 'failed', a, b, code: error.code, message: error.clientMessage ?? 'could not be decided' });
      }
    }
    return results;
  }

  private async pair(tx: Tx, a: string, b: string) {
    const row = (await tx.run(REVIEW_PAIR, { a, b })).records[0];
    if (!row || row.get('decision') !== 'review') {
      throw new DomainError('NOT_FOUND', 'No review for pair', { clientMessage: 'These two records have no review item', field: ['items'] });
    }
    return { status: row.get('status') as string, aCustomer: row.get('aCustomer') as string | null, bCustomer: row.get('bCustomer') as string | null };
  }

  private async approve(tx: Tx, a: string, b: string, actor: Actor, reason: string | null): Promise<ReviewResult> {
    const pair = await this.pair(tx, a, b);
    if (!pair.aCustomer || !pair.bCustomer) throw new DomainError('CONFLICT', 'Unresolved record', { clientMessage: 'A record of this pair is in no customer yet', field: ['items'] });
    let result: ReviewResult;
    if (pair.aCustomer === pair.bCustomer) {
      result = { status: 'already-together', a, b, customerId: pair.aCustomer };
    } else {
      const merged = await this.merges.mergeWork(tx, pair.aCustomer, pair.bCustomer, actor, reason ?? 'review approved', false);
      result = { status: 'merged', a, b, customerId: merged.survivor.id };
    }
    await tx.run(SET_REVIEWED, { a, b, status: 'approved', by: actor.id, reason });
    await appendAudit(tx, actor, [{ operation: 'review.approve', recordKeys: [a, b], customerIds: [pair.aCustomer, pair.bCustomer], reason }]);
    return result;
  }

  private async reject(tx: Tx, a: string, b: string, actor: Actor, reason: string | null): Promise<ReviewResult> {
    const pair = await this.pair(tx, a, b);
    await tx.run(MARK_DIFFERENT, { a, b, by: actor.id, reason });
    await tx.run(SET_REVIEWED, { a, b, status: 'rejected', by: actor.id, reason });
    await appendAudit(tx, actor, [{ operation: 'review.reject', recordKeys: [a, b], customerIds: [pair.aCustomer, pair.bCustomer].filter((c): c is string => c !== null), reason }]);
    return { status: 'kept-apart', a, b };
  }
}
