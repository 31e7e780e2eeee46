import type { QueryResolvers } from '../../src/generated/graphql.ts';

// Both score by the rules as the database holds them now: another process may have set them.
export const explainMatch: QueryResolvers['explainMatch'] = async (_parent, args, ctx) => {
  await ctx.services.matchSettings.refresh();
  return ctx.services.match.explain(args.a, args.b);
};

export const reviewQueue: QueryResolvers['reviewQueue'] = (_parent, args, ctx) => ctx.services.match.reviewQueue(args.first ?? 50);

export const crosswalk: QueryResolvers['crosswalk'] = (_parent, args, ctx) =>
  ctx.services.match.crosswalk(args.source ?? null, args.first ?? 1000, args.after ?? null);

export const matchRules: QueryResolvers['matchRules'] = (_parent, _args, ctx) => ctx.services.matchSettings.rules();

export const matchModel: QueryResolvers['matchModel'] = async (_parent, _args, ctx) => {
  const info = await ctx.services.matchSettings.modelInfo();
  return { ...info, source: info.source === 'database' ? 'DATABASE' : info.source === 'configuration' ? 'CONFIGURATION' : 'SHIPPED' };
};

export const previewResolveAll: QueryResolvers['previewResolveAll'] = async (_parent, _args, ctx) => {
  await ctx.services.matchSettings.refresh();
  return ctx.services.bulkResolve.preview();
};
