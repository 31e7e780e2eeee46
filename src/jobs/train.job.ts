import type { GraphExecutor } from '../graph/executor.ts';
import { describeFailures } from '../match/model-checks.ts';
import type { TrainService } from '../match/train.service.ts';
import { STORE_TRAINED_MODEL } from './job.cypher.ts';
import { parseJobOptions, trainOptions } from './job-options.ts';
import { countedProgress, type JobHandler } from './job.ts';

/** What a TRAIN job keeps as its result; the model itself is stored apart, by version. */
export type TrainResultModel = { modelVersion: string; records: number; sampledRecords: number; randomPairs: number; priorMatchProbability: number };

/**
 * TRAIN: `npm run cli -- train` as a job. A model that passes its checks is stored as a
 * TrainedModel record (by version; the job's result names it, `TrainResult.model` gives
 * the file's JSON) and is not put in use: that stays a deployment's choice
 * (MATCH_MODEL_PATH). One that fails a check ends REFUSED, naming each check. Training
 * keeps no pages: an attempt that takes over starts again, and the seeded sampling gives
 * the same model.
 */
export function trainJob(train: TrainService, executor: GraphExecutor): JobHandler {
  return {
    kind: 'TRAIN',
    unit: 'steps',
    parseOptions: (raw) => parseJobOptions(trainOptions, raw),
    progress: countedProgress,
    async run(context) {
      const options = trainOptions.parse(context.job.options);
      const outcome = await train.attempt(options, ({ phase, done, of }) => context.report({ phase, processed: done, total: of }));
      if (outcome.status === 'rejected') {
        const message = `The trained model failed ${outcome.failures.length} check(s) and was not stored:\n${describeFailures(outcome.failures)}`;
        return { status: 'REFUSED', code: 'MODEL_CHECKS_FAILED', message, value: outcome };
      }
      const { model, report } = outcome;
      await executor.writeRows(STORE_TRAINED_MODEL, { version: model.version, json: JSON.stringify(model), job: context.job.id });
      return {
        status: 'SUCCEEDED',
        result: {
          modelVersion: model.version,
          records: report.records,
          sampledRecords: report.sampledRecords,
          randomPairs: report.randomPairs,
          priorMatchProbability: model.prior.matchProbability,
        } satisfies TrainResultModel,
        value: outcome,
      };
    },
  };
}
