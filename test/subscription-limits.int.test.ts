import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from './support/test-app.ts';
import { until } from './support/until.ts';

const require = createRequire(import.meta.url);
const { createClient } = require('graphql-ws') as typeof import('graphql-ws');
const WebSocket = require('ws') as typeof import('ws').WebSocket;

type Client = ReturnType<typeof createClient>;
type Outcome = { errors: Array<{ message: string; extensions?: Record<string, unknown> }>; completed: boolean; next: number };

const CHANGE = 'subscription($ids: [ID!]) { customerChanged(ids: $ids) { eventId type customerId } }';
const LIMITS = { perConnection: 2, perCaller: 3, sendQueue: 20 };
const QUERIES_PER_MINUTE = 30;

const wsUrl = (app: TestApp) => `${app.url.replace('http', 'ws')}/graphql`;

/** A connected graphql-ws client of `caller`. */
async function connect(app: TestApp, caller: string): Promise<Client> {
  const client = createClient({ url: wsUrl(app), webSocketImpl: WebSocket, connectionParams: bearer(caller, 'steward'), retryAttempts: 0, lazy: false });
  await new Promise<void>((resolve) => client.on('connected', () => resolve()));
  return client;
}

/** Subscribes; the outcome fills in as messages come. `stop` completes it from the client's side. */
function subscribe(client: Client, query = CHANGE, variables: Record<string, unknown> = { ids: ['cus_none'] }) {
  const outcome: Outcome = { errors: [], completed: false, next: 0 };
  const stop = client.subscribe(
    { query, variables },
    {
      next: () => void (outcome.next += 1),
      error: (error) => void outcome.errors.push(...(Array.isArray(error) ? error : [error])),
      complete: () => void (outcome.completed = true),
    },
  );
  return { outcome, stop };
}

/** Subscribes and waits until the server refused it or a moment passed (accepted: no message comes for an idle filter). */
async function tryToSubscribe(client: Client, query?: string, variables?: Record<string, unknown>) {
  const sub = subscribe(client, query, variables);
  await until(() => sub.outcome.errors.length > 0, 500).catch(() => undefined);
  return sub;
}

const codeOf = (outcome: Outcome) => outcome.errors[0]?.extensions?.['code'];

