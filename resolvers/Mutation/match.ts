import type { MutationResolvers } from '../../src/generated/graphql.ts';

export const markDifferentPeople: MutationResolvers['markDifferentPeople'] = (_parent, args, ctx) =>
  ctx.services.match.markDifferent(args.a, args.b, ctx.actor, args.reason ?? null);

export const setMatchRules: MutationResolvers['setMatchRules'] = (_parent, args, ctx) =>
  ctx.services.matchSettings.setRules(args.rules, ctx.actor);

export const resolveAll: MutationResolvers['resolveAll'] = (_parent, args, ctx) => ctx.services.bulkResolve.resolveAll(ctx.actor, { force: args.force ?? false });
