import type { MutationResolvers } from '../../src/generated/graphql.ts';
import { partnerOf } from '../../src/enrichment/enrichment.service.ts';

export const registerEnrichmentNamespace: MutationResolvers['registerEnrichmentNamespace'] = (_parent, args, ctx) =>
  ctx.services.enrichment.registerNamespace(args.input, ctx.actor);

export const appendEnrichment: MutationResolvers['appendEnrichment'] = (_parent, args, ctx) =>
  ctx.services.enrichment.append(partnerOf(ctx.caller), { identifier: args.identifier, namespace: args.namespace, attributes: args.attributes }, ctx.actor);
