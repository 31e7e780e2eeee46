import { describe, expect, it } from 'vitest';
import type { ConsentDecision } from './consent.ts';
import { customerConsentRow, decideSlot, effectiveConsent } from './effective.ts';
import { consentSuppression, defaultConsentSettings, noConsentFacts } from './export-rule.ts';

let n = 0;
const at = (day: number) => Date.UTC(2024, 0, day);
/** A decision of record `record` (source: its prefix) unless `direct` names a customer. */
function d(partial: Partial<ConsentDecision> & { record?: string; direct?: string; day: number }): ConsentDecision {
  const { record = 'crm|1', direct, day, ...rest } = partial;
  n += 1;
  return {
    id: `d${String(n).padStart(3, '0')}`,
    topic: 'MARKETING',
    channel: 'EMAIL',
    value: 'GRANTED',
    givenAt: at(day),
    receivedAt: at(100) + n,
    source: direct ? 'direct' : record.split('|')[0]!,
    origin: direct ? { kind: 'direct', customerId: direct } : { kind: 'record', recordKey: record },
    evidence: null,
    recordedBy: null,
    ...rest,
  };
}
const email = (decisions: ConsentDecision[]) => decideSlot(decisions, 'MARKETING', 'EMAIL')?.value;

describe('effective consent', () => {
  it('takes the latest by givenAt within a record, not the latest to arrive', () => {
    const newer = d({ value: 'DENIED', day: 10, receivedAt: 1 });
    const olderArrivedLater = d({ value: 'GRANTED', day: 5, receivedAt: 2 });
    expect(email([newer, olderArrivedLater])).toBe('DENIED');
    expect(email([d({ value: 'DENIED', day: 5 }), d({ value: 'GRANTED', day: 10 })])).toBe('GRANTED');
  });

  it('breaks a tie of givenAt towards the restrictive value, then the specific channel, whatever the order given', () => {
    const grant = d({ value: 'GRANTED', day: 7 });
    const deny = d({ value: 'DENIED', day: 7 });
    expect(email([grant, deny])).toBe('DENIED');
    expect(email([deny, grant])).toBe('DENIED');
    const wideDeny = d({ value: 'DENIED', channel: null, day: 7 });
    const specificDeny = d({ value: 'DENIED', day: 7 });
    expect(decideSlot([wideDeny, specificDeny], 'MARKETING', 'EMAIL')?.id).toBe(specificDeny.id);
    expect(decideSlot([specificDeny, wideDeny], 'MARKETING', 'EMAIL')?.id).toBe(specificDeny.id);
  });

  it('applies a purpose-wide decision to every channel, and the later of wide and specific wins', () => {
    const wide = d({ value: 'DENIED', channel: null, day: 10 });
    const smsGrant = d({ value: 'GRANTED', channel: 'SMS', day: 5 });
    expect(decideSlot([wide, smsGrant], 'MARKETING', 'SMS')?.value).toBe('DENIED');
    expect(decideSlot([wide, smsGrant], 'MARKETING', 'POST')?.value).toBe('DENIED');
    const laterSms = d({ value: 'GRANTED', channel: 'SMS', day: 12 });
    expect(decideSlot([wide, laterSms], 'MARKETING', 'SMS')?.value).toBe('GRANTED');
    expect(decideSlot([wide, laterSms], 'MARKETING', 'EMAIL')?.value).toBe('DENIED');
    // The purpose-wide slot reads only purpose-wide decisions.
    expect(decideSlot([laterSms], 'MARKETING', null)).toBeUndefined();
  });

  it('lets a denial of one merged record win over a later grant of another source', () => {
    const crmDeny = d({ record: 'crm|1', value: 'DENIED', day: 5 });
    const emailGrant = d({ record: 'email|9', value: 'GRANTED', day: 20 });
    expect(email([crmDeny, emailGrant])).toBe('DENIED');
    expect(email([emailGrant, crmDeny])).toBe('DENIED');
  });

  it('lets a later grant undo a denial of the same source, or when recorded directly on the customer', () => {
    const deny = d({ record: 'email|1', value: 'DENIED', day: 5 });
    expect(email([deny, d({ record: 'email|2', value: 'GRANTED', day: 20 })])).toBe('GRANTED');
    expect(email([deny, d({ record: 'email|2', value: 'GRANTED', day: 3 })])).toBe('DENIED');
    expect(email([deny, d({ direct: 'cus_1', value: 'GRANTED', day: 20 })])).toBe('GRANTED');
    // A grant must undo every denial: one from another source still stands.
    expect(email([deny, d({ record: 'crm|1', value: 'DENIED', day: 4 }), d({ record: 'email|2', value: 'GRANTED', day: 20 })])).toBe('DENIED');
  });

  it('takes the latest of any stream for analytics', () => {
    const deny = d({ record: 'crm|1', topic: 'ANALYTICS', channel: null, value: 'DENIED', day: 5 });
    const grant = d({ record: 'web|1', topic: 'ANALYTICS', channel: null, value: 'GRANTED', day: 20 });
    expect(decideSlot([deny, grant], 'ANALYTICS', null)?.value).toBe('GRANTED');
  });

  it('keeps an objection or do-not-sell of any record through a merge, lifted only by its own source or directly', () => {
    const objection = d({ record: 'crm|1', topic: 'OBJECTION', channel: null, value: 'RAISED', day: 5 });
    const liftedElsewhere = d({ record: 'email|1', topic: 'OBJECTION', channel: null, value: 'LIFTED', day: 30 });
    const row = customerConsentRow(effectiveConsent([objection, liftedElsewhere, d({ record: 'email|1', day: 30 })]));
    expect(row.objection).toBe(true);
    expect(row.granted).toContain('MARKETING:EMAIL');
    expect(consentSuppression(row, 'EMAIL', { thirdParty: false }, defaultConsentSettings)).toBe('objection');
    const lifted = d({ direct: 'cus_1', topic: 'OBJECTION', channel: null, value: 'LIFTED', day: 31 });
    expect(customerConsentRow(effectiveConsent([objection, lifted])).objection).toBe(false);
    const dns = d({ record: 'crm|1', topic: 'DO_NOT_SELL', channel: null, value: 'RAISED', day: 5 });
    expect(customerConsentRow(effectiveConsent([dns, d({ record: 'email|1', topic: 'DO_NOT_SELL', channel: null, value: 'LIFTED', day: 9 })])).doNotSell).toBe(true);
  });

  it('computes the same from decisions in any order', () => {
    const decisions = [
      d({ record: 'crm|1', value: 'DENIED', channel: null, day: 3 }),
      d({ record: 'email|1', value: 'GRANTED', day: 9 }),
      d({ direct: 'cus_1', value: 'GRANTED', channel: 'SMS', day: 11 }),
      d({ record: 'crm|1', topic: 'THIRD_PARTY_SHARING', channel: null, value: 'GRANTED', day: 4 }),
    ];
    const expected = effectiveConsent(decisions);
    expect(effectiveConsent([...decisions].reverse())).toEqual(expected);
    expect(customerConsentRow(expected).denied).toEqual(['MARKETING:*', 'MARKETING:EMAIL', 'MARKETING:PHONE', 'MARKETING:POST']);
    expect(customerConsentRow(expected).granted).toEqual(['MARKETING:SMS', 'THIRD_PARTY_SHARING:*', 'THIRD_PARTY_SHARING:EMAIL', 'THIRD_PARTY_SHARING:SMS', 'THIRD_PARTY_SHARING:PHONE', 'THIRD_PARTY_SHARING:POST']);
  });
});

