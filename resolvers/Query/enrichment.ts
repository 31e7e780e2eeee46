import type { QueryResolvers } from '../../src/generated/graphql.ts';
import { partnerOf } from '../../src/enrichment/enrichment.service.ts';

export const enrichmentNamespaces: QueryResolvers['enrichmentNamespaces'] = (_parent, _args, ctx) => ctx.services.enrichment.namespaces();

export const partnerEnrichment: QueryResolvers['partnerEnrichment'] = (_parent, args, ctx) =>
  ctx.services.enrichment.readOwn(partnerOf(ctx.caller), args.identifier, args.namespace);