describe('subscription limits over graphql-ws', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      events: {},
      serviceOptions: { events: { pollMs: 100 } },
      subscriptions: LIMITS,
      rateLimits: { queriesPerMinute: QUERIES_PER_MINUTE, verifyCallerPerMinute: 10 },
    });
  });
  afterAll(async () => app.stop());

  it('refuses a subscription over the alias or token limits with QUERY_TOO_COMPLEX, as over HTTP', async () => {
    const client = await connect(app, 'complex-1');
    try {
      // CustomerChange holds scalars only, so no subscription can be deeper than 2; aliases and tokens are what grow.
      const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: eventId`).join(' ');
      const aliased = await tryToSubscribe(client, `subscription { customerChanged(ids: ["cus_1"]) { ${aliases} } }`);
      expect(codeOf(aliased.outcome)).toBe('QUERY_TOO_COMPLEX');
      expect(aliased.outcome.errors[0]!.extensions!['limit']).toBe('aliases');
      expect(aliased.outcome.errors[0]!.message).toBe('Aliases 16 exceeds the limit of 15');

      const spreads = Array.from({ length: 600 }, () => '...F').join(' ');
      const long = await tryToSubscribe(client, `subscription { customerChanged(ids: ["cus_1"]) { ${spreads} } } fragment F on CustomerChange { eventId }`);
      expect(codeOf(long.outcome)).toBe('QUERY_TOO_COMPLEX');
      expect(long.outcome.errors[0]!.extensions!['limit']).toBe('tokens');
      // Refusals count no active subscription.
      expect(app.services.events.feed.listenerCount).toBe(0);
    } finally {
      await client.dispose();
    }
  });

  it('refuses more than 100 ids with BAD_USER_INPUT naming the argument', async () => {
    const client = await connect(app, 'ids-1');
    try {
      const ids = (n: number) => Array.from({ length: n }, (_, i) => `cus_${i}`);
      const refused = await tryToSubscribe(client, CHANGE, { ids: ids(101) });
      expect(codeOf(refused.outcome)).toBe('BAD_USER_INPUT');
      expect(refused.outcome.errors[0]!.extensions!['field']).toEqual(['customerChanged', 'ids']);
      const accepted = await tryToSubscribe(client, CHANGE, { ids: ids(100) });
      expect(accepted.outcome.errors).toEqual([]);
      await until(() => app.services.events.feed.listenerCount === 1);
      accepted.stop();
      await until(() => app.services.events.feed.listenerCount === 0);
    } finally {
      await client.dispose();
    }
  });

  it('refuses the subscription over the cap of a connection, then of a caller, and frees a place when one completes', async () => {
    const first = await connect(app, 'cap-1');
    const second = await connect(app, 'cap-1');
    const other = await connect(app, 'cap-2');
    try {
      const [a, b] = [await tryToSubscribe(first), await tryToSubscribe(first)];
      expect([a.outcome.errors, b.outcome.errors]).toEqual([[], []]);
      const overConnection = await tryToSubscribe(first);
      expect(codeOf(overConnection.outcome)).toBe('RATE_LIMITED');
      expect(overConnection.outcome.errors[0]!.extensions!['limit']).toBe('subscriptionsPerConnection');

      const c = await tryToSubscribe(second);
      expect(c.outcome.errors).toEqual([]);
      const overCaller = await tryToSubscribe(second);
      expect(codeOf(overCaller.outcome)).toBe('RATE_LIMITED');
      expect(overCaller.outcome.errors[0]!.extensions!['limit']).toBe('subscriptionsPerCaller');
      // Another caller has places of its own.
      expect((await tryToSubscribe(other)).outcome.errors).toEqual([]);
      await until(() => app.services.events.feed.listenerCount === 4);

      // Completing one frees its place; closing a connection frees all of its.
      a.stop();
      await until(() => app.services.events.feed.listenerCount === 3);
      expect((await tryToSubscribe(second)).outcome.errors).toEqual([]);
      await first.dispose();
      await until(() => app.services.events.feed.listenerCount === 3);
      const again = await connect(app, 'cap-1');
      expect((await tryToSubscribe(again)).outcome.errors).toEqual([]);
      await again.dispose();
    } finally {
      await Promise.all([first.dispose(), second.dispose(), other.dispose()]);
    }
    await until(() => app.services.events.feed.listenerCount === 0);
  });

  it('charges connection_init and each subscribe to the caller`s rate limit, the same budget as HTTP', async () => {
    const client = await connect(app, 'rl-1'); // 1 point
    try {
      let refusal: Outcome | null = null;
      for (let i = 1; i < QUERIES_PER_MINUTE + 2 && !refusal; i += 1) {
        const sub = await tryToSubscribe(client, CHANGE, { ids: ['cus_1'] });
        if (sub.outcome.errors.length > 0) refusal = sub.outcome;
        else sub.stop();
      }
      expect(refusal).not.toBeNull();
      expect(codeOf(refusal!)).toBe('RATE_LIMITED');
      expect(refusal!.errors[0]!.extensions!['retryAfterSeconds']).toBeGreaterThanOrEqual(1);
      // Over HTTP the same caller is refused too: one budget.
      const http = await app.graphql('{ __typename }', {}, bearer('rl-1', 'steward'));
      expect(http.status).toBe(429);
    } finally {
      await client.dispose();
    }
    // A new connection of that caller is closed at once with 4429.
    const closed = await new Promise<number>((resolve) => {
      const refused = createClient({ url: wsUrl(app), webSocketImpl: WebSocket, connectionParams: bearer('rl-1', 'steward'), retryAttempts: 0, lazy: false, onNonLazyError: () => undefined, on: { closed: (e) => resolve((e as { code: number }).code) } });
      refused.on('closed', () => void refused.dispose());
    });
    expect(closed).toBe(4429);
  });

  it('disconnects a subscriber that stops reading once more than SUBSCRIPTION_SEND_QUEUE messages wait for it', async () => {
    // A raw client, so that it can stop reading its socket: graphql-ws's client always reads.
    const socket = new WebSocket(wsUrl(app), 'graphql-transport-ws');
    const messages: Array<{ type: string }> = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data)) as { type: string }));
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve) => socket.on('open', () => resolve()));
    socket.send(JSON.stringify({ type: 'connection_init', payload: bearer('slow-1', 'steward') }));
    await until(() => messages.some((m) => m.type === 'connection_ack'));
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: CHANGE, variables: { ids: null } } }));
    await until(() => app.services.events.feed.listenerCount === 1);
    socket.pause();

    // Events of about 12 kB each, 36 MB in all: more than the socket buffers of both ends hold, so the queue must fill.
    const relatedIds = Array.from({ length: 300 }, (_, i) => `cus_slow_consumer_related_${String(i).padStart(12, '0')}`);
    const session = app.driver.session({ database: 'neo4j' });
    try {
      await session.run(
        `UNWIND range(1, 3000) AS n
         CREATE (:OutboxEvent:OutboxUnsequenced {id: 'slow-' + n, at: datetime(), type: 'CUSTOMER_UPDATED', customerId: 'cus_slow_' + n,
                                                 relatedIds: $relatedIds, changedAttributes: ['email']})`,
        { relatedIds },
      );
    } finally {
      await session.close();
    }
    await until(() => app.logs.some((line) => line.includes('subscriber too slow: disconnected')), 20_000);
    // Its subscription is gone from the feed, so nothing more is kept for it.
    await until(() => app.services.events.feed.listenerCount === 0);
    socket.resume();
    // The close frame follows what the kernel had buffered; past the grace the socket is dropped (1006).
    expect([1008, 1006]).toContain(await closed);
  }, 60_000);
});
