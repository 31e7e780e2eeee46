import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit.service.ts';
import { systemActor, type Actor } from '../audit/audit.ts';
import type { Logger } from 'pino';
import { DomainError, isDomainError } from '../errors/domain-error.ts';
import { describeErrorForLog } from '../errors/log-safe.ts';
import { int, type GraphExecutor, type Tx } from '../graph/executor.ts';
import type { ValueCodec } from '../privacy/codec.ts';
import { refreshActivityInTx } from '../profile/profile.service.ts';
import { REPLACE_QUALITY_ISSUES } from './data-quality.cypher.ts';
import { dataQualityReport, type DataQualityReport } from './data-quality.ts';
import { DROP_STALE_IDENTIFIERS, LINK_IDENTIFIERS, LINK_NEW_RECORDS_TO_SOURCE, STORE_REJECTIONS, UPSERT_INTERACTIONS, UPSERT_RECORDS } from './ingest.cypher.ts';
import { isProblem, prepareRecord, type InteractionRow, type RecordRow } from './prepare.ts';
import { checkRecord, defaultIngestLimits, futureProblem, type IngestLimits } from './record-limits.ts';
import { CAP_REJECTIONS, NOTE_REJECTIONS, RESOLVE_SUPERSEDED_REJECTIONS } from './rejection.cypher.ts';
import { rejectionRow, toRejection, type Rejection, type RejectionCode, type RejectionRow } from './rejection.ts';
import type { ResolvedSource, SourceService } from './source.service.ts';
import { validatePayload } from './validate.ts';
import { WRITE_RECORD_CONSENTS } from '../privacy/consent/consent.cypher.ts';

/** One record as it arrived: parsed, or unreadable (not JSON, too large). */
export type IngestItem =
  | {
      position: number;
      payload: unknown;
      raw?: string;
      /**
       * The transport decoded bytes that were not UTF-8 as U+FFFD (express.json, a
       * non-strict decoder): a U+FFFD in this payload stands for them and is rejected.
       */
      invalidBytesReplaced?: boolean;
    }
  | {
      position: number;
      /** `raw` may be only the head of a record too large to keep; `bytes` is its full size. */
      unreadable: { code: Extract<RejectionCode, 'NOT_JSON' | 'TOO_LARGE' | 'INVALID_TEXT'>; reason: string; raw: string; bytes?: number };
    };

export type IngestOutcome = {
  batchId: string;
  received: number;
  /** Records (or anonymous activity) written or changed by this call. */
  stored: number;
  /** Valid records already stored as they are, or older than what is stored. */
  unchanged: number;
  rejected: Rejection[];
  /** Values left out of the records prepared (stored, or unchanged); listed with the values by DataQualityService. */
  dataQualityIssues: DataQualityReport[];
  /** Records not stored because they matched an erased person's tombstone (src/privacy/erasure/hold-back.ts). */
  heldBack: HeldBackIngest[];
};

/** A record of a call held back for the privacy officer instead of stored. */
export type HeldBackIngest = { position: number; sourceRecordId: string | null; heldBackId: string; requestId: string };

/** One valid payload of a batch, as a hold-back check sees it: the keys it would be stored and found by. */
export type HoldBackCandidate = { position: number; source: string; sourceRecordId: string | null; identifierKeys: string[]; payload: unknown };

/**
 * Where erasure's tombstones plug in: called first in the transaction that would store the
 * batch; the candidates it returns are kept out of the batch (and kept by the hook).
 */
export type HoldBack = (tx: Tx, candidates: HoldBackCandidate[], batch: { batchId: string; actor: Actor }) => Promise<HeldBackIngest[]>;

export type StoredRecordRef = { key: string; changed: boolean };

/**
 * Where identity resolution plugs in: called inside the transaction that stored the
 * batch, with every record it touched, so resolution commits or fails with the ingest.
 */
export type AfterStore = (tx: Tx, stored: StoredRecordRef[], actor: Actor) => Promise<void>;

/** Records per transaction; callers with more split their input into chunks of this size. */
export const MAX_BATCH = 1000;

type Prepared = { position: number; record: RecordRow | null; interactions: InteractionRow[] };

