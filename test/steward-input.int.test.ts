import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultSurvivorshipConfig } from '../src/golden/survivorship-config.ts';
import { CRM, LEDGER, customerOfRecord, customerView, ingestRows, resetWithGoldenSources } from './support/golden-sources.ts';
import { bearer, startTestApp, type GraphQLResponse, type TestApp } from './support/test-app.ts';

// Bug (issue #11): a steward's input was taken as typed. pinValue(DATE_OF_BIRTH, "yesterday")
// became the golden date of birth, and an empty reason was accepted for every steward action.

const survivorship = { ...defaultSurvivorshipConfig(), legalNameSources: [LEDGER.name] };
const steward = bearer('steward-11', 'steward');

const PIN = `mutation($id: ID!, $attribute: GoldenAttribute!, $value: String!, $reason: String!) {
  pinValue(customerId: $id, attribute: $attribute, value: $value, reason: $reason) {
    givenName { value rule } fullName { value rule } dateOfBirth { value rule } organisation { value rule }
    emails { value preferred rule } phones { value preferred rule } addresses { value preferred rule }
  }
}`;

type Pinned = {
  dateOfBirth: { value: string; rule: string } | null;
  givenName: { value: string; rule: string } | null;
  emails: Array<{ value: string; preferred: boolean; rule: string | null }>;
  phones: Array<{ value: string; preferred: boolean; rule: string | null }>;
  addresses: Array<{ value: string; preferred: boolean; rule: string | null }>;
};

