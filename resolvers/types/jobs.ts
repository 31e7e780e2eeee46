import type { JobResolvers, JobResultResolvers, ResolveReport, TrainResultResolvers } from '../../src/generated/graphql.ts';
import type { RefreshViewResultModel } from '../../src/jobs/refresh-view.job.ts';
import type { KeyRotationResultModel } from '../../src/jobs/rotate-keys.job.ts';
import type { TrainResultModel } from '../../src/jobs/train.job.ts';

export const Job: JobResolvers = {
  progress: (job, _args, ctx) => ctx.services.jobs.progressOf(job),
  result: (job) => (job.status === 'SUCCEEDED' && job.result ? (job.result as ResolveReport | TrainResultModel | RefreshViewResultModel | KeyRotationResultModel) : null),
};

export const JobResult: JobResultResolvers = {
  __resolveType: (result) =>
    'sampledRecords' in result ? 'TrainResult' : 'viewVersion' in result ? 'RefreshViewResult' : 'retiredKeysInUse' in result ? 'KeyRotationResult' : 'ResolveReport',
};

export const TrainResult: TrainResultResolvers = {
  model: (result, _args, ctx) => ctx.services.jobs.trainedModel(result.modelVersion),
};
