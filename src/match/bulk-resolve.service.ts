import { appendAudit } from '../audit/audit.service.ts';
import type { Actor } from '../audit/audit.ts';
import { DomainError } from '../errors/domain-error.ts';
import { int, type GraphExecutor, type Tx } from '../graph/executor.ts';
import type { GoldenService } from '../golden/golden.service.ts';
import {
  ACTIVE_CUSTOMER_PAGE,
  ALL_CANNOT_LINKS,
  ALL_SPLIT_SIDES,
  MEMBERSHIPS,
  RECORD_PAGE,
  SUPERSEDE_OPEN_REVIEWS,
} from './bulk-resolve.cypher.ts';
import { clusterGuards, type ApartTag } from './cluster.ts';
import type { PairDecision } from './pair-decision.ts';
import { WRITE_EVIDENCE } from './resolution.cypher.ts';
import { plannedMoves } from './resolve-all-lineage.ts';
import { planResolveAll, type Membership, type ResolveAllPlan } from './resolve-all-plan.ts';
import { previewOf, type ResolveBounds, type ResolvePreview } from './resolve-all-preview.ts';
import type { ResolutionService } from './resolution.service.ts';
import { ALL_MUST_LINKS } from '../membership/decisions.cypher.ts';
import { newCustomerId, newEventId } from '../membership/ids.ts';
import { assertConsistent, assignRecords, createCustomers, lockActive, lockCustomers, lockRecords, retireEmpty, writeLineage, type Assignment } from '../membership/membership.ts';

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

/** A page of records scored by `resolveAll`: what a resumed run takes instead of scoring it again. */
export type ScoredPage = { index: number; after: string; keys: string[]; decisions: PairDecision[]; processed: number };

/**
 * Where a job keeps `resolveAll`'s scored pages (src/jobs/resolve-all.job.ts). `save` runs in
 * the transaction that scored the page and refreshed its keys, so a page is committed
 * with its record or not at all; it throws to stop the run (the transaction rolls back).
 */
export type ScoringCheckpoint = {
  committed(): Promise<ScoredPage[]>;
  save(tx: Tx, page: ScoredPage): Promise<void>;
};

/** Optional hooks of `resolveAll` for a job: progress (which may throw to stop between pages) and the checkpoint. */
export type ResolveAllHooks = {
  progress?: (update: { phase: 'scoring' | 'planning' | 'writing'; processed: number }) => Promise<void>;
  checkpoint?: ScoringCheckpoint;
};

