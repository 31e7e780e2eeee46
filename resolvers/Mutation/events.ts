import type { MutationResolvers } from '../../src/generated/graphql.ts';

export const registerWebhook: MutationResolvers['registerWebhook'] = (_parent, args, ctx) =>
  ctx.services.events.webhooks.register(args.url, args.eventTypes, args.description ?? null, ctx.actor);

export const deleteWebhook: MutationResolvers['deleteWebhook'] = (_parent, args, ctx) => ctx.services.events.webhooks.delete(args.id, ctx.actor);

export const replayWebhookDelivery: MutationResolvers['replayWebhookDelivery'] = (_parent, args, ctx) => ctx.services.events.webhooks.replay(args.id, ctx.actor);
