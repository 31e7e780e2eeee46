import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit.service.ts';
import { systemActor, type Actor } from '../audit/audit.ts';
import { DomainError } from '../errors/domain-error.ts';
import { int, rowsOf, type GraphExecutor } from '../graph/executor.ts';
import type { ValueCodec } from '../privacy/codec.ts';
import { MAX_BATCH, type IngestItem, type IngestOutcome, type IngestService } from './ingest.service.ts';
import { DISMISS_REJECTION, LIST_REJECTIONS, MARK_REPLAYED } from './rejection.cypher.ts';
import type { RejectionCode } from './rejection.ts';
import type { SourceService } from './source.service.ts';

export type RejectedRecordModel = {
  id: string;
  source: string;
  batchId: string;
  position: number;
  sourceRecordId: string | null;
  field: string[];
  reason: string;
  code: RejectionCode;
  status: RejectionStatus;
  /** The payload as received (null once replayed, resolved or dismissed). */
  payload: string | null;
  payloadBytes: number;
  payloadTruncated: boolean;
  timesSeen: number;
  firstSeenAt: string;
  lastSeenAt: string;
  replayedAt: string | null;
  /** When a stored version of the same record superseded it, and that record's key. */
  resolvedAt: string | null;
  supersededBy: string | null;
  dismissedAt: string | null;
  dismissedBy: string | null;
  dismissReason: string | null;
};

/** Open until replayed, superseded by a stored version of its record (resolved), or dismissed by a steward. */
export const rejectionStatuses = ['open', 'replayed', 'resolved', 'dismissed'] as const;
export type RejectionStatus = (typeof rejectionStatuses)[number];

export type RejectionFilter = { source?: string | null; status?: RejectionStatus | null; ids?: readonly string[] | null; first?: number };

export class RejectionService {
  private readonly executor: GraphExecutor;
  private readonly codec: ValueCodec;
  private readonly sources: SourceService;
  private readonly ingest: IngestService;

  constructor(executor: GraphExecutor, codec: ValueCodec, sources: SourceService, ingest: IngestService) {
    this.executor = executor;
    this.codec = codec;
    this.sources = sources;
    this.ingest = ingest;
  }

  async list(filter: RejectionFilter): Promise<RejectedRecordModel[]> {
    const rows = await this.executor.readRows<{ rejection: RejectedRecordModel }>(LIST_REJECTIONS, {
      source: filter.source ?? null,
      status: filter.status ?? null,
      ids: filter.ids ? [...filter.ids] : null,
      first: int(Math.min(Math.max(filter.first ?? 100, 1), 1000)),
    });
    return rows.map(({ rejection }) => this.decoded(rejection));
  }

  /**
   * A steward sets an open rejection aside: it will be neither fixed nor replayed, and its
   * payload is dropped. Audited with the reason; refused (CONFLICT) once it is not open.
   */
  async dismiss(id: string, reason: string, actor: Actor): Promise<RejectedRecordModel> {
    return this.executor.write(async (tx) => {
      const [row] = rowsOf(await tx.run<{ was: RejectionStatus; rejection: RejectedRecordModel }>(DISMISS_REJECTION, { id, by: actor.id, reason }));
      if (!row) throw new DomainError('NOT_FOUND', 'Unknown rejection', { clientMessage: 'No rejected record has this id', field: ['id'] });
      if (row.was !== 'open') {
        throw new DomainError('CONFLICT', 'Rejection not open', { clientMessage: `Only an open rejection can be dismissed; this one is ${row.was}`, field: ['id'] });
      }
      await appendAudit(tx, actor, [{ operation: 'rejection.dismiss', reason, detail: { rejection: id, source: row.rejection.source } }]);
      return this.decoded(row.rejection);
    });
  }

  private decoded(rejection: RejectedRecordModel): RejectedRecordModel {
    return { ...rejection, payload: rejection.payload == null ? null : this.codec.decode(rejection.payload) };
  }

  /**
   * Runs open rejections of a source through its current mapping again (after it was
   * fixed). Those that now pass are stored and marked replayed; the others stay open
   * with their new reason. A payload kept only in part cannot be replayed.
   */
  async replay(source: string, ids?: readonly string[] | null, actor: Actor = systemActor): Promise<IngestOutcome> {
    const resolved = await this.sources.resolve(source);
    const open = await this.list({ source, status: 'open', ids: ids ?? null, first: MAX_BATCH });
    const items: IngestItem[] = open.map((rejection, position): IngestItem => {
      const raw = rejection.payload ?? '';
      if (rejection.payloadTruncated) {
        return { position, unreadable: { code: 'TOO_LARGE', reason: 'payload was too large to keep in full; send the record again', raw } };
      }
      try {
        // Text rejected as INVALID_TEXT was kept with U+FFFD where its bytes were not UTF-8
        // (or its lone surrogates were): replayed, that U+FFFD still marks bad input.
        return { position, payload: JSON.parse(raw), raw, ...(rejection.code === 'INVALID_TEXT' ? { invalidBytesReplaced: true } : {}) };
      } catch {
        return { position, unreadable: { code: 'NOT_JSON', reason: rejection.reason, raw } };
      }
    });
    const outcome = await this.ingest.ingestInto(resolved, items, `replay-${randomUUID()}`, actor);
    const stillRejected = new Set(outcome.rejected.map((r) => r.position));
    const replayed = open.filter((_, position) => !stillRejected.has(position)).map((r) => r.id);
    await this.executor.write(async (tx) => {
      if (replayed.length > 0) await tx.run(MARK_REPLAYED, { ids: replayed });
      await appendAudit(tx, actor, [{ operation: 'rejection.replay', detail: { source, replayed: replayed.length, stillRejected: stillRejected.size } }]);
    });
    return outcome;
  }
}
