import { randomUUID } from 'node:crypto';
import type { Actor } from '../audit/audit.ts';
import type { HeldBackIngest, IngestItem, IngestOutcome, IngestService } from './ingest.service.ts';
import { chunked } from './ndjson.ts';
import type { Rejection } from './rejection.ts';
import type { ResolvedSource } from './source.service.ts';

export type BulkOutcome = {
  batchId: string;
  received: number;
  stored: number;
  unchanged: number;
  rejectedCount: number;
  /** The first rejections, up to MAX_REPORTED; all of them are stored and can be listed. */
  rejected: Rejection[];
  /** Values left out of the records stored (data-quality issues, listed by DataQualityService). */
  dataQualityIssueCount: number;
  heldBackCount: number;
  /** Records held back because they matched an erased person's tombstone: the first MAX_REPORTED, named by position and record id. */
  heldBack: HeldBackIngest[];
};

export type BulkProgress = { received: number; stored: number; unchanged: number; rejected: number };

/**
 * Records per transaction in a stream. Ingestion alone runs faster in larger chunks (a
 * transaction's fixed cost), but resolution inside the transaction does not: finding
 * candidates through keys the same uncommitted transaction just linked grows with the
 * square of the chunk (measured: 4,000 CRM records resolve at ~130/s in chunks of 500,
 * ~60/s in chunks of 2,000).
 */
export const BULK_CHUNK = 500;
const MAX_REPORTED = 1000;

/**
 * Ingests a stream of items chunk by chunk, one transaction per chunk, so memory stays
 * flat whatever the input size. `onChunk` sees running totals after each committed chunk
 * (the CLI's progress bar and resume checkpoint).
 */
export async function ingestStream(
  ingest: IngestService,
  source: ResolvedSource,
  items: AsyncIterable<IngestItem>,
  options: { chunkSize?: number; batchId?: string; actor?: Actor; onChunk?: (progress: BulkProgress, lastPosition: number) => void | Promise<void> } = {},
): Promise<BulkOutcome> {
  const batchId = options.batchId ?? randomUUID();
  const total: BulkOutcome = { batchId, received: 0, stored: 0, unchanged: 0, rejectedCount: 0, rejected: [], dataQualityIssueCount: 0, heldBackCount: 0, heldBack: [] };
  // Chunk k+1 is validated and mapped while chunk k commits.
  let pending: { commit: Promise<IngestOutcome>; lastPosition: number } | null = null;
  const settle = async (done: { commit: Promise<IngestOutcome>; lastPosition: number }) => {
    const outcome = await done.commit;
    total.received += outcome.received;
    total.stored += outcome.stored;
    total.unchanged += outcome.unchanged;
    total.rejectedCount += outcome.rejected.length;
    total.dataQualityIssueCount += outcome.dataQualityIssues.length;
    for (const rejection of outcome.rejected) {
      if (total.rejected.length < MAX_REPORTED) total.rejected.push(rejection);
    }
    total.heldBackCount += outcome.heldBack.length;
    for (const held of outcome.heldBack) if (total.heldBack.length < MAX_REPORTED) total.heldBack.push(held);
    await options.onChunk?.(
      { received: total.received, stored: total.stored, unchanged: total.unchanged, rejected: total.rejectedCount },
      done.lastPosition,
    );
  };
  for await (const chunk of chunked(items, options.chunkSize ?? BULK_CHUNK)) {
    const prepared = ingest.prepare(source, chunk, batchId, options.actor);
    if (pending) await settle(pending);
    const commit = ingest.commit(prepared);
    // Awaited in settle(); a handler now keeps a failure during the next read from counting as unhandled.
    commit.catch(() => undefined);
    pending = { commit, lastPosition: chunk.at(-1)!.position };
  }
  if (pending) await settle(pending);
  return total;
}