/** A chunk validated and mapped, ready to commit. */
export type PreparedBatch = {
  source: string;
  batchId: string;
  items: readonly IngestItem[];
  prepared: Prepared[];
  rejections: RejectionRow[];
  dataQualityIssues: DataQualityReport[];
  /** Who sent it: named in the audit entry the commit writes. */
  actor: Actor;
};

export type IngestServiceOptions = { afterStore?: AfterStore | undefined; log?: Logger | undefined; limits?: Partial<IngestLimits> | undefined; holdBack?: HoldBack | undefined };

export class IngestService {
  private readonly executor: GraphExecutor;
  private readonly sources: SourceService;
  private readonly codec: ValueCodec;
  private readonly afterStore: AfterStore | undefined;
  private readonly log: Logger | undefined;
  private readonly limits: IngestLimits;
  private holdBack: HoldBack | undefined;

  constructor(executor: GraphExecutor, sources: SourceService, codec: ValueCodec, options: IngestServiceOptions = {}) {
    this.executor = executor;
    this.sources = sources;
    this.codec = codec;
    this.afterStore = options.afterStore;
    this.log = options.log;
    this.limits = { ...defaultIngestLimits, ...options.limits };
    this.holdBack = options.holdBack;
  }

  /** Installs the tombstone check (the composition root does, once the privacy services exist). */
  useHoldBack(holdBack: HoldBack): void {
    this.holdBack = holdBack;
  }

  /** Validates, maps and stores records of one source; bad ones are kept as rejections. */
  async ingest(sourceName: string, items: readonly IngestItem[], actor: Actor = systemActor, batchId: string = randomUUID()): Promise<IngestOutcome> {
    return this.ingestInto(await this.sources.resolve(sourceName), items, batchId, actor);
  }

  /** As `ingest`, for a source already resolved (a stream of chunks resolves it once). */
  async ingestInto(source: ResolvedSource, items: readonly IngestItem[], batchId: string, actor: Actor = systemActor): Promise<IngestOutcome> {
    if (items.length > MAX_BATCH) {
      throw new DomainError('BAD_USER_INPUT', 'Batch too large', {
        clientMessage: `A batch holds at most ${MAX_BATCH} records; use the bulk NDJSON endpoint or the CLI for more`,
        field: ['records'],
      });
    }
    return this.commit(this.prepare(source, items, batchId, actor));
  }

  /**
   * Validation and mapping, no I/O: split from `commit` so that a stream can prepare its
   * next chunk while the database commits the current one.
   */
  prepare(source: ResolvedSource, items: readonly IngestItem[], batchId: string, actor: Actor = systemActor): PreparedBatch {
    const name = source.info.name;
    const rejections: RejectionRow[] = [];
    const prepared: Prepared[] = [];
    const dataQualityIssues: DataQualityReport[] = [];
    const reject = (
      position: number,
      raw: string,
      r: { code: RejectionCode; field: (string | number)[]; reason: string; sourceRecordId?: string | null; bytes?: number },
    ) =>
      rejections.push(
        rejectionRow({ source: name, batchId, position, raw, bytes: r.bytes, sourceRecordId: r.sourceRecordId ?? null, field: r.field, reason: r.reason, code: r.code }, this.codec),
      );

    const now = this.limits.now();
    for (const item of items) {
      if ('unreadable' in item) {
        reject(item.position, item.unreadable.raw, { ...item.unreadable, field: [] });
        continue;
      }
      // The same limits for every way in, before anything recursive touches the payload.
      const { raw, problem } = checkRecord(item.payload, { raw: item.raw, invalidBytesReplaced: item.invalidBytesReplaced });
      if (problem) {
        reject(item.position, raw, problem);
        continue;
      }
      const validated = validatePayload(source.adapter, source.context, item.payload);
      if (validated.status === 'invalid') {
        reject(item.position, raw, validated);
        continue;
      }
      const future = futureProblem(Date.parse(validated.canonical.updatedAt), now, this.limits.maxFutureSkewMs);
      if (future) {
        reject(item.position, raw, { code: 'INVALID_RECORD', ...future, sourceRecordId: validated.canonical.sourceRecordId });
        continue;
      }
      const rows = prepareRecord(validated.canonical, this.codec, source.context.defaultCountry, validated.problems);
      if (isProblem(rows)) {
        reject(item.position, raw, { code: 'INVALID_RECORD', ...rows, sourceRecordId: validated.canonical.sourceRecordId });
        continue;
      }
      prepared.push({ position: item.position, ...rows });
      if (rows.record) for (const problem of validated.problems) dataQualityIssues.push(dataQualityReport(item.position, rows.record.sourceRecordId, problem));
    }
    return { source: name, batchId, items, prepared, rejections, dataQualityIssues, actor };
  }

