import type { Loaders } from '../../src/context.ts';
import type { CustomerResolvers, MatchExplanationResolvers, SourceRecordResolvers } from '../../src/generated/graphql.ts';

const DECISIONS = { link: 'LINK', review: 'REVIEW', 'no-link': 'NO_LINK' } as const;

async function recordsOf(loaders: Loaders, keys: readonly string[]) {
  const records = await loaders.recordByKey.loadMany(keys);
  return records.filter((r): r is Exclude<typeof r, Error | null> => r != null && !(r instanceof Error));
}

export async function record(loaders: Loaders, key: string) {
  const found = await loaders.recordByKey.load(key);
  if (!found) throw new Error('record vanished while reading');
  return found;
}

export const Customer: CustomerResolvers = {
  status: (customer) => (customer.status === 'merged' ? 'MERGED' : 'ACTIVE'),
  records: async (customer, _args, ctx) => recordsOf(ctx.loaders, await ctx.loaders.recordKeysOfCustomer.load(customer.id)),
};

export const SourceRecordCustomer: Pick<SourceRecordResolvers, 'customer'> = {
  customer: async (source, _args, ctx) => {
    const id = await ctx.loaders.customerIdOfRecord.load(source.key);
    return id ? ctx.loaders.customerById.load(id) : null;
  },
};

export const MatchExplanation: MatchExplanationResolvers = {
  a: (m, _args, ctx) => record(ctx.loaders, m.aKey),
  b: (m, _args, ctx) => record(ctx.loaders, m.bKey),
  decision: (m) => DECISIONS[m.decision],
  prior: (m) => m.explanation.prior,
  steps: (m) => m.explanation.steps,
};
