import { describe, expect, it } from 'vitest';
import { emptySummary, foldActivity, summarize, type HolderActivity } from './activity.ts';

const holder = (over: Partial<HolderActivity> = {}): HolderActivity => ({
  interactions: 0,
  lastInteractionAt: null,
  orders: 0,
  firstOrderAt: null,
  lastOrderAt: null,
  currencies: [],
  values: [],
  openTickets: 0,
  lastEngagedAt: null,
  lastVisitAt: null,
  ...over,
});

describe('activity summaries', () => {
  it('a customer without holders has an empty summary', () => {
    expect(summarize([])).toEqual(emptySummary());
  });

  it('adds values per currency, orders and open tickets, and keeps the earliest and latest times', () => {
    const crm = holder({ interactions: 3, lastInteractionAt: 300, orders: 2, firstOrderAt: 100, lastOrderAt: 200, currencies: ['EUR', 'GBP'], values: [10, 13], openTickets: 1 });
    const shop = holder({ interactions: 2, lastInteractionAt: 500, orders: 1, firstOrderAt: 50, lastOrderAt: 50, currencies: ['GBP'], values: [18.99], lastVisitAt: 500 });
    const email = holder({ interactions: 1, lastInteractionAt: 400, lastEngagedAt: 400 });
    expect(summarize([crm, shop, email])).toEqual({
      lifetimeValue: [
        { currency: 'EUR', amount: 10 },
        { currency: 'GBP', amount: 31.99 },
      ],
      orderCount: 3,
      firstOrderAt: 50,
      lastOrderAt: 200,
      openTicketCount: 1,
      lastEmailEngagementAt: 400,
      lastWebVisitAt: 500,
      interactionCount: 6,
      lastInteractionAt: 500,
    });
  });

  it('folds in any order to the same summary', () => {
    const holders = [
      holder({ orders: 1, firstOrderAt: 5, lastOrderAt: 5, currencies: ['USD'], values: [0.1] }),
      holder({ orders: 1, firstOrderAt: 1, lastOrderAt: 1, currencies: ['USD'], values: [0.2] }),
      holder({ openTickets: 2, lastEngagedAt: 7 }),
    ];
    expect(summarize(holders.toReversed())).toEqual(summarize(holders));
    // Float drift of decimal amounts is rounded away.
    expect(summarize(holders).lifetimeValue).toEqual([{ currency: 'USD', amount: 0.3 }]);
  });

  it('a holder with no orders leaves the order dates as they were', () => {
    const folded = foldActivity(summarize([holder({ orders: 1, firstOrderAt: 10, lastOrderAt: 20 })]), holder({ interactions: 4, lastVisitAt: 30 }));
    expect([folded.firstOrderAt, folded.lastOrderAt, folded.orderCount, folded.lastWebVisitAt]).toEqual([10, 20, 1, 30]);
  });
});
