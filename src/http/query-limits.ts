import type { Caller } from '../auth/caller.ts';

/**
 * How large one GraphQL request may be, per kind of caller. Depth, aliases, cost, tokens
 * and directives are checked on the document before any resolver runs
 * (query-limits.plugin.ts); `resolvedFields` is the runtime backstop against fan-out no
 * static count can see, such as a customer with a thousand records at every level
 * (resolve-budget.ts).
 *
 * Depth counts as graphql-armor does: `{ customer { id } }` is 2 deep, so the cyclic
 * `customer { records { customer { records ... } } }` with eight object levels is 9.
 */
export type QueryLimits = {
  depth: number;
  aliases: number;
  /** graphql-armor's cost: objects 2, scalars 1, times 1.5 per level, times a literal `first`. */
  cost: number;
  tokens: number;
  directives: number;
  /** Field resolutions plus list items one request may produce. */
  resolvedFields: number;
};

export type LimitTier = 'person' | 'key';

/**
 * People at graphql-armor's own defaults but for cost: armor multiplies by a literal
 * `first`, so its 5,000 refused the documented 1,000-row crosswalk page (8,000) and a
 * 1,000-entry audit page (17,000). 50,000 matches the runtime budget of resolved fields.
 * Machine keys ingest and enrich, and need far less.
 */
export const queryLimits: Record<LimitTier, QueryLimits> = {
  person: { depth: 8, aliases: 15, cost: 50_000, tokens: 1_000, directives: 50, resolvedFields: 50_000 },
  key: { depth: 5, aliases: 5, cost: 1_000, tokens: 500, directives: 10, resolvedFields: 10_000 },
};

export const tierOf = (caller: Caller): LimitTier => (caller.kind === 'key' ? 'key' : 'person');

export const queryLimitsFor = (caller: Caller): QueryLimits => queryLimits[tierOf(caller)];

/**
 * What Apollo's parser enforces before the caller is looked at: a safety net well above
 * every tier's limit (parsing 10,000 tokens takes milliseconds), so that an oversized
 * request is refused by the caller's own limits, with their messages.
 */
export const parserTokenLimit = 10 * Math.max(...Object.values(queryLimits).map((limits) => limits.tokens));

/**
 * The largest page each list argument may ask for, by `Type.field.argument`. Bigger is
 * refused (BAD_USER_INPUT naming the argument's path), never silently clamped. A test
 * walks the schema and fails on a `first` argument missing here.
 */
export const pageSizeLimits: Record<string, number> = {
  'Customer.timeline.first': 100,
  'Query.exportSegment.first': 1_000,
  'Segment.members.first': 1_000,
  'Query.auditTrail.first': 1_000,
  'Query.crosswalk.first': 1_000,
  'Query.customersByIdentifier.first': 50,
  'Query.dataQualityIssues.first': 1_000,
  'Query.jobs.first': 100,
  'Query.rejectedRecords.first': 1_000,
  'Query.searchCustomers.first': 50,
  'Query.webhookDeliveries.first': 200,
  'Query.privacyRequests.first': 500,
  'Query.heldBackRecords.first': 500,
  'Query.reviewItems.first': 500,
  'Query.reviewQueue.first': 500,
  'SourceRecord.interactions.first': 500,
};

/**
 * The most entries each list argument may hold, by `Type.field.argument`; more is refused
 * as a page too large is (BAD_USER_INPUT naming the argument's path). A subscription to
 * many ids costs a filter check per id on every event the process sees.
 */
export const listSizeLimits: Record<string, number> = {
  'Subscription.customerChanged.ids': 100,
};
