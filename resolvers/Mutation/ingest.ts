import type { MutationResolvers } from '../../src/generated/graphql.ts';

export const ingestRecord: MutationResolvers['ingestRecord'] = (_parent, args, ctx) =>
  ctx.services.ingest.ingest(args.source, [{ position: 0, payload: args.record }], ctx.actor);

export const ingestBatch: MutationResolvers['ingestBatch'] = (_parent, args, ctx) =>
  ctx.services.ingest.ingest(
    args.source,
    args.records.map((payload, position) => ({ position, payload })),
    ctx.actor,
  );

export const replayRejected: MutationResolvers['replayRejected'] = (_parent, args, ctx) =>
  ctx.services.rejections.replay(args.source, args.ids, ctx.actor);
