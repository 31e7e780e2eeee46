import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADER_HINT } from '../src/http/graphiql.route.ts';
import { anonymous, bearer, startTestApp, type TestApp } from './support/test-app.ts';

/**
 * What a browser and a busy caller meet at the HTTP edge (issue #9): the offline GraphiQL
 * page outside production, CORS by configured origin, NDJSON-only ingest, per-caller rate
 * limits, and no introspection or IDE in production.
 */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const ALLOWED = 'https://console.example.com';
const EVIL = 'https://evil.example';

/** Debian's `chromium` package (`.ci/run` installs it; elsewhere: apt-get install chromium, or CHROMIUM_PATH). */
const CHROMIUM = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path): path is string => Boolean(path) && existsSync(path!));

const INTROSPECTION = '{ __schema { queryType { name } } }';
const codeOf = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => body.errors?.[0]?.extensions?.['code'];

describe('outside production', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ corsOrigins: [ALLOWED], rateLimits: { queriesPerMinute: 20, verifyCallerPerMinute: 3 } });
  });
  afterAll(async () => app.stop());

  describe('GraphiQL', () => {
    it('answers a browser at /graphql with a page that loads only same-origin assets, each of which answers', async () => {
      const res = await fetch(`${app.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await res.text();
      const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
      expect(urls.length).toBeGreaterThanOrEqual(5);
      expect(html).not.toMatch(/https?:\/\/|\/\/[a-z]/i);
      for (const url of urls) {
        expect(url.startsWith('/') && !url.startsWith('//'), url).toBe(true);
        const asset = await fetch(new URL(url, app.url));
        expect(asset.status, url).toBe(200);
        const body = await asset.text();
        if (url.endsWith('.css')) {
          expect(body).not.toMatch(/@import/);
          expect(body.match(/url\((?!["']?data:)[^)]*\)/g) ?? []).toEqual([]);
        }
      }
      const init = await (await fetch(new URL('/graphiql/assets/init.js', app.url))).text();
      expect(init).toContain(JSON.stringify(JSON.stringify({ Authorization: HEADER_HINT }, null, 2)));
      expect(init).toContain("defaultEditorToolsVisibility: 'headers'");
    });

    it('renders the GraphiQL editor in headless Chromium with every other host unreachable', async () => {
      if (!CHROMIUM) throw new Error('This browser test needs Chromium: apt-get install chromium (or set CHROMIUM_PATH)');
      const { stdout } = await promisify(execFile)(
        CHROMIUM,
        ['--headless=new', '--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1', '--virtual-time-budget=8000', '--dump-dom', `${app.url}/graphql`],
        { timeout: 60_000, maxBuffer: 10_000_000 },
      );
      expect(stdout).toContain('graphiql-container');
      expect(stdout).toContain('graphiql-query-editor');
      expect(stdout).toContain('paste the token from: npm run cli -- token --role steward');
    });

    it('needs no credentials for the page, but the API behind it does', async () => {
      expect((await fetch(`${app.url}/graphql?query=%7Bme%7Bid%7D%7D`, { headers: { accept: 'application/json' } })).status).toBe(401);
      expect((await fetch(`${app.url}/graphiql/assets/nothing.js`)).status).toBe(404);
      expect((await app.graphql(INTROSPECTION)).body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    });
  });

  describe('CORS', () => {
    const preflight = (path: string, origin: string) =>
      fetch(`${app.url}${path}`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });

    it('allows a configured origin on /graphql and /ingest', async () => {
      for (const path of ['/graphql', '/ingest/crm']) {
        const res = await preflight(path, ALLOWED);
        expect(res.status, path).toBe(204);
        expect(res.headers.get('access-control-allow-origin'), path).toBe(ALLOWED);
        expect(res.headers.get('access-control-allow-headers'), path).toContain('authorization');
      }
      const res = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { origin: ALLOWED, 'content-type': 'application/json', ...(await app.authHeaders()) },
        body: JSON.stringify({ query: '{ me { id } }' }),
      });
      expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    });

    it('gives any other origin no Access-Control-Allow-Origin', async () => {
      for (const path of ['/graphql', '/ingest/crm']) {
        const res = await preflight(path, EVIL);
        expect(res.headers.get('access-control-allow-origin'), path).toBeNull();
      }
      const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { origin: EVIL, 'content-type': 'application/json' }, body: '{"query":"{ me { id } }"}' });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('/ingest/:source', () => {
    const storedRecords = async () => (await app.executor.readRows<{ n: number }>('MATCH (r:SourceRecord) RETURN count(r) AS n'))[0]!.n;

    it('stores nothing from a cross-site text/plain form post without credentials', async () => {
      const before = await storedRecords();
      const res = await fetch(`${app.url}/ingest/crm`, {
        method: 'POST',
        headers: { origin: EVIL, 'content-type': 'text/plain' },
        body: '{"id":"csrf-1","email":"victim@example.com","updatedAt":"2024-01-01T00:00:00Z"}\n',
      });
      expect([401, 415]).toContain(res.status);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(await storedRecords()).toBe(before);
    });

    it('refuses text/plain with 415 even with credentials', async () => {
      const before = await storedRecords();
      const res = await fetch(`${app.url}/ingest/crm`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', ...(await app.authHeaders()) },
        body: '{"id":"plain-1","email":"plain@example.com","updatedAt":"2024-01-01T00:00:00Z"}\n',
      });
      expect(res.status).toBe(415);
      expect(await storedRecords()).toBe(before);
    });
  });

  describe('rate limits', () => {
    it('answers a caller over its requests per minute with 429, retry-after and RATE_LIMITED; others carry on', async () => {
      const busy = bearer('busy-steward', 'steward');
      for (let i = 0; i < 20; i += 1) expect((await app.graphql('{ me { id } }', {}, busy)).status).toBe(200);
      const refused = await app.graphql('{ me { id } }', {}, busy);
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(codeOf(refused.body)).toBe('RATE_LIMITED');
      expect((await app.graphql('{ me { id } }', {}, bearer('calm-steward', 'steward'))).status).toBe(200);
      // Authentication comes first: no credentials is 401, not a count against anyone.
      expect((await app.graphql('{ me { id } }', {}, anonymous)).status).toBe(401);
    });

    it('allows an agent only so many verifyCaller attempts per minute, counting aliases', async () => {
      const agent = bearer('rate-agent', 'agent');
      const VERIFY = 'mutation($id: ID!) { verifyCaller(customerId: $id, answers: { postcode: "ZZ1 1ZZ", email: "nobody@example.com" }) { status } }';
      for (let i = 0; i < 3; i += 1) {
        const res = await app.graphql<{ verifyCaller: { status: string } }>(VERIFY, { id: 'cus_unknown' }, agent);
        expect(res.body.errors, JSON.stringify(res.body)).toBeUndefined();
      }
      const refused = await app.graphql(VERIFY, { id: 'cus_unknown' }, agent);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(codeOf(refused.body)).toBe('RATE_LIMITED');
      expect((await app.graphql('{ me { id } }', {}, agent)).status).toBe(200);
      const twice = 'mutation { a: verifyCaller(customerId: "cus_unknown", answers: { postcode: "ZZ1 1ZZ", email: "x@example.com" }) { status } b: verifyCaller(customerId: "cus_unknown", answers: { postcode: "ZZ1 1ZZ", email: "y@example.com" }) { status } }';
      const other = bearer('rate-agent-2', 'agent');
      expect((await app.graphql(twice, {}, other)).status).toBe(200);
      expect((await app.graphql(twice, {}, other)).status).toBe(429);
    });
  });
});

describe('in production', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: 'production' });
  });
  afterAll(async () => app.stop());

  it('serves no IDE page or assets and no landing page', async () => {
    const page = await fetch(`${app.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(page.status).toBe(401);
    expect(page.headers.get('content-type')).not.toMatch(/text\/html/);
    const signedIn = await fetch(`${app.url}/graphql`, { headers: { accept: BROWSER_ACCEPT, ...(await app.authHeaders()) } });
    expect(signedIn.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    // Apollo answers a GET without a query (here: its CSRF refusal), never its landing page.
    expect(await signedIn.text()).not.toMatch(/<html|sandbox|embeddable|cdn\./i);
    expect((await fetch(`${app.url}/graphiql/assets/graphiql.min.js`)).status).toBe(404);
  });

  it('refuses introspection', async () => {
    const res = await app.graphql(INTROSPECTION);
    expect(res.status).toBe(400);
    expect(codeOf(res.body)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors?.[0]?.message).toMatch(/introspection/i);
    expect((await app.graphql('{ me { id } }')).body.data).toEqual({ me: { id: 'test-admin' } });
  });
});
