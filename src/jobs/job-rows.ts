import { DomainError } from '../errors/domain-error.ts';
import { jobKinds, jobStatuses, type JobKind, type JobModel, type JobStatus } from './job.ts';

/** A Job node as JOB_FIELDS projects it. */
export type JobRow = Omit<JobModel, 'options' | 'result' | 'kind' | 'status' | 'resumes' | 'processed' | 'cancelRequested'> & {
  kind: string;
  status: string;
  options: string | null;
  result: string | null;
  resumes: number | null;
  processed: number | null;
  cancelRequested: boolean | null;
};

const isKind = (value: string): value is JobKind => (jobKinds as readonly string[]).includes(value);
const isStatus = (value: string): value is JobStatus => (jobStatuses as readonly string[]).includes(value);

/**
 * A stored job as the service hands it out; options and result are kept as JSON text.
 * @example jobFromRow(row).status // 'RUNNING'
 */
export function jobFromRow(row: JobRow): JobModel {
  if (!isKind(row.kind) || !isStatus(row.status)) throw new DomainError('INTERNAL', `Job ${row.id} has an unknown kind or status`);
  return {
    ...row,
    kind: row.kind,
    status: row.status,
    processed: row.processed ?? 0,
    resumes: row.resumes ?? 0,
    cancelRequested: row.cancelRequested ?? false,
    options: row.options ? (JSON.parse(row.options) as Record<string, unknown>) : {},
    result: row.result ? (JSON.parse(row.result) as Record<string, unknown>) : null,
  };
}
