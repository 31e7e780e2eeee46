import { randomUUID } from 'node:crypto';
import type { IngestItem, IngestService } from './ingest.service.ts';
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
};

export type BulkProgress = { received: number; stored: number; unchanged: number; rejected: number };

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
  options: { chunkSize?: number; batchId?: string; onChunk?: (progress: BulkProgress, lastPosition: number) => void | Promise<void> } = {},
): Promise<BulkOutcome> {
  const batchId = options.batchId ?? randomUUID();
  const total: BulkOutcome = { batchId, received: 0, stored: 0, unchanged: 0, rejectedCount: 0, rejected: [] };
  for await (const chunk of chunked(items, options.chunkSize ?? BULK_CHUNK)) {
    const outcome = await ingest.ingestInto(source, chunk, batchId);
    total.received += outcome.received;
    total.stored += outcome.stored;
    total.unchanged += outcome.unchanged;
    total.rejectedCount += outcome.rejected.length;
    for (const rejection of outcome.rejected) {
      if (total.rejected.length < MAX_REPORTED) total.rejected.push(rejection);
    }
    await options.onChunk?.(
      { received: total.received, stored: total.stored, unchanged: total.unchanged, rejected: total.rejectedCount },
      chunk.at(-1)!.position,
    );
  }
  return total;
}
