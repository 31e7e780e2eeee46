import type { QueryResolvers } from '../../src/generated/graphql.ts';
import { rejectionStatusOf } from '../types/ingest.ts';

export const sources: QueryResolvers['sources'] = (_parent, _args, ctx) => ctx.services.sources.list();

export const sourceRecord: QueryResolvers['sourceRecord'] = (_parent, args, ctx) =>
  ctx.loaders.recordByKey.load(ctx.services.records.keyOf(args.source, args.sourceRecordId));

export const identifier: QueryResolvers['identifier'] = (_parent, args, ctx) =>
  ctx.services.records.findIdentifier(args.type, args.value);

export const rejectedRecords: QueryResolvers['rejectedRecords'] = (_parent, args, ctx) =>
  ctx.services.rejections.list({
    source: args.source,
    status: args.status ? rejectionStatusOf(args.status) : null,
    first: args.first ?? 100,
  });
