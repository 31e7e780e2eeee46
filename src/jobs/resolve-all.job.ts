import { gunzipSync, gzipSync } from 'node:zlib';
import { isDomainError } from '../errors/domain-error.ts';
import type { GraphExecutor } from '../graph/executor.ts';
import type { BulkResolveService, ScoredPage, ScoringCheckpoint } from '../match/bulk-resolve.service.ts';
import type { PairDecision } from '../match/pair-decision.ts';
import { RECORD_COUNT } from './job.cypher.ts';
import { parseJobOptions, resolveAllOptions } from './job-options.ts';
import { phasedProgress, type JobContext, type JobHandler, type JobPage } from './job.ts';

/** What a scored page keeps: its record keys and its link and review decisions, as scored. */
type PagePayload = { keys: string[]; decisions: PairDecision[] };

/**
 * A scored page as a job page, and back. The payload is gzipped JSON in base64: a page's
 * decisions with their comparison evidence are about 1.7 MB of JSON, some 100 KB zipped.
 * @example scoredPageOf(jobPageOf(page)) // equals page
 */
export const jobPageOf = (page: ScoredPage): JobPage => ({
  index: page.index,
  cursor: page.after,
  records: page.keys.length,
  processed: page.processed,
  payload: gzipSync(JSON.stringify({ keys: page.keys, decisions: page.decisions } satisfies PagePayload)).toString('base64'),
});

export function scoredPageOf(page: JobPage): ScoredPage {
  const payload = JSON.parse(gunzipSync(Buffer.from(page.payload, 'base64')).toString('utf8')) as PagePayload;
  return { index: page.index, after: page.cursor, keys: payload.keys, decisions: payload.decisions, processed: page.processed };
}

/** The job's pages as resolveAll's checkpoint. */
export function scoringCheckpoint(context: Pick<JobContext, 'pages' | 'savePage'>): ScoringCheckpoint {
  return {
    committed: async () => (await context.pages()).map(scoredPageOf),
    save: (tx, page) => context.savePage(tx, jobPageOf(page)),
  };
}

/**
 * RESOLVE_ALL: resolveAll as a job. Each scored page of 1,000 records is committed with
 * its decisions, so an attempt that takes over scores only the pages after the last one
 * committed. Once it writes, it can no longer be cancelled; an attempt that takes over
 * during the write plans again from the stored pages against the memberships as committed
 * and writes what is left (forced: the first attempt was already past the bounds check).
 * A change beyond the bounds without `force` ends REFUSED, as resolveAll's CHANGE_TOO_LARGE.
 */
export function resolveAllJob(bulk: BulkResolveService, executor: GraphExecutor): JobHandler {
  return {
    kind: 'RESOLVE_ALL',
    unit: 'records',
    committedPhases: ['writing'],
    parseOptions: (raw) => parseJobOptions(resolveAllOptions, raw),
    progress: phasedProgress({ scoring: [0, 0.8], planning: [0.8, 0.85], writing: [0.85, 0.99] }, 'scoring'),
    async run(context) {
      const { force } = resolveAllOptions.parse(context.job.options);
      const wasWriting = context.job.phase === 'writing';
      const [count] = await executor.readRows<{ n: number }>(RECORD_COUNT);
      await context.report({ phase: wasWriting ? 'writing' : 'scoring', total: count?.n ?? 0 });
      try {
        const report = await bulk.resolveAll(context.actor, {
          force: force || wasWriting,
          checkpoint: scoringCheckpoint(context),
          progress: ({ phase, processed }) => context.report({ phase: wasWriting && phase !== 'writing' ? 'writing' : phase, processed }),
        });
        return { status: 'SUCCEEDED', result: { ...report } };
      } catch (error) {
        if (isDomainError(error) && error.code === 'CHANGE_TOO_LARGE') return { status: 'REFUSED', code: error.code, message: error.clientMessage ?? error.message, value: error };
        throw error;
      }
    },
  };
}
