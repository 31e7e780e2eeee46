import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.ts';

const CUSTOMER = 'query Customer($id: ID!) { customer(id: $id) { id createdAt updatedAt } }';

describe('GraphQL API over HTTP on Neo4j', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app.stop());

  it('reads back a customer created through Cypher', async () => {
    await app.executor.writeRows(
      "CREATE (:Customer {id: 'cus_skeleton_1', createdAt: datetime('2026-01-02T03:04:05.006Z'), updatedAt: datetime('2026-02-03T04:05:06.007Z')})",
    );
    const res = await app.graphql(CUSTOMER, { id: 'cus_skeleton_1' });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({
      customer: { id: 'cus_skeleton_1', createdAt: '2026-01-02T03:04:05.006Z', updatedAt: '2026-02-03T04:05:06.007Z' },
    });
  });

  it('answers null for an id no customer has', async () => {
    const res = await app.graphql(CUSTOMER, { id: 'cus_nobody' });
    expect(res.body).toEqual({ data: { customer: null } });
  });

  it('batches several customers of one query into one result set', async () => {
    await app.executor.writeRows(
      "UNWIND ['cus_b1','cus_b2'] AS id CREATE (:Customer {id: id, createdAt: datetime(), updatedAt: datetime()})",
    );
    const res = await app.graphql<{ a: { id: string }; b: { id: string }; c: null }>(
      '{ a: customer(id: "cus_b1") { id } b: customer(id: "cus_b2") { id } c: customer(id: "cus_none") { id } }',
    );
    expect(res.body.data).toEqual({ a: { id: 'cus_b1' }, b: { id: 'cus_b2' }, c: null });
  });

  it('rejects a malformed id with BAD_USER_INPUT and the path of the field', async () => {
    const res = await app.graphql(CUSTOMER, { id: 'not an id; MATCH (n) DELETE n' });
    expect(res.body.data).toEqual({ customer: null });
    expect(res.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: ['id'] });
    expect(res.body.errors?.[0]?.path).toEqual(['customer']);
  });

  it('reports a wrongly typed variable without echoing its value', async () => {
    const res = await app.graphql(CUSTOMER, { id: { email: 'jane.doe@example.com' } });
    expect(res.status).toBe(400);
    const error = res.body.errors?.[0];
    expect(error?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(error?.extensions?.['field']).toEqual(['id']);
    expect(JSON.stringify(res.body)).not.toContain('jane.doe');
  });

  it('answers a syntax error with GRAPHQL_PARSE_FAILED', async () => {
    const res = await app.graphql('{ customer(id: "x" { id }');
    expect(res.body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('echoes the caller-supplied request id, or makes one', async () => {
    const given = await app.graphql('{ serviceInfo { version } }', {}, { 'x-request-id': 'req-123' });
    expect(given.headers.get('x-request-id')).toBe('req-123');
    const made = await app.graphql('{ serviceInfo { version } }');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports the applied migrations in serviceInfo', async () => {
    const res = await app.graphql<{ serviceInfo: { migrations: string[] } }>('{ serviceInfo { version migrations } }');
    expect(res.body.data?.serviceInfo.migrations).toContain('0001-customers');
  });

  it('serves /healthz and /readyz', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
  });
});

describe('readiness and error masking', () => {
  it('answers /readyz 503 until migrations are marked applied', async () => {
    const app = await startTestApp({ ready: false });
    try {
      expect((await fetch(`${app.url}/readyz`)).status).toBe(503);
      app.server.markReady(['0001-customers']);
      expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
    } finally {
      await app.stop();
    }
  });

  it('answers /readyz 503 when Neo4j is unreachable', async () => {
    const app = await startTestApp();
    try {
      await app.driver.close();
      expect((await fetch(`${app.url}/readyz`)).status).toBe(503);
    } finally {
      await app.server.stop();
    }
  });

  it('masks an unexpected error as INTERNAL_SERVER_ERROR, leaking nothing to client or log', async () => {
    const secret = 'jane.doe@example.com';
    const app = await startTestApp({
      alterServices: (services) => {
        services.customers.findByIds = async () => {
          throw new TypeError(`cannot read property of ${secret}`);
        };
      },
    });
    try {
      const res = await app.graphql(CUSTOMER, { id: 'cus_any' });
      expect(res.body.errors).toEqual([
        { message: 'Internal server error', locations: [{ line: 1, column: 28 }], path: ['customer'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      ]);
      const logged = app.logs.join('');
      expect(logged).toContain('unexpected error');
      expect(logged).toContain('TypeError');
      expect(logged).not.toContain(secret);
    } finally {
      await app.stop();
    }
  });
});
