import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptingCodec, keyRing } from '../src/privacy/encrypting-codec.ts';
import { CRM, customerOfRecord, ingestRows, resetWithGoldenSources } from './support/golden-sources.ts';
import { bearer, startTestApp, type TestApp } from './support/test-app.ts';

// The first part of field-level encryption: values through the codec are AES-256-GCM and
// identifiers are found by a keyed hash. Blocking keys, search tokens and segment
// properties are derived outside the codec and still hold names (the privacy issue's next part).
describe('with the encrypting codec', () => {
  let app: TestApp;
  const steward = bearer('enc-steward', 'steward');
  const ring = keyRing('k1', new Map([['k1', randomBytes(32)]]), randomBytes(32));

  beforeAll(async () => {
    app = await startTestApp({ serviceOptions: { codec: encryptingCodec(ring) } });
    await resetWithGoldenSources(app);
    await ingestRows(app, CRM.name, [
      { id: 'e1', given: 'Philippa', family: 'Quennell', email: 'Philippa.Quennell@Example.com', phone: '+44 20 7946 0461', dob: '1979-04-02', street: '7 Larkspur Lane', city: 'Harrogate', postcode: 'HG1 2AB' },
      { id: 'e2', given: 'Philippa', family: 'Quennell', email: 'philippa.quennell@example.com', dob: '1979-04-02' },
    ]);
  });
  afterAll(async () => app?.stop());

  it('finds the customer by e-mail and phone, resolves both records into one, and reads the values back', async () => {
    const id = await customerOfRecord(app, CRM.name, 'e1');
    expect(await customerOfRecord(app, CRM.name, 'e2')).toBe(id);
    for (const [type, value] of [['EMAIL', ' PHILIPPA.QUENNELL@example.com'], ['PHONE', '020 7946 0461']]) {
      const res = await app.graphql<{ customerByIdentifier: { id: string; profile: { fullName: { value: string }; emails: Array<{ value: string }> } } }>(
        'query($t: IdentifierType!, $v: String!) { customerByIdentifier(type: $t, value: $v) { id profile { fullName { value } emails { value } } } }',
        { t: type, v: value },
        steward,
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.customerByIdentifier).toEqual({ id, profile: { fullName: { value: 'Philippa Quennell' }, emails: [{ value: 'philippa.quennell@example.com' }] } });
    }
  });

  it('keeps identifiers, source records and golden records free of the values in clear', async () => {
    const rows = await app.executor.readRows<{ props: Record<string, unknown> }>(
      `MATCH (n) WHERE n:Identifier OR n:SourceRecord OR n:Customer RETURN properties(n) AS props`,
    );
    const clear = /quennell|philippa|7946\s?0461|1979-04-02|larkspur/i;
    // Properties derived outside the codec (blocking keys, search tokens, segment properties) are the next part.
    const derived = /^(blockingKeys|searchNames|searchSounds|searchPostcodes|searchDob|segment[A-Z].*)$/;
    const leaks = rows.flatMap(({ props }) => Object.entries(props).filter(([name, value]) => !derived.test(name) && clear.test(JSON.stringify(value))).map(([name]) => name));
    expect(leaks).toEqual([]);
    expect(rows.length).toBeGreaterThan(3);
  });
});
