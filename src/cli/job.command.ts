import { SingleBar } from 'cli-progress';
import type { Actor } from '../audit/audit.ts';
import type { Attempt } from '../jobs/job-runner.ts';
import { jobKinds, jobStatuses, finishedStatuses, type JobKind, type JobModel, type JobStatus } from '../jobs/job.ts';
import type { JobService } from '../jobs/job.service.ts';

type Out = Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean };

/**
 * Shows a job's progress on `out` (stderr): a bar with the rate and ETA on a terminal,
 * else a plain line whenever the phase or the count changes (a RESOLVE_ALL page is 1,000
 * records), never for a heartbeat alone.
 */
export class JobProgress {
  private readonly out: Out;
  readonly unit: string;
  private bar: SingleBar | null = null;
  private started = performance.now();
  private from: number | null = null;
  private last: string | null = null;

  constructor(out: Out, unit: string) {
    this.out = out;
    this.unit = unit;
  }

  update(job: Pick<JobModel, 'kind' | 'phase' | 'processed' | 'total'>): void {
    const total = job.total ?? 0;
    this.from ??= job.processed;
    const seconds = (performance.now() - this.started) / 1000;
    const rate = Math.round((job.processed - this.from) / Math.max(seconds, 0.001));
    const payload = { kind: job.kind, phase: (job.phase ?? 'starting').padEnd(8), unit: this.unit, rate };
    if (this.out.isTTY) {
      if (!this.bar) {
        this.bar = new SingleBar({
          format: '{kind} |{bar}| {percentage}% | {phase} | {value}/{total} {unit} | {rate} {unit}/s | ETA {eta_formatted}',
          stream: this.out as NodeJS.WriteStream,
          hideCursor: true,
        });
        this.bar.start(total, job.processed, payload);
      }
      this.bar.setTotal(total);
      this.bar.update(job.processed, payload);
      return;
    }
    const state = `${job.phase}:${job.processed}`;
    if (state === this.last) return;
    this.last = state;
    const left = total - job.processed;
    const eta = rate > 0 && left > 0 && job.phase === 'scoring' ? `, ETA ${Math.ceil(left / rate)} s` : '';
    this.out.write(`${job.kind} ${job.phase ?? 'starting'}: ${job.processed}/${total || '?'} ${this.unit} (${rate} ${this.unit}/s${eta})\n`);
  }

  stop(): void {
    // The bar redraws on a timer, which would keep the process alive.
    this.bar?.stop();
  }
}

/**
 * Works a job in this process with its progress on stderr (`resolve`, `train`): a job of
 * the kind left by a stopped process is resumed instead of starting another. Ctrl-C stops
 * it at its next page and hands it back: the same command (or a running API) resumes it.
 */
export async function runJobCommand(jobs: JobService, kind: JobKind, options: Record<string, unknown>, actor: Actor, out: Out = process.stderr): Promise<Attempt & { resumed: boolean }> {
  const progress = new JobProgress(out, jobs.handler(kind).unit);
  const interrupt = () => {
    out.write('\nStopping at the next page (Ctrl-C again to quit at once)...\n');
    process.once('SIGINT', () => process.exit(130));
    void jobs.stopAll();
  };
  process.once('SIGINT', interrupt);
  try {
    const attempt = await jobs.runHere(kind, options, actor, (job) => progress.update(job));
    progress.stop();
    if (attempt.resumed) out.write(`Resumed job ${attempt.job.id}, which a stopped process had left (its own options: ${JSON.stringify(attempt.job.options)}).\n`);
    if (attempt.stopped) out.write(`Job ${attempt.job.id} stopped (${attempt.stopped}) after ${attempt.job.processed} ${progress.unit}; run the same command again to resume it.\n`);
    return attempt;
  } finally {
    progress.stop();
    process.removeListener('SIGINT', interrupt);
  }
}

/** `job ID`: one job, a line per fact. */
export function formatJob(job: JobModel, progress: number): string {
  const lines = [
    `${job.id}  ${job.kind}  ${job.status}${job.cancelRequested && !finishedStatuses.includes(job.status) ? ' (cancel requested)' : ''}`,
    `  progress  ${(progress * 100).toFixed(1)}%  ${job.phase ?? '-'}  ${job.processed}/${job.total ?? '?'}`,
    `  started   ${job.startedAt ?? '-'} by ${job.actor} (${job.actorRole})`,
    `  finished  ${job.finishedAt ?? '-'}`,
    `  heartbeat ${job.heartbeatAt ?? '-'}${job.resumes > 0 ? `  resumed ${job.resumes} time(s)` : ''}`,
    `  options   ${JSON.stringify(job.options)}`,
  ];
  if (job.error) lines.push(`  error     ${job.errorCode}: ${job.error.replaceAll('\n', '\n            ')}`);
  if (job.result) lines.push(`  result    ${JSON.stringify(job.result)}`);
  return lines.join('\n');
}

/** `jobs`: one line a job, newest first. */
export function formatJobs(list: readonly JobModel[], progressOf: (job: JobModel) => number): string {
  if (list.length === 0) return 'No jobs.';
  return list
    .map((j) => `${j.id}  ${j.kind.padEnd(12)} ${j.status.padEnd(9)} ${`${(progressOf(j) * 100).toFixed(0)}%`.padStart(4)}  ${j.createdAt}  ${j.actor}${j.errorCode ? `  ${j.errorCode}` : ''}`)
    .join('\n');
}

/** RESOLVE_ALL from `resolve-all` or `RESOLVE_ALL`; null for no such kind. */
export function kindOf(text: string): JobKind | null {
  const kind = text.toUpperCase().replaceAll('-', '_');
  return (jobKinds as readonly string[]).includes(kind) ? (kind as JobKind) : null;
}

export function statusOf(text: string): JobStatus | null {
  const status = text.toUpperCase();
  return (jobStatuses as readonly string[]).includes(status) ? (status as JobStatus) : null;
}

/** `job ID --follow`: the job's progress until it finishes, read every second. */
export async function followJob(jobs: JobService, id: string, out: Out = process.stderr): Promise<JobModel | null> {
  let job = await jobs.get(id);
  if (!job) return null;
  const progress = new JobProgress(out, jobs.handler(job.kind).unit);
  try {
    while (job && !finishedStatuses.includes(job.status)) {
      progress.update(job);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      job = await jobs.get(id);
    }
  } finally {
    progress.stop();
  }
  return job;
}
