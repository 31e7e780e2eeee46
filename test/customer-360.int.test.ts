import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/audit/audit.ts';
import type { IngestItem } from '../src/ingest/ingest.service.ts';
import { assignRecords, createCustomers } from '../src/membership/membership.ts';
import type { Services } from '../src/services.ts';
import { countQueries } from './support/query-counter.ts';
import { bearer, startTestApp, type TestApp } from './support/test-app.ts';

// Ada shops in two currencies (one order refunded), opens a ticket, opens an e-mail and
// browsed anonymously before logging in; Cyrus shops in dollars.
const ADA = 'ada.fernwright@example.com';
const CYRUS = 'cyrus.oakbridge@example.org';

const order = (customer: number, email: string, n: number, total: string, currency: string, status: string, at: string, updated = at) => ({
  id: 5_678_900_000 + n,
  order_number: n,
  email,
  customer: { id: customer, first_name: email === ADA ? 'Ada' : 'Cyrus', last_name: email === ADA ? 'Fernwright' : 'Oakbridge' },
  line_items: [{ id: n, variant_id: 42, sku: 'SKU-TEA-01', title: 'Earl Grey, 250g', quantity: 1, price: total }],
  total_price: total,
  currency,
  financial_status: status,
  created_at: at,
  updated_at: updated,
});
const ticket = (status: string, updated: string) => ({
  ticket: { id: 35436, url: null, status, category: 'complaint', created_at: '2024-03-07T10:15:00Z', updated_at: updated, requester: { id: 9001, name: 'Ada Fernwright', email: ADA } },
});
const emailOpen = { record_type: 'event', event_id: 'ev-0042', subscriber_id: 'b1e6f0c2a9', email_address: ADA, action: 'open', campaign_id: 'cmp-spring-24', timestamp: '2024-03-08 09:00:00' };
const pageView = { messageId: 'msg-7f3a1c', type: 'page', anonymousId: 'ck-5b2e9d41', properties: { path: '/tea' }, timestamp: '2024-03-08T09:00:00.000Z' };
const login = { messageId: 'msg-7f3a2d', type: 'identify', anonymousId: 'ck-5b2e9d41', userId: 'u-48213', traits: { email: ADA }, timestamp: '2024-03-08T09:05:00.000Z' };