  /** Stores a prepared batch in one transaction (identity resolution included) and counts the outcome. */
  async commit(batch: PreparedBatch): Promise<IngestOutcome> {
    const { source: name, batchId, items, prepared, rejections, dataQualityIssues, actor } = batch;
    let changed: Set<string>;
    const heldBack: HeldBackIngest[] = [];
    try {
      changed = await this.write(prepared, rejections, actor, batchId, { items, held: heldBack });
    } catch (error) {
      if (!refusedByDatabase(error) || prepared.length <= 1) throw error;
      // One record the database refuses must not sink the batch: store them one by one.
      this.log?.warn({ err: describeErrorForLog(error), source: name, records: prepared.length }, 'batch refused; storing record by record');
      heldBack.length = 0;
      changed = await this.writeOneByOne(prepared, rejections, items, name, batchId, actor, heldBack);
    }
    if (rejections.length > 0) await this.capRejections(name, rejections.length);
    // A payload counts as stored when its record or any of its interactions changed, and
    // it carried the version written: an older version of the same key in the batch did not.
    const { records, interactions } = newestOfBatch(prepared);
    const [newestRecords, newestInteractions] = [new Set(records), new Set(interactions)];
    const stored = prepared.filter(
      (p) =>
        (p.record && newestRecords.has(p.record) && changed.has(p.record.key)) ||
        p.interactions.some((i) => newestInteractions.has(i) && changed.has(`interaction\n${i.key}`)),
    ).length;
    const failedPositions = new Set(rejections.filter((r) => r.code === 'STORAGE_FAILED').map((r) => r.position));
    const failed = failedPositions.size;
    return {
      batchId,
      received: items.length,
      stored,
      unchanged: prepared.length - stored - failed - heldBack.length,
      rejected: rejections.map(toRejection).sort((a, b) => a.position - b.position),
      // A record the database refused, stored alone, is rejected with its issues.
      dataQualityIssues: dataQualityIssues.filter((issue) => !failedPositions.has(issue.position) && !heldBack.some((h) => h.position === issue.position)),
      heldBack: heldBack.sort((a, b) => a.position - b.position),
    };
  }

