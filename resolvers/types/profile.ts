import type { InteractionType as GqlInteractionType, CustomerResolvers, CustomerSummaryResolvers } from '../../src/generated/graphql.ts';
import type { InteractionType } from '../../src/ingest/canonical.ts';
import { timelineRequest } from '../../src/profile/timeline.ts';

const TYPES = { ORDER: 'order', INVOICE: 'invoice', TICKET: 'ticket', EMAIL_EVENT: 'email_event', WEB_EVENT: 'web_event' } as const satisfies Record<GqlInteractionType, InteractionType>;
const instant = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export const CustomerProfile: Pick<CustomerResolvers, 'identifiers' | 'summary' | 'timeline'> = {
  identifiers: (c, _args, ctx) => ctx.loaders.customerIdentifiersOf.load(c.id),
  summary: (c, _args, ctx) => ctx.loaders.activityOf.load(c.id),
  timeline: (c, args, ctx) => ctx.loaders.timelineOf.load(timelineRequest(c.id, { ...args, types: args.types?.map((t) => TYPES[t]) ?? null })),
};

export const CustomerSummary: CustomerSummaryResolvers = {
  firstOrderAt: (s) => instant(s.firstOrderAt),
  lastOrderAt: (s) => instant(s.lastOrderAt),
  lastEmailEngagementAt: (s) => instant(s.lastEmailEngagementAt),
  lastWebVisitAt: (s) => instant(s.lastWebVisitAt),
  lastInteractionAt: (s) => instant(s.lastInteractionAt),
};
