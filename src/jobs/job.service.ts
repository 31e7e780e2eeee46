import { randomBytes, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { appendAudit } from '../audit/audit.service.ts';
import type { Actor } from '../audit/audit.ts';
import { DEFAULT_RETENTION_DAYS } from '../config.ts';
import { DomainError, isDomainError } from '../errors/domain-error.ts';
import { describeErrorForLog } from '../errors/log-safe.ts';
import { int, rowsOf, type GraphExecutor } from '../graph/executor.ts';
import { outsideRequest } from '../graph/request-scope.ts';
import { RETENTION_SWEEP_MS, startSweeping } from '../graph/retention-sweep.ts';
import {
  CLAIM_JOB,
  CREATE_JOB,
  JOB_BY_ID,
  LIST_JOBS,
  LOCK_HOLDER,
  PAGE_LOG,
  RELEASE_SYNC_LOCK,
  RENEW_LEASE,
  REQUEST_CANCEL,
  STALE_LOCKS,
  TAKE_SYNC_LOCK,
  TRAINED_MODEL,
} from './job.cypher.ts';
import { sweepJobs, type JobSweepReport } from './job-retention.ts';
import { runAttempt, type Attempt } from './job-runner.ts';
import { jobFromRow, type JobRow } from './job-rows.ts';
import type { JobHandler, JobKind, JobModel, JobStatus } from './job.ts';

/** How long a process holds a job without renewing (JOB_LEASE_MS): a job whose owner died is taken over this long after. */
export const DEFAULT_JOB_LEASE_MS = 60_000;
/** How long a graceful stop waits for running jobs to reach a checkpoint. */
const STOP_WAIT_MS = 20_000;

export type JobServiceOptions = {
  leaseMs?: number;
  /** Finished jobs older than this many days are deleted (JOBS_RETENTION_DAYS; default 30). */
  retentionDays?: number;
  log?: Logger;
};

type Running = { abort: AbortController; done: Promise<Attempt | null> };

/**
 * Long operations as jobs (issue #11): `start` returns at once with a QUEUED job that
 * this process then works in the background; state, progress and the pages a job
 * committed live in Neo4j. One job of a kind at a time, enforced by a unique constraint
 * on the kind's lock. A job whose process stopped (its lease ran out) is taken over by
 * the next process that looks (`resumeStale`; the API does every half lease) and resumes
 * from its last committed page. See docs/jobs.md.
 */
export class JobService {
  /** This process, as job leases name it. */
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  readonly leaseMs: number;
  readonly retentionDays: number;
  private readonly executor: GraphExecutor;
  private readonly handlers: ReadonlyMap<JobKind, JobHandler>;
  private readonly log: Logger | undefined;
  private readonly running = new Map<string, Running>();

  constructor(executor: GraphExecutor, handlers: readonly JobHandler[], options: JobServiceOptions = {}) {
    this.executor = executor;
    this.handlers = new Map(handlers.map((h) => [h.kind, h]));
    this.leaseMs = options.leaseMs ?? DEFAULT_JOB_LEASE_MS;
    this.retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
    this.log = options.log;
  }

  handler(kind: JobKind): JobHandler {
    const handler = this.handlers.get(kind);
    if (!handler) throw new DomainError('BAD_USER_INPUT', `No handler for job kind ${kind}`, { clientMessage: `Jobs of kind ${kind} are not available`, field: ['kind'] });
    return handler;
  }

  /** Starts a job and returns it at once, QUEUED; this process works it in the background. */
  async start(kind: JobKind, rawOptions: unknown, actor: Actor): Promise<JobModel> {
    const job = await this.create(kind, rawOptions, actor);
    this.launch(job);
    return job;
  }

  /**
   * Works a job of the kind here and waits for it (the CLI): a job of the kind whose
   * process stopped is taken over and resumed (with its own options); else a new one starts.
   */
  async runHere(kind: JobKind, rawOptions: unknown, actor: Actor, onProgress?: (job: JobModel) => void): Promise<Attempt & { resumed: boolean }> {
    const [stale] = await this.claimStale([kind]);
    const job = stale ?? (await this.create(kind, rawOptions, actor));
    const attempt = await this.launch(job, onProgress).done;
    if (!attempt) throw new DomainError('INTERNAL', `Job ${job.id} could not be finished`, { clientMessage: `Job ${job.id} stopped without an outcome; see npm run cli -- job ${job.id}` });
    return { ...attempt, resumed: stale !== undefined };
  }

  async get(id: string): Promise<JobModel | null> {
    const [row] = await this.executor.readRows<{ job: JobRow }>(JOB_BY_ID, { id });
    return row ? jobFromRow(row.job) : null;
  }

  async list(filter: { kind?: JobKind | null; status?: JobStatus | null; first: number }): Promise<JobModel[]> {
    const rows = await this.executor.readRows<{ job: JobRow }>(LIST_JOBS, { kind: filter.kind ?? null, status: filter.status ?? null, first: int(filter.first) });
    return rows.map((r) => jobFromRow(r.job));
  }

  /** Which attempt committed each page of a job (1 the first; a page is never done twice). */
  pageLog(id: string): Promise<Array<{ index: number; records: number; attempt: number; owner: string }>> {
    return this.executor.readRows(PAGE_LOG, { id });
  }

  /** A model a TRAIN job stored, as the file `npm run cli -- train` writes; null when there is none by that version. */
  async trainedModel(version: string): Promise<unknown> {
    const [row] = await this.executor.readRows<{ json: string }>(TRAINED_MODEL, { version });
    return row ? JSON.parse(row.json) : null;
  }

  /** Asks a job to stop at its next checkpoint; refused once it writes what cannot be taken back. */
  async cancel(id: string, actor: Actor): Promise<JobModel> {
    const job = await this.get(id);
    if (!job) throw new DomainError('NOT_FOUND', 'No such job', { clientMessage: `No job ${id}` });
    const committed = this.handler(job.kind).committedPhases ?? [];
    return this.executor.write(async (tx) => {
      const [row] = rowsOf<{ job: JobRow }>(await tx.run(REQUEST_CANCEL, { id, committedPhases: committed }));
      if (!row) {
        throw new DomainError('CONFLICT', `Job ${id} cannot be cancelled now`, {
          clientMessage: job.status === 'QUEUED' || job.status === 'RUNNING' ? `Job ${id} is ${job.phase ?? 'writing'} and can no longer be cancelled; it finishes on its own` : `Job ${id} has finished (${job.status})`,
        });
      }
      await appendAudit(tx, actor, [{ operation: 'job.cancel', detail: { job: id, kind: job.kind } }]);
      return jobFromRow(row.job);
    });
  }

  /**
   * A kind's work done now, within the caller's request, under the kind's lock but with no
   * job kept, no pages and no progress (the synchronous resolveAll mutation). A refusal is
   * raised as the error the handler kept for it.
   */
  async runNow(kind: JobKind, rawOptions: unknown, actor: Actor): Promise<Record<string, unknown>> {
    const handler = this.handler(kind);
    const options = handler.parseOptions(rawOptions ?? {});
    const job: JobModel = {
      id: 'sync', kind, status: 'RUNNING', phase: null, processed: 0, total: null, options, createdAt: new Date().toISOString(), startedAt: null, finishedAt: null,
      heartbeatAt: null, actor: actor.id, actorRole: actor.role, requestId: actor.requestId, owner: this.owner, resumes: 0, cancelRequested: false, errorCode: null, error: null, result: null,
    };
    const outcome = await this.exclusive(kind, actor, () =>
      handler.run({ job, actor, signal: new AbortController().signal, report: async () => undefined, pages: async () => [], savePage: async () => undefined }),
    );
    if (outcome.status === 'SUCCEEDED') return outcome.result;
    throw isDomainError(outcome.value) ? outcome.value : new DomainError('BAD_USER_INPUT', `${kind} refused (${outcome.code})`, { clientMessage: outcome.message });
  }

  /** Runs `work` holding the kind's lock without a job: it conflicts with a job of the kind as a job would. */
  async exclusive<T>(kind: JobKind, actor: Actor, work: () => Promise<T>): Promise<T> {
    const holder = `sync:${randomUUID()}`;
    const keys = { kind, holder, owner: this.owner, leaseMs: int(this.leaseMs) };
    try {
      await this.executor.writeRows(TAKE_SYNC_LOCK, { ...keys, actor: actor.id });
    } catch (error) {
      throw await this.conflictOr(kind, error);
    }
    const heartbeat = setInterval(() => {
      this.executor.writeRows(RENEW_LEASE, keys).catch((error: unknown) => this.log?.warn({ err: describeErrorForLog(error) }, 'lock renewal failed'));
    }, Math.max(100, Math.floor(this.leaseMs / 3)));
    try {
      return await work();
    } finally {
      clearInterval(heartbeat);
      await this.executor.writeRows(RELEASE_SYNC_LOCK, keys).catch((error: unknown) => this.log?.warn({ err: describeErrorForLog(error) }, 'lock release failed; it lapses with its lease'));
    }
  }

  /** Takes over the jobs whose process stopped (lease run out) and works them here. */
  async resumeStale(kinds: readonly JobKind[] = [...this.handlers.keys()]): Promise<JobModel[]> {
    const jobs = await this.claimStale(kinds);
    for (const job of jobs) {
      this.log?.info({ job: job.id, kind: job.kind, resumes: job.resumes, processed: job.processed }, 'resuming a job whose process stopped');
      this.launch(job);
    }
    return jobs;
  }

  /**
   * Looks for jobs to take over now and every `pollMs` (default half a lease); the stop
   * function ends the polling and stops this process's jobs at their next checkpoint,
   * giving their leases back so that another process resumes them at once.
   */
  startWorker(pollMs = Math.max(500, Math.floor(this.leaseMs / 2))): () => Promise<void> {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const poll = async () => {
      try {
        await this.resumeStale();
      } catch (error) {
        this.log?.warn({ err: describeErrorForLog(error) }, 'looking for jobs to resume failed');
      }
      if (!stopped) timer = setTimeout(() => void poll(), pollMs);
    };
    void poll();
    return async () => {
      stopped = true;
      clearTimeout(timer);
      await this.stopAll();
    };
  }

  /** Deletes finished jobs older than the retention, with their pages (job-retention.ts). */
  sweepRetention(now = new Date()): Promise<JobSweepReport> {
    return sweepJobs(this.executor, this.retentionDays, now);
  }

  /** Sweeps shortly after start, then hourly, until the returned function is called. */
  startRetention(): () => Promise<void> {
    return startSweeping('jobs', () => this.sweepRetention(), RETENTION_SWEEP_MS, this.log);
  }

  /** Stops this process's jobs at their next checkpoint and waits (at most `waitMs`) for them. */
  async stopAll(waitMs = STOP_WAIT_MS): Promise<void> {
    const all = [...this.running.values()];
    for (const r of all) r.abort.abort('shutdown');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
    await Promise.race([Promise.allSettled(all.map((r) => r.done)), late]);
    clearTimeout(timer);
  }

  /** Share done, 0 to 1. */
  progressOf(job: JobModel): number {
    return this.handlers.get(job.kind)?.progress(job) ?? 0;
  }

  private async create(kind: JobKind, rawOptions: unknown, actor: Actor): Promise<JobModel> {
    const options = this.handler(kind).parseOptions(rawOptions ?? {});
    const id = `job_${randomBytes(10).toString('hex')}`;
    try {
      return await this.executor.write(async (tx) => {
        const [row] = rowsOf<{ job: JobRow }>(
          await tx.run(CREATE_JOB, { id, kind, options: JSON.stringify(options), actor: actor.id, role: actor.role, requestId: actor.requestId, owner: this.owner, leaseMs: int(this.leaseMs) }),
        );
        await appendAudit(tx, actor, [{ operation: 'job.start', detail: { job: id, kind, options: JSON.stringify(options) } }]);
        return jobFromRow(row!.job);
      });
    } catch (error) {
      throw await this.conflictOr(kind, error);
    }
  }

  private async claimStale(kinds: readonly JobKind[]): Promise<JobModel[]> {
    const stale = await this.executor.readRows<{ kind: JobKind; job: string }>(STALE_LOCKS, { kinds });
    const claimed: JobModel[] = [];
    for (const { kind, job } of stale) {
      if (this.running.has(job) || !this.handlers.has(kind)) continue;
      const [row] = await this.executor.writeRows<{ job: JobRow }>(CLAIM_JOB, { kind, id: job, owner: this.owner, leaseMs: int(this.leaseMs) });
      if (row) claimed.push(jobFromRow(row.job));
    }
    return claimed;
  }

  /** Works a job in the background, outside the request that started it. */
  private launch(job: JobModel, onProgress?: (job: JobModel) => void): Running {
    const abort = new AbortController();
    const deps = { executor: this.executor, owner: this.owner, leaseMs: this.leaseMs, ...(this.log ? { log: this.log } : {}) };
    const done = outsideRequest(() => runAttempt(deps, job, this.handler(job.kind), abort, onProgress))
      .catch((error: unknown) => {
        this.log?.error({ job: job.id, err: describeErrorForLog(error) }, 'job attempt ended without an outcome; its lease lapses and it resumes');
        return null;
      })
      .finally(() => this.running.delete(job.id));
    const running = { abort, done };
    this.running.set(job.id, running);
    return running;
  }

  /** The CONFLICT naming who holds the kind, for a lock the database refused; any other error as it is. */
  private async conflictOr(kind: JobKind, error: unknown): Promise<unknown> {
    if (!isDomainError(error) || error.code !== 'CONFLICT') return error;
    const [holder] = await this.executor.readRows<{ job: string | null; actor: string; since: string; stale: boolean }>(LOCK_HOLDER, { kind });
    if (!holder) return new DomainError('CONFLICT', `A ${kind} job was running`, { cause: error, clientMessage: `A ${kind} job was running just now; try again` });
    const resumesNote = holder.stale ? ' Its process stopped; an API process resumes it shortly.' : '';
    const message = holder.job
      ? `A ${kind} job is already running: ${holder.job}, started by ${holder.actor} at ${holder.since}. One job of a kind runs at a time; follow it with job(id: "${holder.job}").${resumesNote}`
      : `A synchronous ${kind} started by ${holder.actor} at ${holder.since} is running. One runs at a time; try again when it has finished.`;
    return new DomainError('CONFLICT', `${kind} is locked by ${holder.job ?? 'a synchronous run'}`, { cause: error, clientMessage: message });
  }
}
