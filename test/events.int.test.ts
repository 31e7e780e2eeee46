import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../src/events/signing.ts';
import { CRM, ingestRows, registerGoldenSources } from './support/golden-sources.ts';
import { bearer, startTestApp, type TestApp } from './support/test-app.ts';
import { until } from './support/until.ts';

const require = createRequire(import.meta.url);
const { createClient } = require('graphql-ws') as typeof import('graphql-ws');
const WebSocket = require('ws') as typeof import('ws').WebSocket;

type Change = { eventId: string; type: string; customerId: string; relatedIds: string[]; changedAttributes: string[]; at: string };
const CHANGE = 'subscription($ids: [ID!]) { customerChanged(ids: $ids) { eventId type customerId relatedIds changedAttributes at } }';
const PERSONAL = ['Ada', 'Lovelace', 'ada@example.com', 'Augusta', 'augusta@example.com', '1815-12-10'];

const wsUrl = (app: TestApp) => `${app.url.replace('http', 'ws')}/graphql`;

/** A subscription over loopback: its events as they come, and whether the server closed it. */
function subscribe(app: TestApp, params: Record<string, string>, ids: string[] | null) {
  const events: Change[] = [];
  const errors: unknown[] = [];
  let closed: { code: number } | null = null;
  const client = createClient({ url: wsUrl(app), webSocketImpl: WebSocket, connectionParams: params, retryAttempts: 0, lazy: false, on: { closed: (e) => (closed = e as { code: number }) } });
  const connected = new Promise<void>((resolve) => client.on('connected', () => resolve()));
  client.subscribe<{ customerChanged: Change }>({ query: CHANGE, variables: { ids } }, { next: (r) => (r.data ? events.push(r.data.customerChanged) : errors.push(r.errors)), error: (e) => errors.push(e), complete: () => {} });
  return { events, errors, connected, closed: () => closed, dispose: () => client.dispose() };
}

async function customerOf(app: TestApp, id: string): Promise<string> {
  const res = await app.graphql<{ sourceRecord: { customer: { id: string } } }>('query($s: String!, $i: String!) { sourceRecord(source: $s, sourceRecordId: $i) { customer { id } } }', { s: CRM.name, i: id });
  return res.body.data!.sourceRecord.customer.id;
}

/** A local receiver: answers each POST with the next status of `script` (then 200), remembering body, headers and arrival time. */
async function receiver(script: number[] = []) {
  const received: Array<{ body: string; headers: IncomingMessage['headers']; at: number }> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ body, headers: req.headers, at: Date.now() });
      res.statusCode = script.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const REGISTER = 'mutation($u: String!, $t: [CustomerChangeType!]!) { registerWebhook(url: $u, eventTypes: $t, description: "test") { secret webhook { id url eventTypes } } }';
const DELIVERIES = `query($w: ID!) { webhookDeliveries(webhookId: $w) { id eventId eventType status attempts lastStatusCode nextAttemptAt log { at statusCode error } } }`;
type Delivery = { id: string; eventId: string; eventType: string; status: string; attempts: number; lastStatusCode: number | null; log: Array<{ at: string; statusCode: number | null }> };

