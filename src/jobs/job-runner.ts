import type { Logger } from 'pino';
import { appendAudit } from '../audit/audit.service.ts';
import type { Actor } from '../audit/audit.ts';
import { isDomainError } from '../errors/domain-error.ts';
import { describeErrorForLog } from '../errors/log-safe.ts';
import { int, rowsOf, type GraphExecutor } from '../graph/executor.ts';
import { FINISH_JOB, JOB_PAGES, RELEASE_LEASE, SAVE_PAGE, TOUCH_JOB } from './job.cypher.ts';
import { jobFromRow, type JobRow } from './job-rows.ts';
import { isJobStopped, JobStopped, stopReasonOf, type JobContext, type JobHandler, type JobModel, type JobPage, type JobStatus, type StopReason } from './job.ts';

export type RunnerDeps = { executor: GraphExecutor; owner: string; leaseMs: number; log?: Logger };

/** How one attempt at a job ended: finished (the job as stored), or stopped and left for another attempt. */
export type Attempt = { job: JobModel; value?: unknown; stopped?: StopReason };

/** What a failure may tell the people following the job: the code and a sentence meant for them, or nothing. */
export function safeFailure(error: unknown): { code: string; message: string } {
  if (isDomainError(error) && error.clientMessage) return { code: error.code, message: error.clientMessage };
  if (isDomainError(error) && error.code === 'SERVICE_UNAVAILABLE') return { code: error.code, message: 'Neo4j was not available; start the job again once it is.' };
  return { code: 'INTERNAL', message: 'The job failed unexpectedly; the API log has the details under its job id.' };
}

/** The JobStopped an error stands for, however deep the executor wrapped it. */
function stopOf(error: unknown): JobStopped | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) if (isJobStopped(e)) return e;
  return null;
}

/**
 * Works one attempt at a job this process holds: renews the lease while it runs (a third
 * of the lease apart), persists progress, gives the handler its pages, and stores how it
 * ended. A job that must stop (cancel, shutdown, lost lease) stops at its next
 * checkpoint: cancelled, it ends CANCELLED; shut down, its lease is given back so that
 * another process takes it over at once; lost, it is another process's already.
 */
export async function runAttempt(deps: RunnerDeps, claimed: JobModel, handler: JobHandler, abort: AbortController, onProgress?: (job: JobModel) => void): Promise<Attempt> {
  const { executor, owner, log } = deps;
  const keys = { kind: claimed.kind, id: claimed.id, owner, leaseMs: int(deps.leaseMs) };
  const actor: Actor = { id: claimed.actor, role: claimed.actorRole, requestId: claimed.requestId };
  let current: JobModel = claimed;
  const stopIfAborted = () => {
    if (abort.signal.aborted) throw new JobStopped(stopReasonOf(abort.signal));
  };
  const touch = async (update: { phase?: string; processed?: number; total?: number }) => {
    const rows = await executor.writeRows<{ cancelRequested: boolean }>(TOUCH_JOB, {
      ...keys,
      phase: update.phase ?? null,
      processed: update.processed === undefined ? null : int(update.processed),
      total: update.total === undefined ? null : int(update.total),
    });
    if (rows.length === 0) abort.abort('lease-lost');
    else if (rows[0]!.cancelRequested) abort.abort('cancelled');
    current = { ...current, ...update, status: 'RUNNING' };
    onProgress?.(current);
  };
  const heartbeat = setInterval(() => {
    touch({}).catch((error: unknown) => log?.warn({ job: claimed.id, err: describeErrorForLog(error) }, 'job heartbeat failed'));
  }, Math.max(100, Math.floor(deps.leaseMs / 3)));
  const context: JobContext = {
    job: claimed,
    actor,
    signal: abort.signal,
    report: async (update) => {
      stopIfAborted();
      await touch(update);
      stopIfAborted();
    },
    pages: () => executor.readRows<JobPage>(JOB_PAGES, { id: claimed.id }),
    savePage: async (tx, page) => {
      stopIfAborted();
      const rows = rowsOf<{ cancelRequested: boolean }>(
        await tx.run(SAVE_PAGE, {
          ...keys,
          key: `${claimed.id}:${String(page.index).padStart(6, '0')}`,
          index: int(page.index),
          cursor: page.cursor,
          records: int(page.records),
          processed: int(page.processed),
          payload: page.payload,
        }),
      );
      if (rows.length === 0) {
        abort.abort('lease-lost');
        throw new JobStopped('lease-lost');
      }
      // The page commits; the job stops at its next report.
      if (rows[0]!.cancelRequested) abort.abort('cancelled');
      current = { ...current, processed: page.processed };
      onProgress?.(current);
    },
  };

  const finish = async (status: JobStatus, fields: { errorCode?: string; error?: string; result?: Record<string, unknown> }) =>
    executor.write(async (tx) => {
      const rows = rowsOf<{ job: JobRow }>(
        await tx.run(FINISH_JOB, { ...keys, status, errorCode: fields.errorCode ?? null, error: fields.error ?? null, result: fields.result ? JSON.stringify(fields.result) : null }),
      );
      if (rows.length === 0) return null;
      const job = jobFromRow(rows[0]!.job);
      await appendAudit(tx, actor, [{ operation: 'job.finish', detail: { job: job.id, kind: job.kind, status, resumes: job.resumes, errorCode: fields.errorCode ?? null } }]);
      return job;
    });

  try {
    await context.report({});
    const outcome = await handler.run(context);
    const job =
      outcome.status === 'SUCCEEDED'
        ? await finish('SUCCEEDED', { result: outcome.result })
        : await finish('REFUSED', { errorCode: outcome.code, error: outcome.message });
    return job ? { job, value: outcome.value } : { job: current, value: outcome.value, stopped: 'lease-lost' };
  } catch (error) {
    const stop = stopOf(error) ?? (abort.signal.aborted ? new JobStopped(stopReasonOf(abort.signal)) : null);
    if (stop?.reason === 'cancelled') return { job: (await finish('CANCELLED', {})) ?? current, stopped: 'cancelled' };
    if (stop?.reason === 'shutdown') {
      await executor.writeRows(RELEASE_LEASE, keys).catch(() => undefined);
      return { job: current, stopped: 'shutdown' };
    }
    if (stop) return { job: current, stopped: stop.reason };
    log?.error({ job: claimed.id, kind: claimed.kind, err: describeErrorForLog(error) }, 'job failed');
    const failure = safeFailure(error);
    return { job: (await finish('FAILED', { errorCode: failure.code, error: failure.message })) ?? current, value: error };
  } finally {
    clearInterval(heartbeat);
  }
}
