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
import type { Model } from './model.ts';
import { ALL_MUST_LINKS } from '../membership/decisions.cypher.ts';
import { newCustomerId, newEventId } from '../membership/ids.ts';
import { assertConsistent, assignRecords, createCustomers, lockActive, lockCustomers, lockRecords, retireEmpty, writeLineage, type Assignment } from '../membership/membership.ts';

export type BulkResolveHooks = {
  /** Brings the match settings up to the database's version before each plan (another process may have changed them). */
  refreshSettings?: () => Promise<void>;
  /** After a re-resolution is written: the model it applied becomes the one every process uses. */
  modelApplied?: (model: Model, actor: Actor) => Promise<unknown>;
  /** Records moved per membership transaction (smaller in tests, to write in several). */
  membershipChunk?: number;
};

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

  private readonly hooks: BulkResolveHooks;

  constructor(executor: GraphExecutor, resolution: ResolutionService, golden: GoldenService, bounds: ResolveBounds, hooks: BulkResolveHooks = {}) {
    this.executor = executor;
    this.resolution = resolution;
    this.golden = golden;
    this.bounds = bounds;
    this.hooks = hooks;
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
    // The base is resolved by this model now: every process resolves new records by it too.
    await this.hooks.modelApplied?.(model, actor);
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
    await this.hooks.refreshSettings?.();
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
   * The writer: the evidence, then the clusters a chunk at a time, each chunk one
   * transaction through the membership writer (which locks its customers and records
   * first): the chunk's new customers, its moves, their lineage events, and the old
   * customers its moves emptied, merged into the customer that took most of their records.
   * A kill between chunks leaves no empty new customer, no move without its event and no
   * emptied customer without its pointer; a resumed job plans again from what is
   * committed. A record that moved since the plan was made (a steward's merge, an ingest)
   * is left where it is now and counted.
   */
  private async write(plan: ResolveAllPlan, actor: Actor, modelVersion: string): Promise<{ created: number; changedMeanwhile: number }> {
    const { clusters, ids, current, mergedAway } = plan;
    const finalIds = ids.map((id) => id ?? newCustomerId());
    const reason = `resolve-all with model ${modelVersion}`;
    const rule = `resolve-all ${modelVersion}`;
    const moves = plannedMoves(clusters, finalIds, current, mergedAway, plan.links).map((m) => ({ ...m, id: newEventId() }));
    const mergeEvent = new Map(moves.filter((m) => m.kind === 'merge').map((m) => [m.from, m.id]));
    const movesInto = new Map<string, typeof moves>();
    for (const m of moves) movesInto.set(m.to, [...(movesInto.get(m.to) ?? []), m]);
    // An old customer is emptied once every record leaving it has been written.
    const leaving = new Map<string, number>();
    for (const m of moves) leaving.set(m.from, (leaving.get(m.from) ?? 0) + m.recordKeys.length);

    await this.executor.writeRows(SUPERSEDE_OPEN_REVIEWS);
    await this.inChunks(WRITE_EVIDENCE, 'evidence', plan.decisions.map((d) => ({ a: d.a, b: d.b, props: d.props })));
    let created = 0;
    let changedMeanwhile = 0;
    // Each cluster's records that change customer (or have none yet).
    const arriving = clusters.map((records, i) =>
      records
        .filter((key) => current.get(key) !== finalIds[i])
        .map((key): Assignment => {
          const from = current.get(key);
          return { key, customer: finalIds[i]!, rule, viaMerge: from !== undefined && mergedAway.get(from) === i ? mergeEvent.get(from)! : null };
        }),
    );
    for (const chunk of clusterChunks(arriving.map((a) => a.length), this.hooks.membershipChunk ?? MEMBERSHIP_CHUNK)) {
      const newIds = chunk.filter((i) => ids[i] === null).map((i) => finalIds[i]!);
      const chunkMoves = chunk.flatMap((i) => movesInto.get(finalIds[i]!) ?? []);
      const assignments = chunk.flatMap((i) => arriving[i]!);
      const emptied: string[] = [];
      for (const m of chunkMoves) {
        const left = leaving.get(m.from)! - m.recordKeys.length;
        leaving.set(m.from, left);
        if (left === 0 && mergedAway.has(m.from)) emptied.push(m.from);
      }
      const outcome = await this.executor.write(async (tx) => {
        // Records first, then the customers they go to (as ingest locks them).
        const holders = await lockRecords(tx, assignments.map((a) => a.key));
        const unchanged = assignments.filter((a) => {
          const now = holders.get(a.key) ?? [];
          const was = current.get(a.key);
          return was === undefined ? now.length === 0 : now.length === 1 && now[0] === was;
        });
        const fresh = new Set(newIds);
        const targets = await lockActive(tx, [...new Set(unchanged.map((a) => a.customer).filter((id) => !fresh.has(id)))]);
        const applicable = unchanged.filter((a) => fresh.has(a.customer) || targets.get(a.customer)?.activeId === a.customer);
        // A new customer whose every record moved elsewhere meanwhile is not created: no empty customers.
        const toCreate = newIds.filter((id) => applicable.some((a) => a.customer === id));
        await createCustomers(tx, toCreate);
        await assignRecords(tx, applicable);
        const written = new Set(applicable.map((a) => a.key));
        await writeLineage(
          tx,
          chunkMoves
            .map((m) => ({ id: m.id, kind: m.kind, from: m.from, to: m.to, reason, evidence: m.evidence, recordKeys: m.recordKeys.filter((k) => written.has(k)) }))
            .filter((m) => m.recordKeys.length > 0),
          actor,
        );
        const retire = emptied.map((from) => ({ from, into: finalIds[mergedAway.get(from)!]!, eventId: mergeEvent.get(from) ?? null, reason }));
        await lockCustomers(tx, retire.map((r) => r.from));
        await retireEmpty(tx, retire, actor);
        await assertConsistent(tx, written, [...toCreate, ...applicable.map((a) => a.customer), ...emptied]);
        return { skipped: assignments.length - applicable.length, created: toCreate.length };
      });
      changedMeanwhile += outcome.skipped;
      created += outcome.created;
    }
    // A customer that keeps its id can still be left empty when the records meant for it
    // moved elsewhere meanwhile: it points at the customer that took most of its own.
    if (changedMeanwhile > 0) await this.retireLeftEmpty(moves, mergedAway, actor, reason);
    await this.refreshGolden(actor);
    return { created, changedMeanwhile };
  }

  private async retireLeftEmpty(moves: ReadonlyArray<{ from: string; to: string; recordKeys: readonly string[] }>, mergedAway: ReadonlyMap<string, number>, actor: Actor, reason: string): Promise<void> {
    const largest = new Map<string, { to: string; n: number }>();
    for (const m of moves) {
      if (mergedAway.has(m.from)) continue;
      const best = largest.get(m.from);
      if (!best || m.recordKeys.length > best.n) largest.set(m.from, { to: m.to, n: m.recordKeys.length });
    }
    const retire = [...largest].map(([from, { to }]) => ({ from, into: to, eventId: null, reason }));
    for (let i = 0; i < retire.length; i += MEMBERSHIP_CHUNK) {
      const chunk = retire.slice(i, i + MEMBERSHIP_CHUNK);
      await this.executor.write(async (tx) => {
        await lockCustomers(tx, chunk.flatMap((r) => [r.from, r.into]));
        await retireEmpty(tx, chunk, actor);
        await assertConsistent(tx, [], chunk.map((r) => r.from));
      });
    }
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

/**
 * The indexes of the clusters that gain records, in chunks of about `size` arriving
 * records; a cluster is never split between chunks.
 * @example clusterChunks([2, 0, 3, 1], 4) // [[0], [2, 3]]
 */
export function clusterChunks(arriving: readonly number[], size: number): number[][] {
  const chunks: number[][] = [];
  let chunk: number[] = [];
  let records = 0;
  arriving.forEach((n, i) => {
    if (n === 0) return;
    if (records > 0 && records + n > size) {
      chunks.push(chunk);
      chunk = [];
      records = 0;
    }
    chunk.push(i);
    records += n;
  });
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
