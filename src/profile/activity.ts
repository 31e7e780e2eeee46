/**
 * Activity summaries. Each node interactions hang off (a SourceRecord, or an Identifier for
 * activity without a person) keeps the summary of its own interactions, refreshed in the
 * transaction that stores them (`REFRESH_ACTIVITY`). A customer's summary is the fold of
 * its holders' summaries at read time: membership changes (merge, split, unmerge) and an
 * identifier joining a record (a login tying a cookie) move no state at all.
 */

/** How interactions count, as data: the refresh statement takes it as a parameter. */
export const activityRules = {
  /** Orders in these statuses (lowercased) add nothing: no value, no order, no order date. */
  voidOrderStatuses: ['cancelled', 'canceled', 'refunded', 'voided', 'void', 'unfulfillable'],
  /** Tickets in these statuses are not open; every other status, or none, is. */
  closedTicketStatuses: ['solved', 'closed', 'resolved', 'cancelled', 'canceled'],
  /** E-mail events that are engagement. */
  engagementSubtypes: ['open', 'click'],
} as const;

/** One holder's stored summary (epoch milliseconds; null when there is none). */
export type HolderActivity = {
  interactions: number;
  lastInteractionAt: number | null;
  orders: number;
  firstOrderAt: number | null;
  lastOrderAt: number | null;
  currencies: string[];
  values: number[];
  openTickets: number;
  lastEngagedAt: number | null;
  lastVisitAt: number | null;
};

export type ActivitySummary = {
  lifetimeValue: Array<{ currency: string; amount: number }>;
  orderCount: number;
  firstOrderAt: number | null;
  lastOrderAt: number | null;
  openTicketCount: number;
  lastEmailEngagementAt: number | null;
  lastWebVisitAt: number | null;
  interactionCount: number;
  lastInteractionAt: number | null;
};

export const emptySummary = (): ActivitySummary => ({
  lifetimeValue: [],
  orderCount: 0,
  firstOrderAt: null,
  lastOrderAt: null,
  openTicketCount: 0,
  lastEmailEngagementAt: null,
  lastWebVisitAt: null,
  interactionCount: 0,
  lastInteractionAt: null,
});

const max = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));
const min = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
/** Float sums of decimal amounts drift (13 + 18.99); six places keeps every currency's minor unit. */
const money = (amount: number) => Math.round(amount * 1e6) / 1e6;

/**
 * Adds one holder's summary to a customer's.
 * @example foldActivity(emptySummary(), { orders: 1, currencies: ['GBP'], values: [13], ... }).lifetimeValue // [{ currency: 'GBP', amount: 13 }]
 */
export function foldActivity(summary: ActivitySummary, holder: HolderActivity): ActivitySummary {
  const byCurrency = new Map(summary.lifetimeValue.map((v) => [v.currency, v.amount]));
  holder.currencies.forEach((currency, i) => byCurrency.set(currency, (byCurrency.get(currency) ?? 0) + (holder.values[i] ?? 0)));
  return {
    lifetimeValue: [...byCurrency].map(([currency, amount]) => ({ currency, amount: money(amount) })).sort((a, b) => (a.currency < b.currency ? -1 : 1)),
    orderCount: summary.orderCount + holder.orders,
    firstOrderAt: min(summary.firstOrderAt, holder.firstOrderAt),
    lastOrderAt: max(summary.lastOrderAt, holder.lastOrderAt),
    openTicketCount: summary.openTicketCount + holder.openTickets,
    lastEmailEngagementAt: max(summary.lastEmailEngagementAt, holder.lastEngagedAt),
    lastWebVisitAt: max(summary.lastWebVisitAt, holder.lastVisitAt),
    interactionCount: summary.interactionCount + holder.interactions,
    lastInteractionAt: max(summary.lastInteractionAt, holder.lastInteractionAt),
  };
}

/** A customer's summary from its holders' (each holder once). */
export const summarize = (holders: readonly HolderActivity[]): ActivitySummary => holders.reduce(foldActivity, emptySummary());
