import type { GraphExecutor } from '../graph/executor.ts';
import { deleteInBatches, RETENTION_BATCH, retentionCutoff } from '../graph/retention-sweep.ts';
import { DELETE_FINISHED_JOB_PAGES, DELETE_FINISHED_JOBS } from './job.cypher.ts';
import { finishedStatuses } from './job.ts';

export type JobSweepReport = { pages: number; jobs: number };

/**
 * Deletes jobs that finished (SUCCEEDED, FAILED, REFUSED, CANCELLED) more than
 * `retentionDays` ago with their pages, pages first, in batches each in its own
 * transaction. Queued and running jobs stay whatever their age; so do the models TRAIN
 * jobs stored (a model may be in use) and the audit entries that name a job. Safe to run
 * from several processes at once.
 */
export async function sweepJobs(executor: GraphExecutor, retentionDays: number, now = new Date(), batch = RETENTION_BATCH): Promise<JobSweepReport> {
  const cutoff = retentionCutoff(retentionDays, now);
  const finished = [...finishedStatuses];
  const run = (statement: string) => deleteInBatches(executor, statement, cutoff, batch, { finished });
  const pages = await run(DELETE_FINISHED_JOB_PAGES);
  const jobs = await run(DELETE_FINISHED_JOBS);
  return { pages, jobs };
}