describe('what a steward types is checked like what a source sends', () => {
  let app: TestApp;
  let id: string;
  const pin = (attribute: string, value: string, reason = 'checked with the customer') =>
    app.graphql<{ pinValue: Pinned }>(PIN, { id, attribute, value, reason }, steward);
  const refusal = (res: GraphQLResponse) => res.body.errors?.[0];
  const auditCount = async () => Number((await app.executor.readRows<{ n: number }>('MATCH (a:AuditEntry) RETURN count(a) AS n'))[0]!.n);

  beforeAll(async () => {
    app = await startTestApp({ serviceOptions: { survivorship } });
  });
  beforeEach(async () => {
    await resetWithGoldenSources(app);
    await ingestRows(app, CRM.name, [{ id: 'c1', given: 'Ada', family: 'Lovelace', email: 'ada.lovelace@example.com', phone: '020 7946 0101', dob: '1985-12-10', street: '12 St James Square', city: 'London', postcode: 'SW1Y 4JH' }]);
    id = (await customerOfRecord(app, CRM.name, 'c1'))!;
  });
  afterAll(async () => app.stop());

  it('refuses a date of birth pin that is no date, names value, and keeps the golden date of birth', async () => {
    const yesterday = await pin('DATE_OF_BIRTH', 'yesterday');
    expect(refusal(yesterday)).toMatchObject({ path: ['pinValue'], extensions: { code: 'BAD_USER_INPUT', field: ['value'] } });
    expect(yesterday.body.data).toBeNull();
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    for (const bad of [tomorrow, '1985-02-30', '1850-01-01', '03/04/1990']) {
      expect(refusal(await pin('DATE_OF_BIRTH', bad)), bad).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: ['value'] } });
    }
    expect((await customerView(app, id))!.profile!.dateOfBirth).toMatchObject({ value: '1985-12-10', rule: 'ONLY_VALUE' });
  });

  it('stores a real date of birth pin as YYYY-MM-DD, the way ingestion normalizes dates', async () => {
    const pinned = await pin('DATE_OF_BIRTH', '5 March 1986');
    expect(pinned.body.errors).toBeUndefined();
    expect(pinned.body.data!.pinValue.dateOfBirth).toEqual({ value: '1986-03-05', rule: 'PINNED' });
    const again = await pin('DATE_OF_BIRTH', ' 1986-03-06 ');
    expect(again.body.data!.pinValue.dateOfBirth).toEqual({ value: '1986-03-06', rule: 'PINNED' });
  });

  it('stores an e-mail pin normalized, matching the value the records carry, and refuses one that is no address', async () => {
    const pinned = await pin('EMAIL', '  Ada.Lovelace@EXAMPLE.com ');
    expect(pinned.body.errors).toBeUndefined();
    expect(pinned.body.data!.pinValue.emails).toEqual([{ value: 'ada.lovelace@example.com', preferred: true, rule: 'PINNED' }]);
    const bad = await pin('EMAIL', 'ada at example dot com');
    expect(refusal(bad)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: ['value'] } });
    expect(refusal(bad)!.message).not.toContain('ada at example');
  });

  it('reads a phone pin in the country of the customer’s records, stores it in E.164, refuses one that is no number', async () => {
    const pinned = await pin('PHONE', '020 7946 0999');
    expect(pinned.body.errors).toBeUndefined();
    expect(pinned.body.data!.pinValue.phones.find((p) => p.preferred)).toEqual({ value: '+442079460999', preferred: true, rule: 'PINNED' });
    for (const bad of ['call me maybe', '12', '+44 20']) {
      expect(refusal(await pin('PHONE', bad)), bad).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: ['value'] } });
    }
  });

  it('refuses an address pin whose country is not an ISO 3166 code, and writes a known one in capitals', async () => {
    expect(refusal(await pin('ADDRESS', '1 Rue de Rivoli, Paris, 75001, XX'))).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: ['value'] } });
    const pinned = await pin('ADDRESS', '1 Rue de Rivoli, Paris, 75001, fr');
    expect(pinned.body.errors).toBeUndefined();
    expect(pinned.body.data!.pinValue.addresses.find((a) => a.preferred)).toEqual({ value: '1 Rue de Rivoli, Paris, 75001, FR', preferred: true, rule: 'PINNED' });
  });

  it('holds names, organisations and titles to the canonical model’s limits and text rules', async () => {
    expect(refusal(await pin('GIVEN_NAME', 'A'.repeat(201)))).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: ['value'] } });
    expect(refusal(await pin('GIVEN_NAME', 'Ada\u0007'))).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: ['value'] } });
    expect(refusal(await pin('GIVEN_NAME', 'Ada\u202E'))).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: ['value'] } });
    const pinned = await pin('GIVEN_NAME', '  Augusta  ');
    expect(pinned.body.data!.pinValue.givenName).toEqual({ value: 'Augusta', rule: 'PINNED' });
    expect(refusal(await pin('ORGANISATION', 'O'.repeat(301)))).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: ['value'] } });
  });

  it('refuses an empty or blank reason with field reason, before anything is written', async () => {
    const before = await auditCount();
    for (const reason of ['', '   ', '\n\t']) {
      expect(refusal(await pin('GIVEN_NAME', 'Augusta', reason)), JSON.stringify(reason)).toMatchObject({ path: ['pinValue'], extensions: { code: 'BAD_USER_INPUT', field: ['reason'] } });
    }
    const unpin = await app.graphql('mutation($id: ID!) { unpinValue(customerId: $id, attribute: GIVEN_NAME, reason: " ") { recordCount } }', { id }, steward);
    expect(refusal(unpin)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: ['reason'] } });

    await ingestRows(app, LEDGER.name, [{ id: 'l9', given: 'Charles', family: 'Babbage', email: 'charles.babbage@example.com' }]);
    const other = (await customerOfRecord(app, LEDGER.name, 'l9'))!;
    const merge = await app.graphql('mutation($a: ID!, $b: ID!) { mergeCustomers(a: $a, b: $b, reason: "") { mergedAway } }', { a: id, b: other }, steward);
    expect(refusal(merge)).toMatchObject({ path: ['mergeCustomers'], extensions: { code: 'BAD_USER_INPUT', field: ['reason'] } });
    const split = await app.graphql(
      'mutation($id: ID!) { splitCustomer(customerId: $id, records: [{ source: "crm2", sourceRecordId: "c1" }], reason: "  ") { eventIds } }',
      { id },
      steward,
    );
    expect(refusal(split)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: ['reason'] } });
    const different = await app.graphql(
      'mutation { markDifferentPeople(a: { source: "crm2", sourceRecordId: "c1" }, b: { source: "ledger", sourceRecordId: "l9" }, reason: "") { sameCustomer } }',
      {},
      steward,
    );
    expect(refusal(different)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: ['reason'] } });
    // An optional reason may still be left out.
    const withoutReason = await app.graphql(
      'mutation { markDifferentPeople(a: { source: "crm2", sourceRecordId: "c1" }, b: { source: "ledger", sourceRecordId: "l9" }) { sameCustomer } }',
      {},
      steward,
    );
    expect(withoutReason.body.errors).toBeUndefined();

    // Nothing but the ingest and the decision without a reason reached the audit trail.
    expect(await auditCount()).toBe(before + 2);
    expect(await customerOfRecord(app, LEDGER.name, 'l9')).toBe(other);
    expect((await customerView(app, id))!.profile!.givenName).toMatchObject({ value: 'Ada', rule: 'ONLY_VALUE' });
  });
});
