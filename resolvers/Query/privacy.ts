import type { QueryResolvers } from '../../src/generated/graphql.ts';
import { requireId } from '../input.ts';

export const privacyRequests: QueryResolvers['privacyRequests'] = (_parent, args, ctx) =>
  ctx.services.privacyRequests.list({
    statuses: args.filter?.status ?? undefined,
    kinds: args.filter?.kind ?? undefined,
    customerId: args.filter?.customerId ? requireId(args.filter.customerId, ['filter', 'customerId']) : undefined,
    overdue: args.filter?.overdue ?? undefined,
    first: args.first ?? 100,
  });

export const privacyRequest: QueryResolvers['privacyRequest'] = (_parent, args, ctx) => ctx.services.privacyRequests.find(requireId(args.id, ['id']));

export const privacyExportSchema: QueryResolvers['privacyExportSchema'] = (_parent, _args, ctx) => ctx.services.privacyExport.schema();

export const heldBackRecords: QueryResolvers['heldBackRecords'] = (_parent, args, ctx) => ctx.services.heldBack.list(args.status ?? 'HELD', args.first ?? 100);
