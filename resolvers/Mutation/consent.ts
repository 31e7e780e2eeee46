import type { MutationResolvers } from '../../src/generated/graphql.ts';
import { requireId } from '../input.ts';

/** A source's key records as that source, for its own customers; a person records as 'direct'. */
export const recordConsent: MutationResolvers['recordConsent'] = (_parent, args, ctx) => {
  const caller = ctx.caller;
  const sourceKey = caller.kind === 'key' && caller.scope.kind === 'source' ? caller.scope.source : null;
  const input = Object.fromEntries(Object.entries(args.input).filter(([, value]) => value !== null && value !== undefined));
  const { value, ...rest } = input as Record<string, unknown>;
  return ctx.services.consent.record(requireId(args.customerId, ['customerId']), { ...rest, status: value }, {
    actor: ctx.actor,
    source: sourceKey ?? 'direct',
    sourceKey: sourceKey !== null,
  });
};

export const setWebhookConsentPurpose: MutationResolvers['setWebhookConsentPurpose'] = (_parent, args, ctx) =>
  ctx.services.events.webhooks.setConsentPurpose(requireId(args.webhookId, ['webhookId']), args.purpose ?? null, ctx.actor);
