import { int, type GraphExecutor } from '../graph/executor.ts';
import {
  ACTIVE_CUSTOMER_PAGE,
  ALL_CANNOT_LINKS,
  ALL_SPLIT_SIDES,
  MARK_MERGED_AWAY,
  MEMBERSHIPS,
  RECORD_PAGE,
  SET_REVIEW_STATUS,
  SUPERSEDE_OPEN_REVIEWS,
  WRITE_MOVES,
} from './bulk-resolve.cypher.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { sortableInstant } from '../graph/instant.ts';
import type { Actor } from '../audit/audit.ts';
import type { GoldenService } from '../golden/golden.service.ts';
import { clusterPairs, type ApartTag } from './cluster.ts';
import type { PairDecision } from './pair-decision.ts';
import { ASSIGN_RECORDS, CREATE_CUSTOMERS, WRITE_EVIDENCE } from './resolution.cypher.ts';
import { plannedMoves, type RuleLink } from './resolve-all-lineage.ts';
import { newCustomerId, newEventId, type ResolutionService } from './resolution.service.ts';
import { stableIds } from './stable-ids.ts';

export type ResolveReport = {
  records: number;
  customers: number;
  keptIds: number;
  newCustomers: number;
  mergedAway: number;
  links: number;
  reviews: number;
  modelVersion: string;
  seconds: number;
};

const PAGE = 1000;
const WRITE_CHUNK = 5000;

/**
 * Re-runs resolution over every record (after a model or rule change): scores all
 * candidate pairs page by page, clusters globally under the steward's cannot-links, and
 * keeps customer ids stable (see stable-ids.ts). Streaming and bulk share the scoring.
 */
export class BulkResolveService {
  private readonly executor: GraphExecutor;
  private readonly resolution: ResolutionService;
  private readonly golden: GoldenService;

  constructor(executor: GraphExecutor, resolution: ResolutionService, golden: GoldenService) {
    this.executor = executor;
    this.resolution = resolution;
    this.golden = golden;
  }

  async resolveAll(actor: Actor): Promise<ResolveReport> {
    const by = actor.id;
    const started = performance.now();
    const { model } = this.resolution.current;
    await this.executor.writeRows(SUPERSEDE_OPEN_REVIEWS);
    const keys: string[] = [];
    const links: RuleLink[] = [];
    const reviews: PairDecision[] = [];
    for (let after: string | null = null; ; ) {
      const page: Array<{ key: string; attrs: string }> = await this.executor.readRows(RECORD_PAGE, { after, size: int(PAGE) });
      if (page.length === 0) break;
      after = page.at(-1)!.key;
      const { decisions } = await this.executor.write(async (tx) => {
        const scored = await this.resolution.scoreRecords(tx, page);
        if (scored.decisions.length > 0) {
          await tx.run(WRITE_EVIDENCE, { evidence: scored.decisions.map((d) => ({ a: d.a, b: d.b, props: { ...d.props, status: d.decision === 'link' ? 'linked' : 'open' } })) });
        }
        return scored;
      });
      for (const row of page) keys.push(row.key);
      for (const d of decisions) (d.decision === 'link' ? links.push({ a: d.a, b: d.b, rule: String(d.props['rule']), probability: d.probability }) : reviews.push(d));
    }

    const cannot = (await this.executor.readRows<{ a: string; b: string }>(ALL_CANNOT_LINKS)).map((r) => [r.a, r.b] as const);
    const apart = await this.executor.readRows<ApartTag>(ALL_SPLIT_SIDES);
    const clusters = clusterPairs(keys, links, model.thresholds.link, cannot, apart);
    const memberships = await this.executor.readRows<{ key: string; customer: string; createdAt: string }>(MEMBERSHIPS);
    const current = new Map(memberships.map((m) => [m.key, m.customer]));
    const { ids, mergedAway } = stableIds(clusters, current, new Map(memberships.map((m) => [m.customer, sortableInstant(m.createdAt)])));

    const finalIds = ids.map((id) => id ?? newCustomerId());
    const created = finalIds.filter((_, i) => ids[i] === null);
    const reason = `resolve-all with model ${model.version}`;
    const moves = plannedMoves(clusters, finalIds, current, mergedAway, links).map((m) => ({ ...m, id: newEventId() }));
    const mergeEvent = new Map(moves.filter((m) => m.kind === 'merge').map((m) => [m.from, m.id]));
    const assignments = clusters.flatMap((records, i) =>
      records
        .filter((key) => current.get(key) !== finalIds[i])
        .map((key) => {
          const from = current.get(key);
          const viaMerge = from !== undefined && mergedAway.get(from) === i ? mergeEvent.get(from)! : null;
          return { key, customer: finalIds[i]!, rule: `resolve-all ${model.version}`, viaMerge };
        }),
    );
    const clusterOf = new Map(clusters.flatMap((records, i) => records.map((key) => [key, i] as const)));
    const reviewStatus = reviews.map((d) => ({ a: d.a, b: d.b, status: clusterOf.get(d.a) === clusterOf.get(d.b) ? 'linked-through-others' : 'open' }));

    await this.inChunks(CREATE_CUSTOMERS, 'ids', created);
    await this.inChunks(ASSIGN_RECORDS, 'assignments', assignments);
    await this.inChunks(
      MARK_MERGED_AWAY,
      'merges',
      [...mergedAway].map(([from, cluster]) => ({ from, into: finalIds[cluster]!, by, reason, eventId: mergeEvent.get(from) ?? null })),
    );
    await this.inChunks(WRITE_MOVES, 'moves', moves, { actor: actor.id, role: actor.role, reason });
    await this.inChunks(SET_REVIEW_STATUS, 'rows', reviewStatus);
    await this.refreshGolden(actor);
    await this.executor.write((tx) =>
      appendAudit(tx, actor, [{ operation: 'resolve-all', detail: { modelVersion: model.version, records: keys.length, customers: clusters.length, newCustomers: created.length, mergedAway: mergedAway.size } }]),
    );
    return {
      records: keys.length,
      customers: clusters.length,
      keptIds: ids.filter((id) => id !== null).length,
      newCustomers: created.length,
      mergedAway: mergedAway.size,
      links: links.length,
      reviews: reviewStatus.filter((r) => r.status === 'open').length,
      modelVersion: model.version,
      seconds: (performance.now() - started) / 1000,
    };
  }

  /** Every active customer's golden record, a page per transaction. */
  private async refreshGolden(actor: Actor): Promise<void> {
    for (let after: string | null = null; ; ) {
      const page: Array<{ id: string }> = await this.executor.readRows(ACTIVE_CUSTOMER_PAGE, { after, size: int(PAGE) });
      if (page.length === 0) break;
      after = page.at(-1)!.id;
      await this.executor.write((tx) => this.golden.refreshInTx(tx, page.map((p) => p.id), actor));
    }
  }

  private async inChunks(query: string, param: string, rows: readonly unknown[], fixed: Record<string, unknown> = {}): Promise<void> {
    for (let i = 0; i < rows.length; i += WRITE_CHUNK) {
      await this.executor.writeRows(query, { ...fixed, [param]: rows.slice(i, i + WRITE_CHUNK) });
    }
  }
}
