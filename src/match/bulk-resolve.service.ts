import { appendAudit } from '../audit/audit.service.ts';
import type { Actor } from '../audit/audit.ts';
import { DomainError } from '../errors/domain-error.ts';
import { int, type GraphExecutor, type Tx } from '../graph/executor.ts';
import type { GoldenService } from '../golden/golden.service.ts';
import {
  ACTIVE_CUSTOMER_PAGE,
  ALL_CANNOT_LINKS,
  ALL_SPLIT_SIDES,
  MARK_MERGED_AWAY,
  MEMBERSHIPS,
  RECORD_PAGE,
  SUPERSEDE_OPEN_REVIEWS,
  WRITE_MOVES,
} from './bulk-resolve.cypher.ts';
import { clusterGuards, type ApartTag } from './cluster.ts';
import type { PairDecision } from './pair-decision.ts';
import { ASSIGN_RECORDS, CREATE_CUSTOMERS, WRITE_EVIDENCE } from './resolution.cypher.ts';
import { plannedMoves } from './resolve-all-lineage.ts';
import { planResolveAll, type Membership, type ResolveAllPlan } from './resolve-all-plan.ts';
import { previewOf, type ResolveBounds, type ResolvePreview } from './resolve-all-preview.ts';
import { newCustomerId, newEventId, type ResolutionService } from './resolution.service.ts';

export type ResolveReport = {
  records: number;
  customers: number;
  keptIds: number;
  newCustomers: number;
  mergedAway: number;
  links: number;
  reviews: number;
  /** Links an over-merge guard held back for review. */
  heldBack: number;
  modelVersion: string;
  seconds: number;
};

const PAGE = 1000;
const WRITE_CHUNK = 5000;

/**
 * Re-runs resolution over every record (after a model or rule change): scores all
 * candidate pairs page by page, plans the clusters globally under the guards and the
 * steward's decisions with stable customer ids (resolve-all-plan.ts), then writes the
 * plan. The dry run is the same plan, summarised and not written. Streaming and bulk
 * share the scoring.
 */
export class BulkResolveService {
  private readonly executor: GraphExecutor;
  private readonly resolution: ResolutionService;
  private readonly golden: GoldenService;
  private readonly bounds: ResolveBounds;

  constructor(executor: GraphExecutor, resolution: ResolutionService, golden: GoldenService, bounds: ResolveBounds) {
    this.executor = executor;
    this.resolution = resolution;
    this.golden = golden;
    this.bounds = bounds;
  }

  /**
   * What `resolveAll` would do now, written nowhere. Candidates come through the blocking
   * keys stored at ingest, which `resolveAll` refreshes first: the two differ only after
   * a release that changed the blocking rules.
   */
  async preview(): Promise<ResolvePreview & { modelVersion: string }> {
    const plan = await this.plan(false);
    return { ...previewOf(plan, this.bounds), modelVersion: this.resolution.current.model.version };
  }

  /**
   * Applies the plan, unless it exceeds the bounds (CHANGE_TOO_LARGE) and `force` is not
   * given. Every merge and move it makes is a lineage event, undoable like any other.
   */
  async resolveAll(actor: Actor, options: { force?: boolean } = {}): Promise<ResolveReport> {
    const started = performance.now();
    const { model } = this.resolution.current;
    const plan = await this.plan(true);
    const preview = previewOf(plan, this.bounds);
    if (preview.refusals.length > 0 && !options.force) {
      const why = preview.refusals.join('; ');
      throw new DomainError('CHANGE_TOO_LARGE', `resolve-all refused: ${why}`, {
        clientMessage: `Re-resolution refused: ${why}. Nothing was changed. Review it with previewResolveAll (CLI: resolve --dry-run), then apply it with force: true (CLI: --force).`,
      });
    }
    const written = await this.write(plan, actor, model.version);
    await this.executor.write((tx) =>
      appendAudit(tx, actor, [
        {
          operation: 'resolve-all',
          detail: { modelVersion: model.version, records: preview.records, customers: plan.clusters.length, newCustomers: written.created, mergedAway: plan.mergedAway.size, forced: preview.refusals.length > 0 },
        },
      ]),
    );
    return {
      records: preview.records,
      customers: plan.clusters.length,
      keptIds: plan.ids.filter((id) => id !== null).length,
      newCustomers: written.created,
      mergedAway: plan.mergedAway.size,
      links: plan.links.length,
      reviews: preview.reviews,
      heldBack: preview.heldBack.clusterSizeLimit + preview.heldBack.weakBridge,
      modelVersion: model.version,
      seconds: (performance.now() - started) / 1000,
    };
  }