describe('consent in exports', () => {
  const granted = { ...noConsentFacts, granted: ['MARKETING:EMAIL', 'THIRD_PARTY_SHARING:EMAIL'] };
  it('leaves out no decision, a denial, an objection and, for a third party, do-not-sell, with the reason', () => {
    const internal = { thirdParty: false };
    expect(consentSuppression(noConsentFacts, 'EMAIL', internal, defaultConsentSettings)).toBe('consent:marketing:email:none');
    expect(consentSuppression(noConsentFacts, 'EMAIL', internal, { marketingWithoutDecision: 'allow' })).toBeNull();
    expect(consentSuppression({ ...noConsentFacts, denied: ['MARKETING:SMS'] }, 'SMS', internal, { marketingWithoutDecision: 'allow' })).toBe('consent:marketing:sms:denied');
    expect(consentSuppression(granted, 'EMAIL', internal, defaultConsentSettings)).toBeNull();
    expect(consentSuppression({ ...granted, objection: true }, 'EMAIL', internal, defaultConsentSettings)).toBe('objection');
    expect(consentSuppression({ ...granted, doNotSell: true }, 'EMAIL', internal, defaultConsentSettings)).toBeNull();
    expect(consentSuppression({ ...granted, doNotSell: true }, 'EMAIL', { thirdParty: true }, defaultConsentSettings)).toBe('do-not-sell');
    expect(consentSuppression(granted, 'EMAIL', { thirdParty: true }, defaultConsentSettings)).toBeNull();
    expect(consentSuppression({ ...granted, granted: ['MARKETING:EMAIL'] }, 'EMAIL', { thirdParty: true }, defaultConsentSettings)).toBe('consent:third_party_sharing:email:none');
  });
});
