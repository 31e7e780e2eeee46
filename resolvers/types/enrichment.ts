import type { CustomerResolvers } from '../../src/generated/graphql.ts';

// Each enrichment carries the customer it was read through, so masking and the audit of personal reads know whose it is.
export const CustomerEnrichment: Pick<CustomerResolvers, 'enrichment'> = {
  enrichment: (c, _args, ctx) => ctx.loaders.enrichmentOf.load(c.id),
};
