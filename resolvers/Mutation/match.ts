import type { MutationResolvers, ResolveReport } from '../../src/generated/graphql.ts';
import { optionalReason, requireReason } from '../input.ts';

export const markDifferentPeople: MutationResolvers['markDifferentPeople'] = (_parent, args, ctx) =>
  ctx.services.match.markDifferent(args.a, args.b, ctx.actor, optionalReason(args.reason));

export const setMatchRules: MutationResolvers['setMatchRules'] = (_parent, args, ctx) =>
  ctx.services.matchSettings.setRules(args.rules, ctx.actor);

export const useModel: MutationResolvers['useModel'] = (_parent, args, ctx) =>
  ctx.services.matchSettings.useTrainedModel(args.version, ctx.actor, requireReason(args.reason)).then((info) => ({
    ...info,
    source: info.source === 'database' ? ('DATABASE' as const) : info.source === 'configuration' ? ('CONFIGURATION' as const) : ('SHIPPED' as const),
  }));

// Synchronous, under the same lock as a RESOLVE_ALL job (src/jobs): the job's work, done within this request.
export const resolveAll: MutationResolvers['resolveAll'] = async (_parent, args, ctx) =>
  (await ctx.services.jobs.runNow('RESOLVE_ALL', { force: args.force ?? false }, ctx.actor)) as unknown as ResolveReport;
