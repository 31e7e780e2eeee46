import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../audit/audit.ts';
import { DomainError } from '../../errors/domain-error.ts';
import { int, rowsOf, type GraphExecutor, type Tx } from '../../graph/executor.ts';
import type { HeldBackIngest, HoldBack, HoldBackCandidate, IngestService } from '../../ingest/ingest.service.ts';
import type { ValueCodec } from '../codec.ts';
import { DECIDE_HELD, HELD_FOR_DECISION, HOLD_BACK, LIST_HELD, RELEASE_KEYS, TOMBSTONE_HITS } from './hold-back.cypher.ts';
import { matchedOnName, sourceRecordTombstoneKey } from './tombstone.ts';

export type HeldBackStatus = 'HELD' | 'RELEASED' | 'DISCARDED';
export type HeldBackModel = { id: string; source: string; requestId: string; matchedOn: string[]; at: string; status: HeldBackStatus; decidedBy: string | null; decidedAt: string | null };

type Hit = { key: string; requestId: string; kind: string; type: string | null };

/**
 * Records that match an erased person's tombstone (the same source record id, or any
 * identifier whose lookup key is in it) are held back from every ingest path instead of
 * silently recreating the person: kept as a HeldBackRecord (payload through the codec,
 * encrypted under the encrypting codec, for a release), audited, listed for the privacy
 * officer, who releases (its tombstone keys then stop holding records back) or discards it.
 */
export class HeldBackService {
  private readonly executor: GraphExecutor;
  private readonly codec: ValueCodec;
  private readonly ingest: IngestService;

  constructor(executor: GraphExecutor, codec: ValueCodec, ingest: IngestService) {
    this.executor = executor;
    this.codec = codec;
    this.ingest = ingest;
  }

  /** The ingest hook (IngestService.useHoldBack): one seek per key of the batch. */
  readonly holdBack: HoldBack = async (tx: Tx, candidates: HoldBackCandidate[], batch: { batchId: string; actor: Actor }): Promise<HeldBackIngest[]> => {
    const keysOf = (c: HoldBackCandidate) => [...(c.sourceRecordId ? [sourceRecordTombstoneKey(this.codec, c.source, c.sourceRecordId)] : []), ...c.identifierKeys];
    const all = [...new Set(candidates.flatMap(keysOf))].sort();
    if (all.length === 0) return [];
    const hits = new Map(rowsOf<Hit>(await tx.run(TOMBSTONE_HITS, { keys: all })).map((h) => [h.key, h]));
    if (hits.size === 0) return [];
    const held: HeldBackIngest[] = [];
    const rows = [];
    for (const candidate of candidates) {
      const matched = keysOf(candidate).flatMap((k) => (hits.has(k) ? [hits.get(k)!] : []));
      if (matched.length === 0) continue;
      const id = `hbr_${randomUUID()}`;
      const requestId = matched[0]!.requestId;
      rows.push({
        id,
        source: candidate.source,
        requestId,
        matchedOn: [...new Set(matched.map((m) => matchedOnName(m.kind, m.type)))].sort(),
        matchedKeys: matched.map((m) => m.key),
        payload: this.codec.encode(JSON.stringify(candidate.payload)),
      });
      held.push({ position: candidate.position, sourceRecordId: candidate.sourceRecordId, heldBackId: id, requestId });
    }
    if (rows.length === 0) return [];
    await tx.run(HOLD_BACK, { rows, batchId: batch.batchId });
    // The event the privacy officer follows: ids only, no record key (it would name the person again).
    await appendAudit(tx, batch.actor, rows.map((r) => ({ operation: 'privacy.held-back' as const, detail: { heldBackId: r.id, requestId: r.requestId, source: r.source, batchId: batch.batchId } })));
    return held;
  };

  async list(status: HeldBackStatus, first: number): Promise<HeldBackModel[]> {
    const rows = await this.executor.readRows<{ held: HeldBackModel }>(LIST_HELD, { status, first: int(Math.min(Math.max(first, 1), 500)) });
    return rows.map((r) => r.held);
  }

  /** Stores the record after all: its tombstone keys are released first, so the ingest lets it through. */
  async release(id: string, reason: string, actor: Actor): Promise<HeldBackModel> {
    const held = await this.executor.write(async (tx) => {
      const found = await this.openOne(tx, id);
      await tx.run(RELEASE_KEYS, { keys: found.matchedKeys, heldBackId: id });
      return found;
    });
    // A failure here leaves it HELD (its keys released): releasing it again retries.
    const payload = JSON.parse(this.codec.decode(held.payload)) as unknown;
    await this.ingest.ingest(held.source, [{ position: 0, payload }], actor);
    return this.decide(id, 'RELEASED', 'privacy.held-back.release', reason, actor, held.requestId);
  }

  async discard(id: string, reason: string, actor: Actor): Promise<HeldBackModel> {
    const held = await this.executor.write((tx) => this.openOne(tx, id));
    return this.decide(id, 'DISCARDED', 'privacy.held-back.discard', reason, actor, held.requestId);
  }

  private async openOne(tx: Tx, id: string): Promise<{ source: string; payload: string; matchedKeys: string[]; requestId: string }> {
    const [found] = rowsOf<{ status: HeldBackStatus; source: string; payload: string | null; matchedKeys: string[]; requestId: string }>(await tx.run(HELD_FOR_DECISION, { id }));
    if (!found) throw new DomainError('NOT_FOUND', 'Unknown held-back record', { clientMessage: 'No held-back record has this id', field: ['id'] });
    if (found.status !== 'HELD' || found.payload === null) throw new DomainError('CONFLICT', 'Held-back record decided already', { clientMessage: `The record was ${found.status.toLowerCase()} already`, field: ['id'] });
    return { source: found.source, payload: found.payload, matchedKeys: found.matchedKeys, requestId: found.requestId };
  }

  private async decide(id: string, status: HeldBackStatus, operation: 'privacy.held-back.release' | 'privacy.held-back.discard', reason: string, actor: Actor, requestId: string): Promise<HeldBackModel> {
    return this.executor.write(async (tx) => {
      const [row] = rowsOf<{ held: HeldBackModel }>(await tx.run(DECIDE_HELD, { id, status, actor: actor.id }));
      if (!row) throw new DomainError('CONFLICT', 'Held-back record decided meanwhile', { clientMessage: 'The record was decided meanwhile', field: ['id'] });
      await appendAudit(tx, actor, [{ operation, reason, detail: { heldBackId: id, requestId } }]);
      return row.held;
    });
  }
}
