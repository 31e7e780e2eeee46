import type { MutationResolvers } from '../../src/generated/graphql.ts';

export const registerSource: MutationResolvers['registerSource'] = (_parent, args, ctx) =>
  ctx.services.sources.register(args.input, ctx.actor);