const SUMMARY = 'summary { lifetimeValue { currency amount } orderCount firstOrderAt lastOrderAt openTicketCount lastEmailEngagementAt lastWebVisitAt interactionCount }';
type Summary = {
  lifetimeValue: Array<{ currency: string; amount: number }>;
  orderCount: number;
  firstOrderAt: string | null;
  lastOrderAt: string | null;
  openTicketCount: number;
  lastEmailEngagementAt: string | null;
  lastWebVisitAt: string | null;
  interactionCount: number;
};
type Edge = { cursor: string; node: { type: string; sourceId: string; occurredAt: string; channel: string | null } };
type Page = { edges: Edge[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

describe('the 360 customer: summary and timeline', () => {
  let app: TestApp;
  const ingest = async (source: string, records: unknown[]) => {
    const res = await app.graphql<{ ingestBatch: { rejected: unknown[] } }>('mutation($s: String!, $r: [JSON!]!) { ingestBatch(source: $s, records: $r) { rejected { field reason } } }', { s: source, r: records });
    expect(res.body.errors ?? res.body.data!.ingestBatch.rejected).toEqual([]);
  };
  const customerOf = async (source: string, id: string) => {
    const res = await app.graphql<{ sourceRecord: { customer: { id: string } } }>('query($s: String!, $i: String!) { sourceRecord(source: $s, sourceRecordId: $i) { customer { id } } }', { s: source, i: id });
    return res.body.data!.sourceRecord.customer.id;
  };
  const summaryOf = async (id: string): Promise<Summary> => {
    const res = await app.graphql<{ customer: { summary: Summary } }>(`query($id: ID!) { customer(id: $id) { ${SUMMARY} } }`, { id });
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.customer.summary;
  };
  const page = async (id: string, args: Record<string, unknown>, headers: Record<string, string> = {}) =>
    app.graphql<{ customer: { timeline: Page } }>(
      `query($id: ID!, $first: Int, $after: String, $types: [InteractionType!], $channels: [String!], $from: DateTime, $to: DateTime) {
        customer(id: $id) { timeline(first: $first, after: $after, types: $types, channels: $channels, from: $from, to: $to) {
          edges { cursor node { type sourceId occurredAt channel } } pageInfo { hasNextPage endCursor } } } }`,
      { id, ...args },
      headers,
    );
  const timeline = async (id: string, args: Record<string, unknown> = {}) => {
    const res = await page(id, args);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.customer.timeline;
  };
  let ada: string;
  let cyrus: string;

  beforeAll(async () => {
    app = await startTestApp();
    await ingest('webshop', [
      order(7001, ADA, 1001, '13.00', 'GBP', 'paid', '2024-03-04T19:10:00Z'),
      order(7001, ADA, 1002, '20.00', 'EUR', 'paid', '2024-03-05T10:00:00Z'),
      order(7001, ADA, 1003, '5.00', 'GBP', 'refunded', '2024-03-06T10:00:00Z'),
      order(7002, CYRUS, 2001, '18.99', 'USD', 'paid', '2024-03-10T12:00:00Z'),
    ]);
    await ingest('support', [ticket('open', '2024-03-07T11:00:00Z')]);
    await ingest('email', [emailOpen]);
    await ingest('web', [pageView]);
    await ingest('web', [login]);
    ada = await customerOf('webshop', '7001');
    cyrus = await customerOf('webshop', '7002');
  }, 120_000);
  afterAll(async () => app?.stop());

  it('sums orders per currency without the refunded one, counts the open ticket and finds the last e-mail open and web visit', async () => {
    expect(await customerOf('support', '9001')).toBe(ada);
    expect(await customerOf('web', 'u-48213')).toBe(ada);
    expect(await summaryOf(ada)).toEqual({
      lifetimeValue: [
        { currency: 'EUR', amount: 20 },
        { currency: 'GBP', amount: 13 },
      ],
      orderCount: 2,
      firstOrderAt: '2024-03-04T19:10:00.000Z',
      lastOrderAt: '2024-03-05T10:00:00.000Z',
      openTicketCount: 1,
      lastEmailEngagementAt: '2024-03-08T09:00:00.000Z',
      // The login is a web event too; the page view before it came through the cookie.
      lastWebVisitAt: '2024-03-08T09:05:00.000Z',
      interactionCount: 7,
    });
  });

  it('re-ingesting the same interactions counts nothing twice; a changed total and a closed ticket replace what they were', async () => {
    const before = await summaryOf(ada);
    await ingest('webshop', [order(7001, ADA, 1001, '13.00', 'GBP', 'paid', '2024-03-04T19:10:00Z'), order(7001, ADA, 1002, '20.00', 'EUR', 'paid', '2024-03-05T10:00:00Z')]);
    await ingest('email', [emailOpen]);
    await ingest('web', [pageView]);
    expect(await summaryOf(ada)).toEqual(before);

    await ingest('webshop', [order(7001, ADA, 1001, '15.50', 'GBP', 'paid', '2024-03-04T19:10:00Z', '2024-03-09T08:00:00Z')]);
    await ingest('support', [ticket('solved', '2024-03-09T09:00:00Z')]);
    const after = await summaryOf(ada);
    expect(after.lifetimeValue).toEqual([
      { currency: 'EUR', amount: 20 },
      { currency: 'GBP', amount: 15.5 },
    ]);
    expect([after.orderCount, after.openTicketCount, after.interactionCount]).toEqual([2, 0, 7]);
  });

  it('after a merge the survivor has both customers\' activity, and after the unmerge each has its own again', async () => {
    const adaBefore = await summaryOf(ada);
    const cyrusBefore = await summaryOf(cyrus);
    const merged = await app.graphql<{ mergeCustomers: { survivor: { id: string }; eventId: string } }>(
      'mutation($a: ID!, $b: ID!) { mergeCustomers(a: $a, b: $b, reason: "same person, test") { survivor { id } eventId } }',
      { a: ada, b: cyrus },
    );
    expect(merged.body.errors).toBeUndefined();
    const survivor = merged.body.data!.mergeCustomers.survivor.id;
    const both = await summaryOf(survivor);
    expect(both.lifetimeValue).toEqual([...adaBefore.lifetimeValue, ...cyrusBefore.lifetimeValue].sort((x, y) => (x.currency < y.currency ? -1 : 1)));
    expect(both.orderCount).toBe(adaBefore.orderCount + cyrusBefore.orderCount);
    expect(both.lastOrderAt).toBe('2024-03-10T12:00:00.000Z');
    expect((await timeline(survivor, { first: 100 })).edges).toHaveLength(adaBefore.interactionCount + cyrusBefore.interactionCount);

    const undone = await app.graphql('mutation($e: ID!) { unmergeCustomers(eventId: $e, reason: "not the same, test") { eventIds } }', { e: merged.body.data!.mergeCustomers.eventId });
    expect(undone.body.errors).toBeUndefined();
    expect(await summaryOf(ada)).toEqual(adaBefore);
    expect(await summaryOf(cyrus)).toEqual(cyrusBefore);
  });

  it('pages through the timeline newest first, ties in time by key, without repeats or gaps', async () => {
    const all = (await timeline(ada, { first: 100 })).edges;
    expect(all.map((e) => e.node.sourceId)).toEqual(['msg-7f3a2d', 'msg-7f3a1c', 'ev-0042', '35436', '1003', '1002', '1001']);
    // The e-mail open and the page view share an instant: the key (source|type|id) orders them, 'web|…' before 'email|…'.
    expect(all[1]!.node.occurredAt).toBe(all[2]!.node.occurredAt);
    const seen: string[] = [];
    let after: string | null = null;
    for (let n = 0; n < 10; n++) {
      const p: Page = await timeline(ada, { first: 2, after });
      seen.push(...p.edges.map((e) => e.node.sourceId));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.map((e) => e.node.sourceId));
  });

  it('filters by type, channel and time window (from inclusive, to exclusive)', async () => {
    const ids = async (args: Record<string, unknown>) => (await timeline(ada, { first: 100, ...args })).edges.map((e) => e.node.sourceId);
    expect(await ids({ types: ['ORDER'] })).toEqual(['1003', '1002', '1001']);
    expect(await ids({ types: ['TICKET', 'EMAIL_EVENT'] })).toEqual(['ev-0042', '35436']);
    expect(await ids({ channels: ['web_shop'] })).toEqual(['1003', '1002', '1001']);
    expect(await ids({ channels: ['till'] })).toEqual([]);
    expect(await ids({ from: '2024-03-05T10:00:00Z', to: '2024-03-08T09:00:00Z' })).toEqual(['35436', '1003', '1002']);
    expect(await ids({ types: ['ORDER'], from: '2024-03-05T00:00:00Z' })).toEqual(['1003', '1002']);
  });

  it('refuses a page over 100 and a cursor it did not make, naming the argument', async () => {
    const tooBig = await page(ada, { first: 101 });
    expect(tooBig.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const badCursor = await page(ada, { after: 'nonsense' });
    expect(badCursor.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: ['after'] } });
  });

  it('an agent reads the timeline and summary in clear and the identifiers masked; a source key is refused', async () => {
    const agent = bearer('agent-360', 'agent');
    const res = await app.graphql<{ customer: { summary: Summary; identifiers: Array<{ type: string; value: string; sources: Array<{ source: string }> }>; timeline: Page } }>(
      `query($id: ID!) { customer(id: $id) { ${SUMMARY} identifiers { type value sources { source } } timeline(first: 3) { edges { node { type sourceId } } } } }`,
      { id: ada },
      agent,
    );
    expect(res.body.errors).toBeUndefined();
    const view = res.body.data!.customer;
    expect(view.timeline.edges.map((e) => e.node.sourceId)).toEqual(['msg-7f3a2d', 'msg-7f3a1c', 'ev-0042']);
    expect(view.summary.orderCount).toBe(2);
    const email = view.identifiers.find((i) => i.type === 'email')!;
    expect(email.value).not.toContain('fernwright');
    expect(email.value).toContain('*');
    // One identifier, however many records carry it: the shop, the helpdesk and the login.
    expect(email.sources.map((s) => s.source).sort()).toEqual(['support', 'web', 'webshop']);
    expect(view.identifiers.map((i) => i.type).sort()).toEqual(['cookie', 'email', 'user_id']);

    const admin = await app.graphql<{ customer: { identifiers: Array<{ type: string; value: string }> } }>('query($id: ID!) { customer(id: $id) { identifiers { type value } } }', { id: ada });
    expect(admin.body.data!.customer.identifiers.find((i) => i.type === 'email')!.value).toBe(ADA);

    const key = await app.graphql<{ createApiKey: { key: string } }>('mutation { createApiKey(input: { name: "shop key", scope: "source:webshop", expiresInDays: 1 }) { key } }');
    const refused = await page(ada, { first: 5 }, { 'x-api-key': key.body.data!.createApiKey.key });
    expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(refused.body.data?.customer ?? null).toBeNull();
  });
});

describe('the 360 query costs the same round trips for 5 records as for 500', () => {
  let app: TestApp;
  let services: Services;
  const BIG = 'cus_round_trips_big';
  const SMALL = 'cus_round_trips_small';

  beforeAll(async () => {
    // Membership by the membership module, without resolution: every record of a webshop
    // customer id from 900000 joins BIG, from 800000 SMALL.
    app = await startTestApp({
      alterServices: (s) => {
        services = s;
      },
      serviceOptions: {
        afterStore: async (tx, stored, actor) => {
          const assignments = stored.map(({ key }) => ({ key, customer: key.startsWith('webshop|9') ? BIG : SMALL, rule: 'test' }));
          await assignRecords(tx, assignments);
          await services.golden.refreshInTx(tx, [...new Set(assignments.map((a) => a.customer))], actor);
        },
      },
    });
    await app.executor.write((tx) => createCustomers(tx, [BIG, SMALL]));
    const payloads = (first: number, records: number) =>
      Array.from({ length: records * 10 }, (_, n) => {
        const customer = first + (n % records);
        const at = new Date(Date.UTC(2023, 0, 1) + n * 60_000).toISOString();
        return { ...order(customer, `shopper${customer}@example.com`, first * 10 + n, '9.99', n % 3 === 0 ? 'EUR' : 'GBP', 'paid', at), customer: { id: customer, first_name: 'Pat', last_name: `Shopper${customer}` } };
      });
    for (const [first, records] of [
      [900_000, 500],
      [800_000, 5],
    ] as const) {
      const all = payloads(first, records);
      for (let i = 0; i < all.length; i += 1000) {
        const items: IngestItem[] = all.slice(i, i + 1000).map((payload, position) => ({ position, payload }));
        const outcome = await services.ingest.ingest('webshop', items, systemActor);
        expect(outcome.rejected).toEqual([]);
      }
    }
  }, 600_000);
  afterAll(async () => app?.stop());

  const QUERY = `query($id: ID!) { customer(id: $id) {
    id
    profile { givenName { value from { source sourceRecordId sourceUpdatedAt } } emails { value sources { source sourceRecordId } } recordCount }
    identifiers { type value sources { source sourceRecordId } }
    records { source sourceRecordId }
    ${SUMMARY}
    timeline(first: 20) { edges { cursor node { type sourceId occurredAt total currency lines { sku quantity unitPrice } } } pageInfo { hasNextPage endCursor } }
  } }`;

  it('the same transactions and statements for a customer of 500 records and 5,000 interactions as for one of 5 and 50', async () => {
    const counter = countQueries(app.executor);
    const measure = async (id: string) => {
      counter.reset();
      const res = await app.graphql<{ customer: { records: unknown[]; summary: Summary; timeline: Page } }>(QUERY, { id });
      expect(res.body.errors).toBeUndefined();
      return { counts: { ...counter.counts }, customer: res.body.data!.customer };
    };
    try {
      const big = await measure(BIG);
      const small = await measure(SMALL);
      expect(big.customer.records).toHaveLength(500);
      expect(big.customer.summary.orderCount).toBe(5000);
      expect(big.customer.timeline.edges).toHaveLength(20);
      expect(big.customer.timeline.pageInfo.hasNextPage).toBe(true);
      expect(small.customer.records).toHaveLength(5);
      expect(small.customer.summary.interactionCount).toBe(50);
      expect(big.counts).toEqual(small.counts);
      // A handful: customer, golden record, identifiers, records, summary, timeline, the audit of personal reads.
      expect(big.counts.queries).toBeLessThanOrEqual(10);
      console.log('360 query round trips', JSON.stringify(big.counts));
    } finally {
      counter.stop();
    }
  });
});