  /** Scores every record page by page (refreshing its blocking keys unless a dry run) and plans. */
  private async plan(refreshKeys: boolean): Promise<ResolveAllPlan> {
    const { model, maxCustomerRecords } = this.resolution.current;
    const keys: string[] = [];
    const decisions: PairDecision[] = [];
    for (let after: string | null = null; ; ) {
      const page: Array<{ key: string; attrs: string }> = await this.executor.readRows(RECORD_PAGE, { after, size: int(PAGE) });
      if (page.length === 0) break;
      after = page.at(-1)!.key;
      const score = (tx: Tx) => this.resolution.scoreRecords(tx, page, { writeKeys: refreshKeys });
      const scored = refreshKeys ? await this.executor.write(score) : await this.executor.read(score);
      for (const row of page) keys.push(row.key);
      decisions.push(...scored.decisions);
    }
    const [cannotLink, apart, memberships] = await Promise.all([
      this.executor.readRows<{ a: string; b: string }>(ALL_CANNOT_LINKS).then((rows) => rows.map((r) => [r.a, r.b] as const)),
      this.executor.readRows<ApartTag>(ALL_SPLIT_SIDES),
      this.executor.readRows<Membership>(MEMBERSHIPS),
    ]);
    return planResolveAll({ keys, decisions, cannotLink, apart, memberships }, model.thresholds.link, clusterGuards(model.thresholds.link, maxCustomerRecords));
  }

  /** The writer: evidence, new customers, moves, merges and their lineage, then golden records. */
  private async write(plan: ResolveAllPlan, actor: Actor, modelVersion: string): Promise<{ created: number }> {
    const { clusters, ids, current, mergedAway } = plan;
    const finalIds = ids.map((id) => id ?? newCustomerId());
    const created = finalIds.filter((_, i) => ids[i] === null);
    const reason = `resolve-all with model ${modelVersion}`;
    const moves = plannedMoves(clusters, finalIds, current, mergedAway, plan.links).map((m) => ({ ...m, id: newEventId() }));
    const mergeEvent = new Map(moves.filter((m) => m.kind === 'merge').map((m) => [m.from, m.id]));
    const assignments = clusters.flatMap((records, i) =>
      records
        .filter((key) => current.get(key) !== finalIds[i])
        .map((key) => {
          const from = current.get(key);
          const viaMerge = from !== undefined && mergedAway.get(from) === i ? mergeEvent.get(from)! : null;
          return { key, customer: finalIds[i]!, rule: `resolve-all ${modelVersion}`, viaMerge };
        }),
    );

    await this.executor.writeRows(SUPERSEDE_OPEN_REVIEWS);
    await this.inChunks(WRITE_EVIDENCE, 'evidence', plan.decisions.map((d) => ({ a: d.a, b: d.b, props: d.props })));
    await this.inChunks(CREATE_CUSTOMERS, 'ids', created);
    await this.inChunks(ASSIGN_RECORDS, 'assignments', assignments);
    await this.inChunks(
      MARK_MERGED_AWAY,
      'merges',
      [...mergedAway].map(([from, cluster]) => ({ from, into: finalIds[cluster]!, by: actor.id, reason, eventId: mergeEvent.get(from) ?? null })),
    );
    await this.inChunks(WRITE_MOVES, 'moves', moves, { actor: actor.id, role: actor.role, reason });
    await this.refreshGolden(actor);
    return { created: created.length };
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
