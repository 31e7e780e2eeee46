import { describe, expect, it } from 'vitest';
import type { JobModel } from '../jobs/job.ts';
import { formatJob, JobProgress, kindOf, statusOf } from './job.command.ts';

const sink = () => {
  const lines: string[] = [];
  return { out: { isTTY: false, write: (text: string) => lines.push(text) > 0 }, lines };
};

describe('job progress on a stream that is not a terminal', () => {
  it('prints a plain line when the phase or the count changes, never for a heartbeat', () => {
    const { out, lines } = sink();
    const progress = new JobProgress(out, 'records');
    const job = { kind: 'RESOLVE_ALL' as const, phase: 'scoring', processed: 0, total: 3000 };
    progress.update(job);
    progress.update(job);
    progress.update({ ...job, processed: 1000 });
    progress.update({ ...job, processed: 1000 });
    progress.update({ ...job, phase: 'writing', processed: 3000 });
    progress.stop();
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('RESOLVE_ALL scoring: 0/3000 records (0 records/s)\n');
    expect(lines[1]).toMatch(/^RESOLVE_ALL scoring: 1000\/3000 records \(\d+ records\/s, ETA \d+ s\)\n$/);
    expect(lines[2]).toMatch(/^RESOLVE_ALL writing: 3000\/3000 records/);
  });
});

describe('the job commands', () => {
  it('read kinds and statuses as typed, in either spelling', () => {
    expect(kindOf('resolve-all')).toBe('RESOLVE_ALL');
    expect(kindOf('TRAIN')).toBe('TRAIN');
    expect(kindOf('export')).toBeNull();
    expect(statusOf('running')).toBe('RUNNING');
    expect(statusOf('done')).toBeNull();
  });

  it('show a failed job with its code and sentence', () => {
    const job: JobModel = {
      id: 'job_1', kind: 'RESOLVE_ALL', status: 'FAILED', phase: 'scoring', processed: 1000, total: 3000, options: { force: false }, createdAt: 'c', startedAt: 's', finishedAt: 'f',
      heartbeatAt: 'h', actor: 'steward-1', actorRole: 'steward', requestId: null, owner: null, resumes: 1, cancelRequested: false, errorCode: 'INTERNAL', error: 'The job failed.', result: null,
    };
    const text = formatJob(job, 0.27);
    expect(text).toContain('job_1  RESOLVE_ALL  FAILED');
    expect(text).toContain('progress  27.0%  scoring  1000/3000');
    expect(text).toContain('resumed 1 time(s)');
    expect(text).toContain('error     INTERNAL: The job failed.');
  });
});
