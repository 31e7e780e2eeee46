import type { QueryResolvers } from '../../src/generated/graphql.ts';

export const webhooks: QueryResolvers['webhooks'] = (_parent, _args, ctx) => ctx.services.events.webhooks.list();

export const webhookDeliveries: QueryResolvers['webhookDeliveries'] = (_parent, args, ctx) =>
  ctx.services.events.webhooks.deliveries(args.webhookId, args.status ?? null, args.first ?? 50, args.after ?? null);
