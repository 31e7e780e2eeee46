import type { QueryResolvers } from '../../src/generated/graphql.ts';

export const explainMatch: QueryResolvers['explainMatch'] = (_parent, args, ctx) => ctx.services.match.explain(args.a, args.b);

export const reviewQueue: QueryResolvers['reviewQueue'] = (_parent, args, ctx) => ctx.services.match.reviewQueue(args.first ?? 50);

export const crosswalk: QueryResolvers['crosswalk'] = (_parent, args, ctx) =>
  ctx.services.match.crosswalk(args.source ?? null, args.first ?? 1000, args.after ?? null);

export const matchRules: QueryResolvers['matchRules'] = (_parent, _args, ctx) => ctx.services.matchSettings.rules();

export const previewResolveAll: QueryResolvers['previewResolveAll'] = (_parent, _args, ctx) => ctx.services.bulkResolve.preview();
