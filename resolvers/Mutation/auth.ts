import type { MutationResolvers } from '../../src/generated/graphql.ts';

export const createApiKey: MutationResolvers['createApiKey'] = async (_parent, args, ctx) => {
  const { key, info } = await ctx.services.apiKeys.create({ ...args.input, expiresInDays: args.input.expiresInDays ?? 90 }, ctx.actor);
  return { key, apiKey: info };
};

export const revokeApiKey: MutationResolvers['revokeApiKey'] = (_parent, args, ctx) => ctx.services.apiKeys.revoke(args.id, ctx.actor);
