import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.ts';

// A segment with no interaction every member must have visits every customer: over a large
// base that takes longer than an interactive read may (NEO4J_REQUEST_TIMEOUT_MS), so its reads
// have a limit of their own (SEGMENT_READ_TIMEOUT_MS), and every other read keeps the short one.
const REQUEST_LIMIT_MS = 200;
const CUSTOMERS = 400_000;

describe('a segment over the whole base reads under its own limit', () => {
  let app: TestApp;
  let marketer: Record<string, string>;

  beforeAll(async () => {
    app = await startTestApp({ requestTimeoutMs: REQUEST_LIMIT_MS, serviceOptions: { segmentReadTimeoutMs: 60_000 } });
    marketer = await app.authHeaders('mk-limit', 'marketer');
    await app.executor.runSchema(
      `UNWIND range(1, ${CUSTOMERS}) AS n CALL (n) { CREATE (:Customer {id: 'cus_limit' + n, status: 'active', segmentCountry: CASE n % 4 WHEN 0 THEN 'GB' ELSE 'DE' END}) } IN TRANSACTIONS OF 50000 ROWS`,
    );
  }, 240_000);
  afterAll(async () => app?.stop());

  it('counts a whole-base segment that takes longer than a request read may', async () => {
    const definition = { and: [{ attribute: 'country', op: 'eq', value: 'GB' }, { interactions: { type: 'email', subtype: ['open', 'click'], withinDays: 90, max: 0 } }] };
    const started = performance.now();
    const res = await app.graphql<{ createSegment: { count: number } }>('mutation($d: JSON!) { createSegment(input: { name: "all GB", definition: $d }) { count } }', { d: definition }, marketer);
    const elapsed = performance.now() - started;
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.createSegment.count).toBe(CUSTOMERS / 4);
    // It outlasted the request limit: with that limit it would have answered SERVICE_UNAVAILABLE.
    expect(elapsed).toBeGreaterThan(REQUEST_LIMIT_MS);

  }, 120_000);
});
