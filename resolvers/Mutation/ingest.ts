import type { MutationResolvers } from '../../src/generated/graphql.ts';
import { requireId, requireReason } from '../input.ts';

// A body with bytes that were not UTF-8 reached us with U+FFFD for them: each record
// holding one is rejected by position (record-limits.ts), the others are stored.
const flags = (invalidUtf8Body: boolean | undefined) => (invalidUtf8Body ? { invalidBytesReplaced: true } : {});

export const ingestRecord: MutationResolvers['ingestRecord'] = (_parent, args, ctx) =>
  ctx.services.ingest.ingest(args.source, [{ position: 0, payload: args.record, ...flags(ctx.invalidUtf8Body) }], ctx.actor);

export const ingestBatch: MutationResolvers['ingestBatch'] = (_parent, args, ctx) =>
  ctx.services.ingest.ingest(
    args.source,
    args.records.map((payload, position) => ({ position, payload, ...flags(ctx.invalidUtf8Body) })),
    ctx.actor,
  );

export const replayRejected: MutationResolvers['replayRejected'] = (_parent, args, ctx) =>
  ctx.services.rejections.replay(args.source, args.ids, ctx.actor);

export const dismissRejection: MutationResolvers['dismissRejection'] = (_parent, args, ctx) =>
  ctx.services.rejections.dismiss(requireId(args.id, ['id']), requireReason(args.reason), ctx.actor);