  private async write(
    all: readonly Prepared[],
    rejections: readonly RejectionRow[],
    actor: Actor,
    batchId: string,
    hold: { items: readonly IngestItem[]; held: HeldBackIngest[] } = { items: [], held: [] },
  ): Promise<Set<string>> {
    const heldHere: HeldBackIngest[] = [];
    const result = await this.executor.write(async (tx) => {
      // Checked in the transaction that stores: a tombstone written before it commits holds the record back.
      heldHere.length = 0;
      if (this.holdBack && all.length > 0) heldHere.push(...(await this.holdBack(tx, holdBackCandidates(all, hold.items), { batchId, actor })));
      const heldPositions = new Set(heldHere.map((h) => h.position));
      const prepared = heldPositions.size > 0 ? all.filter((p) => !heldPositions.has(p.position)) : all;
      const { records, interactions } = newestOfBatch(prepared);
      const changed = new Set<string>();
      const stored: StoredRecordRef[] = [];
      const pending: Array<Promise<unknown>> = [];
      if (records.length > 0) {
        const result = await tx.run<{ key: string; created: boolean; changed: boolean; hadIssues: boolean }>(UPSERT_RECORDS, { rows: records });
        const created = new Set<string>();
        const hadIssues = new Set<string>();
        for (const row of result.records) {
          const { key, created: isNew, changed: isChanged, hadIssues: had } = row.toObject();
          stored.push({ key, changed: isChanged });
          if (isChanged) changed.add(key);
          if (isNew) created.add(key);
          if (had) hadIssues.add(key);
        }
        // Everything after the upsert is sent at once: the driver pipelines the statements
        // and Neo4j runs them in order, so each batch costs one round trip here, not five.
        if (created.size > 0) pending.push(tx.run(LINK_NEW_RECORDS_TO_SOURCE, { source: records[0]!.source, keys: [...created] }));
        const updated = records.filter((r) => changed.has(r.key) && !created.has(r.key));
        if (updated.length > 0) pending.push(tx.run(DROP_STALE_IDENTIFIERS, { rows: updated.map((r) => ({ key: r.key, identifierKeys: r.identifierKeys })) }));
        const links = records
          .filter((r) => changed.has(r.key))
          .flatMap((r) => r.identifiers.map((i) => ({ ...i, record: r.key })))
          .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
        if (links.length > 0) pending.push(tx.run(LINK_IDENTIFIERS, { links }));
        const issues = records
          .filter((r) => changed.has(r.key) && (r.qualityIssues.length > 0 || hadIssues.has(r.key)))
          .map((r) => ({ key: r.key, issues: r.qualityIssues }));
        if (issues.length > 0) pending.push(tx.run(REPLACE_QUALITY_ISSUES, { rows: issues }));
        // Consent decisions join the record's history (never replacing it) before resolution refreshes the customers' effective consent.
        const consents = records.filter((r) => changed.has(r.key) && r.consents.length > 0).map((r) => ({ key: r.key, consents: r.consents }));
        if (consents.length > 0) pending.push(tx.run(WRITE_RECORD_CONSENTS, { rows: consents, actor: actor.id }));
      }
      const interactionRows = interactions.length > 0 ? tx.run<{ key: string; changed: boolean }>(UPSERT_INTERACTIONS, { rows: interactions }) : null;
      // Sent right behind the upsert, which Neo4j runs first: the holders' activity summaries commit with their interactions.
      if (interactions.length > 0) pending.push(refreshActivityInTx(tx, interactions.map((i) => i.key)));
      if (rejections.length > 0) pending.push(tx.run(STORE_REJECTIONS, { rows: rejections }));
      // After the rejections of this batch: a record stored supersedes the rejections of its
      // record id that came before it, earlier in this batch included.
      const superseding = records.length > 0 ? tx.run<{ resolved: number }>(RESOLVE_SUPERSEDED_REJECTIONS, { rows: supersedingRows(prepared, records), batchId }) : null;
      // One Promise.all over all of them: a failure of any is handled, none left dangling.
      const [interactionResult, supersedeResult] = await Promise.all([interactionRows, superseding, ...pending]);
      for (const row of interactionResult?.records ?? []) if (row.get('changed')) changed.add(`interaction\n${row.get('key')}`);
      const resolvedRejections = Number(supersedeResult?.records[0]?.get('resolved') ?? 0);
      if (this.afterStore && stored.length > 0) await this.afterStore(tx, stored, actor);
      const written = stored.filter((s) => s.changed).map((s) => s.key);
      if (written.length > 0 || rejections.length > 0 || resolvedRejections > 0) {
        const detail = { batchId, rejected: rejections.length, interactions: interactions.length, ...(resolvedRejections > 0 ? { resolvedRejections } : {}) };
        await appendAudit(tx, actor, [{ operation: 'ingest', recordKeys: written, detail }]);
      }
      return changed;
    });
    hold.held.push(...heldHere);
    return result;
  }

  /**
   * Keeps at most `maxRejectionsPerSource` rejected records of a source, dropping the
   * least recently seen and counting them on the Source. The Source keeps a count of its
   * rejections, so the common case (under the cap) costs one small write, not a walk over
   * all of them. Its own short transaction after the batch's: the Source's lock it takes
   * is then not held while the batch resolves. Housekeeping: when it fails the batch
   * stands, and a later batch with rejections catches up.
   */
  private async capRejections(source: string, added: number): Promise<void> {
    const cap = this.limits.maxRejectionsPerSource;
    try {
      const dropped = await this.executor.write(async (tx) => {
        const counted = (await tx.run<{ counted: number }>(NOTE_REJECTIONS, { source, added: int(added) })).records[0]?.get('counted') ?? 0;
        if (counted <= cap) return 0;
        return (await tx.run<{ dropped: number }>(CAP_REJECTIONS, { source, cap: int(cap) })).records[0]?.get('dropped') ?? 0;
      });
      if (dropped > 0) this.log?.info({ source, dropped }, 'rejected records over the cap dropped');
    } catch (error) {
      this.log?.warn({ err: describeErrorForLog(error), source }, 'could not cap the rejected records');
    }
  }

