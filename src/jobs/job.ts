/**
 * Long operations run as jobs: started at once, worked in the background, their state in
 * Neo4j so that every process sees it and another process can finish a job whose owner
 * stopped. Kinds and statuses are spelled as the GraphQL enums spell them.
 */
import type { Actor } from '../audit/audit.ts';
import type { Tx } from '../graph/executor.ts';

export const jobKinds = ['RESOLVE_ALL', 'TRAIN', 'REFRESH_VIEW', 'ROTATE_KEYS'] as const;
export type JobKind = (typeof jobKinds)[number];

export const jobStatuses = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'REFUSED', 'CANCELLED'] as const;
export type JobStatus = (typeof jobStatuses)[number];

/** Statuses a job never leaves. */
export const finishedStatuses: readonly JobStatus[] = ['SUCCEEDED', 'FAILED', 'REFUSED', 'CANCELLED'];

export type JobModel = {
  id: string;
  kind: JobKind;
  status: JobStatus;
  /** What it is doing now, in the kind's words (RESOLVE_ALL: scoring, planning, writing). */
  phase: string | null;
  processed: number;
  total: number | null;
  options: Record<string, unknown>;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  heartbeatAt: string | null;
  /** Who started it, as the audit trail names them. */
  actor: string;
  actorRole: string;
  requestId: string | null;
  /** The process working it now (or last), while it is active. */
  owner: string | null;
  /** How often another attempt took it over after its owner stopped. */
  resumes: number;
  cancelRequested: boolean;
  errorCode: string | null;
  /** Client-safe: never personal data, never a driver's or runtime's own message. */
  error: string | null;
  result: Record<string, unknown> | null;
};

/** A page of work a job committed, so that an attempt that takes over does not redo it. */
export type JobPage = {
  index: number;
  /** Where the next page starts (RESOLVE_ALL: the last record key of this one). */
  cursor: string;
  records: number;
  /** Records done up to and including this page. */
  processed: number;
  /** The kind's own serialization of what the page produced. */
  payload: string;
};

/** What a job's code gets: who it works for, how to report, where to keep its pages, when to stop. */
export type JobContext = {
  /** The job as this attempt found it (a resumed job: the phase its last attempt reached). */
  job: JobModel;
  /** Who started it: its work is audited in their name. */
  actor: Actor;
  /** Aborted when the job must stop at its next checkpoint: cancelled, shutting down, or its lease lost. */
  signal: AbortSignal;
  /** Persists progress (and renews the lease); throws JobStopped once `signal` is aborted. */
  report(update: { phase?: string; processed?: number; total?: number }): Promise<void>;
  /** The pages earlier attempts committed, in order. */
  pages(): Promise<JobPage[]>;
  /**
   * Persists a page in the caller's transaction, with the processed count: the page and
   * the work it records commit together or not at all. Throws JobStopped when this process
   * no longer holds the job, so that the transaction rolls back.
   */
  savePage(tx: Tx, page: JobPage): Promise<void>;
};

/** How a job ended when its code returned: the result to keep, or a refusal to explain. `value` stays in memory for an in-process caller (the CLI). */
export type JobOutcome =
  | { status: 'SUCCEEDED'; result: Record<string, unknown>; value?: unknown }
  | { status: 'REFUSED'; code: string; message: string; value?: unknown };

/** One kind of job: its options, its work, and how far along a job of it is. */
export type JobHandler = {
  kind: JobKind;
  /** What processed and total count, for progress bars. */
  unit: 'records' | 'steps' | 'customers';
  /** Validated options with their defaults; a bad option is BAD_USER_INPUT naming it. */
  parseOptions(raw: unknown): Record<string, unknown>;
  run(context: JobContext): Promise<JobOutcome>;
  /** Phases after which a job can no longer be cancelled: it is writing what it cannot take back. */
  committedPhases?: readonly string[];
  /** Share done, 0 to 1, from phase and counts. */
  progress(job: Pick<JobModel, 'status' | 'phase' | 'processed' | 'total'>): number;
};

export type StopReason = 'cancelled' | 'shutdown' | 'lease-lost';

/** Thrown at a checkpoint once a job must stop; not a failure: the job is cancelled or resumed elsewhere. */
export class JobStopped extends Error {
  readonly reason: StopReason;

  constructor(reason: StopReason) {
    super(`job stopped: ${reason}`);
    this.name = 'JobStopped';
    this.reason = reason;
  }
}

export const isJobStopped = (error: unknown): error is JobStopped => error instanceof JobStopped;

/** The reason a signal was aborted with, as a StopReason. */
export const stopReasonOf = (signal: AbortSignal): StopReason => {
  const reason: unknown = signal.reason;
  return reason === 'cancelled' || reason === 'lease-lost' ? reason : 'shutdown';
};

/** Share of a job counted in one run of processed of total: 1 once it succeeded. */
export const countedProgress = (job: Pick<JobModel, 'status' | 'processed' | 'total'>): number =>
  job.status === 'SUCCEEDED' ? 1 : job.total ? Math.min(1, job.processed / job.total) : 0;

/** Share of a phase-by-phase job: each phase its slice of 0..1, counted within the slice by processed/total. */
export function phasedProgress(slices: Readonly<Record<string, readonly [number, number]>>, counted: string) {
  return (job: Pick<JobModel, 'status' | 'phase' | 'processed' | 'total'>): number => {
    if (job.status === 'SUCCEEDED') return 1;
    const slice = job.phase ? slices[job.phase] : undefined;
    if (!slice) return 0;
    const [from, to] = slice;
    if (job.phase !== counted || !job.total) return from;
    return from + (to - from) * Math.min(1, job.processed / job.total);
  };
}