describe('change events out', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ events: { webhooks: true }, serviceOptions: { events: { pollMs: 100, retry: { baseMs: 400, capMs: 5_000, retryForMs: 60_000 }, random: () => 0.999 } } });
    await registerGoldenSources(app);
  });
  afterAll(async () => app.stop());

  it('a subscription receives UPDATED after an ingest changes a golden record, and MERGED after mergeCustomers; no personal values', async () => {
    await ingestRows(app, CRM.name, [{ id: 'E-1', given: 'Ada', family: 'Lovelace', email: 'ada@example.com', dob: '1815-12-10' }, { id: 'E-2', given: 'Augusta', family: 'King', email: 'augusta@example.com' }]);
    const [a, b] = [await customerOf(app, 'E-1'), await customerOf(app, 'E-2')];
    expect(a).not.toBe(b);
    const sub = subscribe(app, bearer('agent-1', 'agent'), [a, b]);
    await sub.connected;
    await until(() => app.services.events.feed.listenerCount === 1);

    await ingestRows(app, CRM.name, [{ id: 'E-1', given: 'Ada', family: 'Lovelace', email: 'ada.l@example.com', dob: '1815-12-10', updated: '2024-02-01T00:00:00Z' }]);
    const updated = await until(() => sub.events.find((e) => e.type === 'CUSTOMER_UPDATED' && e.customerId === a));
    expect(updated.changedAttributes).toContain('email');

    const merged = await app.graphql<{ mergeCustomers: { survivor: { id: string }; mergedAway: string } }>('mutation($a: ID!, $b: ID!) { mergeCustomers(a: $a, b: $b, reason: "same person") { survivor { id } mergedAway } }', { a, b });
    const { survivor, mergedAway } = merged.body.data!.mergeCustomers;
    const event = await until(() => sub.events.find((e) => e.type === 'CUSTOMER_MERGED'));
    expect(event).toMatchObject({ customerId: survivor.id, relatedIds: [mergedAway] });
    const text = JSON.stringify(sub.events);
    for (const value of PERSONAL) expect(text).not.toContain(value);
    expect(sub.errors).toEqual([]);
    await sub.dispose();
  }, 120_000);

  it('refuses a subscription without credentials, and one from a role that may not read customers', async () => {
    const anonymous = subscribe(app, {}, null);
    await until(() => anonymous.closed());
    expect(anonymous.closed()!.code).toBe(4403);
    expect(anonymous.events).toEqual([]);
    const forged = subscribe(app, { authorization: 'Bearer not-a-token' }, null);
    await until(() => forged.closed());
    expect(forged.closed()!.code).toBe(4403);
    const key = await app.graphql<{ createApiKey: { key: string } }>('mutation { createApiKey(input: { name: "crm feed", scope: "source:crm" }) { key } }');
    const machine = subscribe(app, { 'x-api-key': key.body.data!.createApiKey.key }, null);
    await until(() => machine.errors.length > 0);
    expect(JSON.stringify(machine.errors)).toContain('FORBIDDEN');
    await machine.dispose();
  });

  let hook: Awaited<ReturnType<typeof receiver>> | null = null;
  afterEach(async () => {
    await hook?.close();
    hook = null;
  });

  it('delivers a signed webhook the receiver can verify, retries a failing receiver with growing delays, and replays', async () => {
    hook = await receiver([500, 503]);
    const reg = await app.graphql<{ registerWebhook: { secret: string; webhook: { id: string } } }>(REGISTER, { u: hook.url, t: ['CUSTOMER_UPDATED'] });
    const { secret, webhook } = reg.body.data!.registerWebhook;
    expect(secret).toMatch(/^whsec_/);
    const listed = await app.graphql<{ webhooks: Array<Record<string, unknown>> }>('{ webhooks { id url } }');
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    await ingestRows(app, CRM.name, [{ id: 'E-1', given: 'Ada', family: 'Lovelace', email: 'ada.second@example.com', dob: '1815-12-10', updated: '2024-03-01T00:00:00Z' }]);
    const received = hook.received;
    await until(() => received.length >= 3, 15_000);
    for (const r of received) {
      expect(verifySignature(secret, r.body, String(r.headers['x-identity-graph-signature']))).toBe(true);
      expect(verifySignature('whsec_wrong', r.body, String(r.headers['x-identity-graph-signature']))).toBe(false);
      for (const value of PERSONAL) expect(r.body).not.toContain(value);
    }
    const body = JSON.parse(received[0]!.body) as Change & { id: string };
    expect(body).toMatchObject({ type: 'CUSTOMER_UPDATED', changedAttributes: expect.arrayContaining(['email']) });
    expect(received.map((r) => r.headers['x-identity-graph-event-id'])).toEqual([body.id, body.id, body.id]);
    const gaps = [received[1]!.at - received[0]!.at, received[2]!.at - received[1]!.at];
    expect(gaps[0]).toBeGreaterThanOrEqual(350);
    expect(gaps[1]).toBeGreaterThan(gaps[0]!);

    const page = await waitForDelivery(webhook.id, (d) => d.status === 'DELIVERED');
    expect(page).toMatchObject({ eventId: body.id, attempts: 3, lastStatusCode: 200 });
    expect(page.log.map((l) => l.statusCode)).toEqual([500, 503, 200]);

    const replay = await app.graphql<{ replayWebhookDelivery: Delivery }>('mutation($id: ID!) { replayWebhookDelivery(id: $id) { status } }', { id: page.id });
    expect(replay.body.data!.replayWebhookDelivery.status).toBe('PENDING');
    await until(() => received.length >= 4);
    expect(received[3]!.headers['x-identity-graph-event-id']).toBe(body.id);
    expect((await waitForDelivery(webhook.id, (d) => d.status === 'DELIVERED' && d.attempts === 4)).log).toHaveLength(4);

    const gone = await app.graphql<{ deleteWebhook: { id: string } }>('mutation($id: ID!) { deleteWebhook(id: $id) { id } }', { id: webhook.id });
    expect(gone.body.data!.deleteWebhook.id).toBe(webhook.id);
    const audit = await app.graphql<{ auditTrail: Array<{ operation: string }> }>('{ auditTrail(operations: [WEBHOOK_REGISTER, WEBHOOK_REPLAY, WEBHOOK_DELETE]) { operation } }');
    expect(audit.body.data!.auditTrail.map((e) => e.operation).sort()).toEqual(['WEBHOOK_DELETE', 'WEBHOOK_REGISTER', 'WEBHOOK_REPLAY']);
  });

  it('webhooks are for admins only', async () => {
    const steward = await app.graphql(REGISTER, { u: 'http://127.0.0.1:1/x', t: ['CUSTOMER_MERGED'] }, bearer('s-1', 'steward'));
    expect(steward.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const list = await app.graphql('{ webhooks { id } }', {}, bearer('s-1', 'steward'));
    expect(list.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const ftp = await app.graphql(REGISTER, { u: 'ftp://example.com/x', t: ['CUSTOMER_MERGED'] });
    expect(ftp.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['url'] });
  });

  it('a delivery pending when the API stops is delivered after it starts again on the same database', async () => {
    hook = await receiver();
    const reg = await app.graphql<{ registerWebhook: { secret: string; webhook: { id: string } } }>(REGISTER, { u: hook.url, t: ['CUSTOMER_UPDATED'] });
    const { webhook } = reg.body.data!.registerWebhook;
    await app.stop();
    // The change commits while no worker runs: sequenced and queued by a feed-only API, then that one stops too.
    app = await startTestApp({ keepData: true, events: {}, serviceOptions: { events: { pollMs: 100 } } });
    await ingestRows(app, CRM.name, [{ id: 'E-1', given: 'Ada', family: 'Lovelace', email: 'ada.third@example.com', dob: '1815-12-10', updated: '2024-04-01T00:00:00Z' }]);
    await waitForDelivery(webhook.id, (d) => d.status === 'PENDING');
    await app.stop();
    expect(hook.received).toEqual([]);
    app = await startTestApp({ keepData: true, events: { webhooks: true }, serviceOptions: { events: { pollMs: 100 } } });
    await until(() => hook!.received.length >= 1);
    expect((await waitForDelivery(webhook.id, (d) => d.status === 'DELIVERED')).attempts).toBe(1);
  });

  async function waitForDelivery(webhookId: string, ok: (d: Delivery) => boolean): Promise<Delivery> {
    const end = Date.now() + 15_000;
    for (;;) {
      const res = await app.graphql<{ webhookDeliveries: Delivery[] }>(DELIVERIES, { w: webhookId });
      if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
      const found = res.body.data!.webhookDeliveries.find(ok);
      if (found) return found;
      if (Date.now() > end) throw new Error(`no such delivery: ${JSON.stringify(res.body.data)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
});
