import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRM, customerOfRecord, ingestRows, resetWithGoldenSources } from './support/golden-sources.ts';
import type { GraphExecutor } from '../src/graph/executor.ts';
import { bearer, startTestApp, type TestApp } from './support/test-app.ts';

// The personal reads of requests served at the same moment are written in shared
// transactions (group commit), each request still answered only once its entry committed.
describe('personal reads of concurrent requests', () => {
  let app: TestApp;
  let id: string;
  const READERS = 40;

  beforeAll(async () => {
    app = await startTestApp();
    await resetWithGoldenSources(app);
    await ingestRows(app, CRM.name, [{ id: 'g1', given: 'Grace', family: 'Hopper', email: 'grace.hopper@example.com' }]);
    id = (await customerOfRecord(app, CRM.name, 'g1'))!;
  });
  afterAll(async () => app?.stop());

  it('each get their own audit entry, written in fewer transactions than requests', async () => {
    // Write transactions while the requests run: the audit's alone (nothing else here writes).
    const { write } = app.executor;
    let writes = 0;
    app.executor.write = function <T>(this: GraphExecutor, work: Parameters<GraphExecutor['write']>[0]) {
      writes += 1;
      return write.call(this, work) as Promise<T>;
    };
    let answers;
    try {
      answers = await Promise.all(
        Array.from({ length: READERS }, (_, n) => app.graphql<{ customer: { profile: { emails: Array<{ value: string }> } } }>('query($id: ID!) { customer(id: $id) { profile { emails { value } } } }', { id }, bearer(`reader-${n}`, 'steward'))),
      );
    } finally {
      app.executor.write = write;
    }
    for (const res of answers) expect(res.body.data?.customer.profile.emails).toEqual([{ value: 'grace.hopper@example.com' }]);
    const trail = await app.graphql<{ auditTrail: Array<{ requestId: string; actor: string; customerIds: string[]; fields: string[] }> }>(
      'query($id: ID!) { auditTrail(customerId: $id, operations: [READ_PROFILE], first: 1000) { requestId actor customerIds fields } }',
      { id },
      bearer('gc-auditor', 'auditor'),
    );
    const entries = trail.body.data!.auditTrail;
    for (const [n, res] of answers.entries()) {
      const mine = entries.filter((e) => e.requestId === res.headers.get('x-request-id'));
      expect(mine).toEqual([{ requestId: res.headers.get('x-request-id'), actor: `reader-${n}`, customerIds: [id], fields: ['GoldenProfile.emails'] }]);
    }
    expect(writes).toBeGreaterThan(0);
    expect(writes).toBeLessThan(READERS);
  });
});
