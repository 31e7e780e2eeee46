import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultSurvivorshipConfig } from '../src/golden/survivorship-config.ts';
import { CRM, LEDGER, customerOfRecord, customerView, ingestRows, resetWithGoldenSources } from './support/golden-sources.ts';
import { bearer, startTestApp, type TestApp } from './support/test-app.ts';

const survivorship = { ...defaultSurvivorshipConfig(), legalNameSources: [LEDGER.name] };

describe('golden records', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ serviceOptions: { survivorship } });
  });
  beforeEach(() => resetWithGoldenSources(app));
  afterAll(async () => app.stop());

  it('takes names from the more trusted source even when it is older, and phones from the most recent record', async () => {
    await ingestRows(app, CRM.name, [{ id: 'c1', given: 'Katherine', family: 'Oduya', email: 'kate.oduya@example.com', phone: '020 7946 0001', updated: '2024-03-01T00:00:00Z' }]);
    await ingestRows(app, LEDGER.name, [{ id: 'l1', given: 'Kate', family: 'Oduya-Smith', email: 'kate.oduya@example.com', phone: '020 7946 0002', updated: '2024-01-01T00:00:00Z' }]);
    const id = (await customerOfRecord(app, CRM.name, 'c1'))!;
    expect(await customerOfRecord(app, LEDGER.name, 'l1')).toBe(id);

    const profile = (await customerView(app, id))!.profile!;
    expect(profile.familyName).toEqual({
      value: 'Oduya-Smith',
      rule: 'SOURCE_PRIORITY',
      candidates: 2,
      from: { source: LEDGER.name, sourceRecordId: 'l1', sourceUpdatedAt: '2024-01-01T00:00:00.000Z' },
    });
    expect(profile.givenName).toMatchObject({ value: 'Kate', rule: 'SOURCE_PRIORITY' });
    // Both phones are kept with their source; the most recent one is preferred.
    expect(profile.phones.map((p) => [p.value, p.preferred, p.sources.map((s) => s.source)])).toEqual([
      ['+442079460001', true, [CRM.name]],
      ['+442079460002', false, [LEDGER.name]],
    ]);
    expect(profile.phones[0]!.rule).toBe('MOST_RECENT');
    expect(profile.emails).toEqual([
      expect.objectContaining({ value: 'kate.oduya@example.com', preferred: true, sources: expect.arrayContaining([{ source: CRM.name, sourceRecordId: 'c1' }, { source: LEDGER.name, sourceRecordId: 'l1' }]) }),
    ]);
    expect(profile.recordCount).toBe(2);
  });

  it('follows the source clock: a newer version wins, an older one arriving later changes nothing', async () => {
    await ingestRows(app, LEDGER.name, [{ id: 'l1', given: 'Kate', family: 'Oduya', email: 'k.o@example.com', phone: '020 7946 0002', updated: '2024-01-01T00:00:00Z' }]);
    await ingestRows(app, CRM.name, [{ id: 'c1', given: 'Katherine', family: 'Oduya', email: 'k.o@example.com', phone: '020 7946 0001', updated: '2024-02-01T00:00:00Z' }]);
    await ingestRows(app, LEDGER.name, [{ id: 'l1', given: 'Katie', family: 'Oduya', email: 'k.o@example.com', phone: '020 7946 0003', updated: '2024-06-01T00:00:00Z' }]);
    // Out of order: an older ledger version and an older CRM version arrive last.
    await ingestRows(app, LEDGER.name, [{ id: 'l1', given: 'Kat', family: 'Oduya', email: 'k.o@example.com', phone: '020 7946 0004', updated: '2024-01-15T00:00:00Z' }]);
    const id = (await customerOfRecord(app, CRM.name, 'c1'))!;
    const profile = (await customerView(app, id))!.profile!;
    expect(profile.givenName).toMatchObject({ value: 'Katie', from: { source: LEDGER.name, sourceRecordId: 'l1', sourceUpdatedAt: '2024-06-01T00:00:00.000Z' } });
    expect(profile.phones.find((p) => p.preferred)).toMatchObject({ value: '+442079460003', rule: 'MOST_RECENT' });
    expect(profile.phones.map((p) => p.value)).not.toContain('+442079460004');
    expect(profile.phones.map((p) => p.value)).not.toContain('+442079460002');
  });

  it('keeps every value of a non-collapsible field with its source: customer numbers, tax ids, legal names', async () => {
    await ingestRows(app, LEDGER.name, [{ id: 'l1', given: 'Ada', family: 'Fernwright', email: 'ada.f@example.com', customerNo: 'L-200', taxId: 'GB123' }]);
    await ingestRows(app, CRM.name, [{ id: 'c1', given: 'Ada', family: 'Fernwright-Lowe', email: 'ada.f@example.com', customerNo: 'C-100', taxId: 'GB999', updated: '2025-01-01T00:00:00Z' }]);
    const id = (await customerOfRecord(app, CRM.name, 'c1'))!;
    expect(await customerOfRecord(app, LEDGER.name, 'l1')).toBe(id);
    const profile = (await customerView(app, id))!.profile!;
    const kept = (type: string) => profile.identifiers.filter((i) => i.type === type).map((i) => [i.value, i.sources.map((s) => s.sourceRecordId)]).sort();
    expect(kept('customer_number')).toEqual([['C100', ['c1']], ['L200', ['l1']]]);
    expect(kept('tax_id')).toEqual([['GB123', ['l1']], ['GB999', ['c1']]]);
    // Only the ledger gives legal names; the CRM's newer family name never replaces it.
    expect(profile.legalNames).toEqual([{ type: 'legal_name', value: 'Ada Fernwright', sources: [{ source: LEDGER.name, sourceRecordId: 'l1' }] }]);
  });

  it('updates the golden record in the ingest transaction: the read right after the call sees it', async () => {
    await ingestRows(app, CRM.name, [{ id: 'c1', given: 'Ola', family: 'Nordmann', email: 'ola@example.com', updated: '2024-01-01T00:00:00Z' }]);
    const id = (await customerOfRecord(app, CRM.name, 'c1'))!;
    for (const [n, family] of ['Nordmann-Berg', 'Berg', 'Bergh'].entries()) {
      await ingestRows(app, CRM.name, [{ id: 'c1', given: 'Ola', family, email: 'ola@example.com', updated: `2024-0${n + 2}-01T00:00:00Z` }]);
      expect((await customerView(app, id))!.profile!.familyName?.value).toBe(family);
    }
  });

  it('lets a steward pin a value that wins over the rules until unpinned, and keeps the attribute history', async () => {
    await ingestRows(app, LEDGER.name, [{ id: 'l1', given: 'Robert', family: 'Tables', email: 'bobby@example.com' }]);
    const id = (await customerOfRecord(app, LEDGER.name, 'l1'))!;
    const steward = bearer('steward-7', 'steward');
    const pin = await app.graphql<{ pinValue: { givenName: { value: string; rule: string; from: unknown } } }>(
      'mutation($id: ID!) { pinValue(customerId: $id, attribute: GIVEN_NAME, value: "Bobby", reason: "asked by the customer") { givenName { value rule from { source } } } }',
      { id },
      steward,
    );
    expect(pin.body.data?.pinValue.givenName).toEqual({ value: 'Bobby', rule: 'PINNED', from: null });
    // A more trusted, newer value arrives: the pin still wins.
    await ingestRows(app, LEDGER.name, [{ id: 'l1', given: 'Rob', family: 'Tables', email: 'bobby@example.com', updated: '2025-01-01T00:00:00Z' }]);
    expect((await customerView(app, id))!.profile!.givenName).toMatchObject({ value: 'Bobby', rule: 'PINNED' });

    const unpin = await app.graphql('mutation($id: ID!) { unpinValue(customerId: $id, attribute: GIVEN_NAME, reason: "resolved") { givenName { value rule } } }', { id }, steward);
    expect(unpin.body.data).toEqual({ unpinValue: { givenName: { value: 'Rob', rule: 'ONLY_VALUE' } } });

    const history = await app.graphql<{ attributeHistory: Array<{ value: string; rule: string; source: string | null; sourceRecordId: string | null; actor: string }> }>(
      'query($id: ID!) { attributeHistory(customerId: $id, attribute: GIVEN_NAME) { value rule source sourceRecordId actor } }',
      { id },
    );
    expect(history.body.data?.attributeHistory).toEqual([
      { value: 'Robert', rule: 'ONLY_VALUE', source: LEDGER.name, sourceRecordId: 'l1', actor: 'test-admin' },
      { value: 'Bobby', rule: 'PINNED', source: null, sourceRecordId: null, actor: 'steward-7' },
      { value: 'Rob', rule: 'ONLY_VALUE', source: LEDGER.name, sourceRecordId: 'l1', actor: 'steward-7' },
    ]);
  });

  it('refuses a pin on an unknown attribute value shape or customer with a coded error and the field path', async () => {
    const res = await app.graphql('mutation { pinValue(customerId: "cus_nobody", attribute: EMAIL, value: "x@example.com", reason: "r") { recordCount } }');
    expect(res.body.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND', field: ['customerId'] }, path: ['pinValue'] });
    await ingestRows(app, CRM.name, [{ id: 'c1', given: 'Ada', family: 'Lovelace', email: 'ada@example.com' }]);
    const id = (await customerOfRecord(app, CRM.name, 'c1'))!;
    const empty = await app.graphql('mutation($id: ID!) { pinValue(customerId: $id, attribute: EMAIL, value: "   ", reason: "r") { recordCount } }', { id });
    expect(empty.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: ['value'] } });
    expect(empty.body.errors?.[0]?.message).not.toContain('ada@example.com');
  });
});
