import type { QueryResolvers } from '../../src/generated/graphql.ts';

export const dataQualityIssues: QueryResolvers['dataQualityIssues'] = (_parent, args, ctx) =>
  ctx.services.dataQuality.list({ source: args.source, first: args.first, after: args.after });

export const dataQualitySummary: QueryResolvers['dataQualitySummary'] = (_parent, args, ctx) => ctx.services.dataQuality.summary(args.source);
