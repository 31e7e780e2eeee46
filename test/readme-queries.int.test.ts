import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRM, customerOfRecord, ingestRows, resetWithGoldenSources } from './support/golden-sources.ts';
import { bearer, startTestApp, type TestApp } from './support/test-app.ts';

const README = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
/** The GraphQL block of the README that starts with `start`. */
const block = (start: string): string => {
  const found = [...README.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.trimStart().startsWith(start));
  if (!found) throw new Error(`README has no graphql block starting with ${start}`);
  return found;
};

// The README's front-end and agent queries are run as written, so they cannot drift from the schema.
describe('the README queries', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    await resetWithGoldenSources(app);
  });
  afterAll(async () => app.stop());

  it('runs the 360 query for a front end, and an agent gets it with contact details masked', async () => {
    await ingestRows(app, CRM.name, [{ id: 'rq1', given: 'Ada', family: 'Okafor', email: 'ada.okafor@example.com', phone: '020 7946 0018', dob: '1990-01-01', postcode: 'SW1A 1AA' }]);
    const id = (await customerOfRecord(app, CRM.name, 'rq1'))!;
    const query = block('query Customer360');
    const steward = await app.graphql<{ customer: { id: string; profile: { emails: Array<{ value: string }> } } }>(query, { id }, bearer('s', 'steward'));
    expect(steward.body.errors).toBeUndefined();
    expect(steward.body.data?.customer.id).toBe(id);
    expect(steward.body.data?.customer.profile.emails.map((e) => e.value)).toEqual(['ada.okafor@example.com']);
    const agent = await app.graphql<{ customer: { profile: { emails: Array<{ value: string }> } } }>(query, { id }, bearer('a', 'agent'));
    expect(agent.body.errors).toBeUndefined();
    expect(agent.body.data?.customer.profile.emails[0]?.value).not.toContain('ada.okafor');
  });
});
