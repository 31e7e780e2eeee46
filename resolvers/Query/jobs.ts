import type { QueryResolvers } from '../../src/generated/graphql.ts';

export const job: QueryResolvers['job'] = (_parent, args, ctx) => ctx.services.jobs.get(args.id);

export const jobs: QueryResolvers['jobs'] = (_parent, args, ctx) =>
  ctx.services.jobs.list({ kind: args.kind ?? null, status: args.status ?? null, first: args.first ?? 20 });
