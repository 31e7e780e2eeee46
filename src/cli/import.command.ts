import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { SingleBar } from 'cli-progress';
import type { Actor } from '../audit/audit.ts';
import { DomainError, isDomainError } from '../errors/domain-error.ts';
import { ingestStream, type BulkOutcome } from '../ingest/bulk-ingest.ts';
import type { Services } from '../services.ts';
import { clearCheckpoint, readCheckpoint, saveCheckpoint } from './checkpoint.ts';
import { fileItems, formatOf } from './file-items.ts';

export type ImportOptions = { source: string; file: string; format?: string; chunk?: number; restart?: boolean; actor?: Actor };

/**
 * Imports a CSV or NDJSON file into a source with a progress bar. After every committed
 * chunk a checkpoint is saved beside the file; a later run over the same unchanged file
 * resumes after the last committed record (ingest is idempotent, so a chunk sent twice
 * around a crash changes nothing).
 */
export async function importFile(services: Services, options: ImportOptions, out: NodeJS.WriteStream = process.stderr): Promise<BulkOutcome & { resumedAt: number; seconds: number }> {
  const format = formatOf(options.file, options.format);
  const source = await services.sources.resolve(options.source);
  const info = await stat(options.file);
  const previous = options.restart ? null : await readCheckpoint(options.file, options.source);
  const resumedAt = previous?.nextPosition ?? 0;
  const batchId = previous?.batchId ?? randomUUID();
  if (resumedAt > 0) out.write(`Resuming after an interrupted import: skipping the ${resumedAt} records already committed.\n`);

  const started = performance.now();
  const bar = new SingleBar(
    {
      format: 'importing |{bar}| {percentage}% | {records} records | {rate} rec/s | rejected {rejected} | ETA {eta_formatted}',
      stream: out,
      noTTYOutput: true,
      notTTYSchedule: 5_000,
      hideCursor: true,
    },
  );
  bar.start(info.size, 0, { records: resumedAt, rate: 0, rejected: 0 });
  let bytes = 0;
  let committed = resumedAt;
  let outcome: BulkOutcome;
  try {
    outcome = await ingestStream(services.ingest, source, fileItems(options.file, format, resumedAt, (read) => (bytes = read)), {
      ...(options.chunk ? { chunkSize: options.chunk } : {}),
      ...(options.actor ? { actor: options.actor } : {}),
      batchId,
      onChunk: async (progress, lastPosition) => {
        await saveCheckpoint(options.file, { source: options.source, fileSize: info.size, fileMtimeMs: info.mtimeMs, batchId, nextPosition: lastPosition + 1 });
        committed = resumedAt + progress.received;
        const seconds = (performance.now() - started) / 1000;
        bar.update(Math.min(bytes, info.size), {
          records: committed,
          rate: Math.round(progress.received / Math.max(seconds, 0.001)),
          rejected: progress.rejected,
        });
      },
    });
    bar.update(info.size);
  } catch (error) {
    if (isDomainError(error) && error.code === 'SERVICE_UNAVAILABLE') {
      throw new DomainError('SERVICE_UNAVAILABLE', error.message, {
        cause: error,
        clientMessage: `Import stopped: Neo4j is not answering (${committed} records committed). Run the same command again to resume.`,
      });
    }
    throw error;
  } finally {
    // The bar redraws on a timer, which would keep a failed import's process alive for ever.
    bar.stop();
  }
  await clearCheckpoint(options.file);
  return { ...outcome, resumedAt, seconds: (performance.now() - started) / 1000 };
}