  private async writeOneByOne(
    prepared: readonly Prepared[],
    rejections: RejectionRow[],
    items: readonly IngestItem[],
    source: string,
    batchId: string,
    actor: Actor,
    held: HeldBackIngest[],
  ): Promise<Set<string>> {
    const changed = new Set<string>();
    for (const one of prepared) {
      try {
        for (const key of await this.write([one], [], actor, batchId, { items, held })) changed.add(key);
      } catch (error) {
        if (!refusedByDatabase(error)) throw error;
        this.log?.warn({ err: describeErrorForLog(error), source, position: one.position }, 'record refused by the database');
        const item = items.find((i) => i.position === one.position);
        const raw = item && 'payload' in item ? (item.raw ?? JSON.stringify(item.payload)) : '';
        rejections.push(rejectionRow({ source, batchId, position: one.position, raw, sourceRecordId: one.record?.sourceRecordId ?? null, field: [], reason: 'could not be stored', code: 'STORAGE_FAILED' }, this.codec));
      }
    }
    await this.write([], rejections, actor, batchId);
    return changed;
  }
}

/**
 * A non-transient error Neo4j raised for the data (not a bug of ours, which must fail the
 * call, and not a transient error, which the driver already retried).
 */
function refusedByDatabase(error: unknown): boolean {
  const code = (isDomainError(error) ? (error.cause as { code?: unknown } | undefined)?.code : undefined) ?? '';
  return isDomainError(error) && error.code === 'INTERNAL' && typeof code === 'string' && code.startsWith('Neo.ClientError.');
}

/** What a hold-back check needs of each prepared payload: the keys it would be stored and found by, and the payload itself. */
function holdBackCandidates(prepared: readonly Prepared[], items: readonly IngestItem[]): HoldBackCandidate[] {
  const payloads = new Map(items.flatMap((item) => ('payload' in item ? [[item.position, item.payload] as const] : [])));
  return prepared.map((p) => ({
    position: p.position,
    source: p.record?.source ?? '',
    sourceRecordId: p.record?.sourceRecordId ?? null,
    identifierKeys: [...new Set([...(p.record?.identifierKeys ?? []), ...p.interactions.flatMap((i) => (i.via ? [i.via.key] : []))])],
    payload: payloads.get(p.position) ?? null,
  }));
}

/** Each record written, with the last position of the batch that carried it: what it supersedes. */
function supersedingRows(prepared: readonly Prepared[], records: readonly RecordRow[]) {
  const last = new Map<string, number>();
  for (const p of prepared) if (p.record) last.set(p.record.key, Math.max(last.get(p.record.key) ?? -1, p.position));
  return records.map((r) => ({ key: r.key, source: r.source, sourceRecordId: r.sourceRecordId, position: int(last.get(r.key) ?? 0) }));
}

/** What a batch writes: of several versions of one record or interaction, the newest. */
function newestOfBatch(prepared: readonly Prepared[]) {
  return {
    records: newestByKey(prepared.flatMap((p) => (p.record ? [p.record] : [])), (a, b) => a.updatedAt - b.updatedAt || a.contentHash.localeCompare(b.contentHash)),
    interactions: newestByKey(prepared.flatMap((p) => p.interactions), (a, b) => a.updatedAt - b.updatedAt),
  };
}

/** Keeps one row per key, the greatest by `compare`, in key order (fewer lock-order deadlocks). */
function newestByKey<T extends { key: string }>(rows: readonly T[], compare: (a: T, b: T) => number): T[] {
  const byKey = new Map<string, T>();
  for (const row of rows) {
    const seen = byKey.get(row.key);
    if (!seen || compare(row, seen) > 0) byKey.set(row.key, row);
  }
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