const PAGE = 1000;
const WRITE_CHUNK = 5000;
/** Membership changes per transaction: each locks its customers and records. */
const MEMBERSHIP_CHUNK = 1000;

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

  /** Brings the match settings up to the database's version before each plan (another process may have changed them). */
  private readonly refreshSettings: () => Promise<void>;

  constructor(executor: GraphExecutor, resolution: ResolutionService, golden: GoldenService, bounds: ResolveBounds, refreshSettings: () => Promise<void> = async () => {}) {
    this.executor = executor;
    this.resolution = resolution;
    this.golden = golden;
    this.bounds = bounds;
    this.refreshSettings = refreshSettings;
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
  async resolveAll(actor: Actor, options: { force?: boolean } & ResolveAllHooks = {}): Promise<ResolveReport> {
    const started = performance.now();
    const { model } = this.resolution.current;
    const plan = await this.plan(true, options);
    const preview = previewOf(plan, this.bounds);
    if (preview.refusals.length > 0 && !options.force) {
      const why = preview.refusals.join('; ');
      throw new DomainError('CHANGE_TOO_LARGE', `resolve-all refused: ${why}`, {
        clientMessage: `Re-resolution refused: ${why}. Nothing was changed. Review it with previewResolveAll (CLI: resolve --dry-run), then apply it with force: true (CLI: --force).`,
      });
    }
    await options.progress?.({ phase: 'writing', processed: preview.records });
    const written = await this.write(plan, actor, model.version);
    await this.executor.write((tx) =>
      appendAudit(tx, actor, [
        {
          operation: 'resolve-all',
          detail: { modelVersion: model.version, records: preview.records, customers: plan.clusters.length, newCustomers: written.created, mergedAway: plan.mergedAway.size, forced: preview.refusals.length > 0, changedMeanwhile: written.changedMeanwhile },
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
  private async plan(refreshKeys: boolean, hooks: ResolveAllHooks = {}): Promise<ResolveAllPlan> {
    await this.refreshSettings();
    const { model, maxCustomerRecords } = this.resolution.current;
    const keys: string[] = [];
    const decisions: PairDecision[] = [];
    // Pages an earlier attempt committed are taken as they were scored, and scoring goes on after them.
    const committed = (await hooks.checkpoint?.committed()) ?? [];
    for (const done of committed) {
      keys.push(...done.keys);
      decisions.push(...done.decisions);
    }
    for (let after: string | null = committed.at(-1)?.after ?? null, index = committed.length; ; index++) {
      const page: Array<{ key: string; attrs: string }> = await this.executor.readRows(RECORD_PAGE, { after, size: int(PAGE) });
      if (page.length === 0) break;
      after = page.at(-1)!.key;
      const pageIndex = index;
      const pageAfter = after;
      const score = async (tx: Tx) => {
        const scored = await this.resolution.scoreRecords(tx, page, { writeKeys: refreshKeys });
        const pageKeys = page.map((row) => row.key);
        await hooks.checkpoint?.save(tx, { index: pageIndex, after: pageAfter, keys: pageKeys, decisions: scored.decisions, processed: keys.length + pageKeys.length });
        return scored;
      };
      const scored = refreshKeys ? await this.executor.write(score) : await this.executor.read(score);
      for (const row of page) keys.push(row.key);
      decisions.push(...scored.decisions);
      await hooks.progress?.({ phase: 'scoring', processed: keys.length });
    }
    await hooks.progress?.({ phase: 'planning', processed: keys.length });
    const [cannotLink, apart, mustLink, memberships] = await Promise.all([
      this.executor.readRows<{ a: string; b: string }>(ALL_CANNOT_LINKS).then((rows) => rows.map((r) => [r.a, r.b] as const)),
      this.executor.readRows<ApartTag>(ALL_SPLIT_SIDES),
      this.executor.readRows<{ keys: string[] }>(ALL_MUST_LINKS).then((rows) => rows.map((r) => r.keys)),
      this.executor.readRows<Membership>(MEMBERSHIPS),
    ]);
    return planResolveAll({ keys, decisions, cannotLink, apart, mustLink, memberships }, model.thresholds.link, clusterGuards(model.thresholds.link, maxCustomerRecords));
  }

  /**
   * The writer: evidence, new customers, then each chunk of moves in its own transaction
   * through the membership writer, which locks the customers and records first. A record
   * that moved since the plan was made (a steward's merge, an ingest) is left where it is
   * now and counted; a customer left empty is merged into the one that took its records.
   */
  private async write(plan: ResolveAllPlan, actor: Actor, modelVersion: string): Promise<{ created: number; changedMeanwhile: number }> {
    const { clusters, ids, current, mergedAway } = plan;
    const finalIds = ids.map((id) => id ?? newCustomerId());
    const created = finalIds.filter((_, i) => ids[i] === null);
    const reason = `resolve-all with model ${modelVersion}`;
    const moves = plannedMoves(clusters, finalIds, current, mergedAway, plan.links).map((m) => ({ ...m, id: newEventId() }));
    const mergeEvent = new Map(moves.filter((m) => m.kind === 'merge').map((m) => [m.from, m.id]));
    const assignments: Assignment[] = clusters.flatMap((records, i) =>
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
    for (let i = 0; i < created.length; i += WRITE_CHUNK) await this.executor.write((tx) => createCustomers(tx, created.slice(i, i + WRITE_CHUNK)));
    let changedMeanwhile = 0;
    for (let i = 0; i < assignments.length; i += MEMBERSHIP_CHUNK) {
      const chunk = assignments.slice(i, i + MEMBERSHIP_CHUNK);
      changedMeanwhile += await this.executor.write(async (tx) => {
        const targets = await lockActive(tx, chunk.map((a) => a.customer));
        const holders = await lockRecords(tx, chunk.map((a) => a.key));
        const applicable = chunk.filter((a) => {
          const now = holders.get(a.key) ?? [];
          const was = current.get(a.key);
          return targets.get(a.customer)?.activeId === a.customer && (was === undefined ? now.length === 0 : now.length === 1 && now[0] === was);
        });
        await assignRecords(tx, applicable);
        await assertConsistent(tx, applicable.map((a) => a.key), applicable.map((a) => a.customer));
        return chunk.length - applicable.length;
      });
    }
    const retire = [...mergedAway].map(([from, cluster]) => ({ from, into: finalIds[cluster]!, eventId: mergeEvent.get(from) ?? null, reason }));
    for (let i = 0; i < retire.length; i += MEMBERSHIP_CHUNK) {
      const chunk = retire.slice(i, i + MEMBERSHIP_CHUNK);
      await this.executor.write(async (tx) => {
        await lockCustomers(tx, chunk.flatMap((r) => [r.from, r.into]));
        await retireEmpty(tx, chunk, actor);
        await assertConsistent(tx, [], chunk.map((r) => r.from));
      });
    }
    for (let i = 0; i < moves.length; i += WRITE_CHUNK) {
      const chunk = moves.slice(i, i + WRITE_CHUNK);
      await this.executor.write((tx) => writeLineage(tx, chunk.map((m) => ({ id: m.id, kind: m.kind, from: m.from, to: m.to, reason, evidence: m.evidence, recordKeys: m.recordKeys })), actor));
    }
    await this.refreshGolden(actor);
    return { created: created.length, changedMeanwhile };
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
