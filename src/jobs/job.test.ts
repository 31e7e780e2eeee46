import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error.ts';
import type { PairDecision } from '../match/pair-decision.ts';
import { parseJobOptions, resolveAllOptions, trainOptions } from './job-options.ts';
import { safeFailure } from './job-runner.ts';
import { jobFromRow } from './job-rows.ts';
import { phasedProgress, stopReasonOf } from './job.ts';
import { jobPageOf, scoredPageOf } from './resolve-all.job.ts';

const fieldOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof DomainError ? [error.code, error.field, error.clientMessage] : error;
  }
  return null;
};

describe('job options', () => {
  it('take each kind’s defaults and refuse what the kind does not take, naming it', () => {
    expect(parseJobOptions(resolveAllOptions, undefined)).toEqual({ force: false });
    expect(parseJobOptions(resolveAllOptions, { force: true })).toEqual({ force: true });
    expect(fieldOf(() => parseJobOptions(resolveAllOptions, { forse: true }))).toEqual(['BAD_USER_INPUT', ['options', 'forse'], 'options.forse is not an option of this kind of job']);
    expect(fieldOf(() => parseJobOptions(resolveAllOptions, { force: 'yes' }))).toEqual(['BAD_USER_INPUT', ['options', 'force'], expect.stringMatching(/^options\.force: /)]);
    expect(parseJobOptions(trainOptions, { randomPairs: 50_000, seed: 3 })).toEqual({ randomPairs: 50_000, seed: 3 });
    expect(fieldOf(() => parseJobOptions(trainOptions, { randomPairs: 10 }))).toEqual(['BAD_USER_INPUT', ['options', 'randomPairs'], expect.any(String)]);
  });
});

describe('a RESOLVE_ALL page', () => {
  it('is kept and read back as it was scored', () => {
    const decision: PairDecision = { a: 'crm|1', b: 'web|2', decision: 'link', probability: 0.999, props: { rule: 'email', probability: 0.999, comparisons: '[]' } };
    const page = { index: 3, after: 'web|2', keys: ['crm|1', 'web|2'], decisions: [decision], processed: 3002 };
    const stored = jobPageOf(page);
    expect(stored).toMatchObject({ index: 3, cursor: 'web|2', records: 2, processed: 3002 });
    expect(scoredPageOf(stored)).toEqual(page);
  });
});

describe('job progress', () => {
  const progress = phasedProgress({ scoring: [0, 0.8], planning: [0.8, 0.85], writing: [0.85, 0.99] }, 'scoring');
  it('counts within the phase that counts, and stands at the start of the others', () => {
    expect(progress({ status: 'QUEUED', phase: null, processed: 0, total: null })).toBe(0);
    expect(progress({ status: 'RUNNING', phase: 'scoring', processed: 500, total: 1000 })).toBeCloseTo(0.4);
    expect(progress({ status: 'RUNNING', phase: 'scoring', processed: 1200, total: 1000 })).toBeCloseTo(0.8);
    expect(progress({ status: 'RUNNING', phase: 'writing', processed: 1000, total: 1000 })).toBe(0.85);
    expect(progress({ status: 'SUCCEEDED', phase: 'writing', processed: 1000, total: 1000 })).toBe(1);
  });
});

describe('a failed job', () => {
  it('tells what a client may read: a domain error’s client message, else only that it failed', () => {
    expect(safeFailure(new DomainError('CONFLICT', 'internal text', { clientMessage: 'These customers are being changed by someone else; try again' }))).toEqual({
      code: 'CONFLICT',
      message: 'These customers are being changed by someone else; try again',
    });
    expect(safeFailure(new Error('cannot score Jane Quillfeather <jane@example.com>'))).toEqual({ code: 'INTERNAL', message: expect.not.stringContaining('Quillfeather') });
    expect(safeFailure(new DomainError('INTERNAL', 'Neo4j error (Neo.ClientError.Statement.SyntaxError)'))).toMatchObject({ code: 'INTERNAL' });
  });

  it('stops for the reason its signal was aborted with', () => {
    const abort = new AbortController();
    abort.abort('cancelled');
    expect(stopReasonOf(abort.signal)).toBe('cancelled');
    const other = new AbortController();
    other.abort();
    expect(stopReasonOf(other.signal)).toBe('shutdown');
  });
});

describe('a stored job', () => {
  it('comes back with its options and result parsed and its counters defaulted', () => {
    const job = jobFromRow({
      id: 'job_1', kind: 'RESOLVE_ALL', status: 'RUNNING', phase: 'scoring', processed: null, total: 10, options: '{"force":true}', result: null, createdAt: '2026-01-01T00:00:00Z',
      startedAt: null, finishedAt: null, heartbeatAt: null, actor: 'steward-1', actorRole: 'steward', requestId: null, owner: 'host:1:ab', resumes: null, cancelRequested: null, errorCode: null, error: null,
    });
    expect(job).toMatchObject({ options: { force: true }, processed: 0, resumes: 0, cancelRequested: false, result: null });
    expect(() => jobFromRow({ ...job, kind: 'EXPORT', options: null, result: null })).toThrow(/unknown kind/);
  });
});
