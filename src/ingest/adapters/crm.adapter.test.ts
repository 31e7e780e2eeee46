import { describe, expect, it } from 'vitest';
import { DomainError } from '../../errors/domain-error.ts';
import { convert, convertNoting, issuePaths, sample } from './adapter-test-support.ts';
import { crmAdapter } from './crm.adapter.ts';

describe('crmAdapter', () => {
  it('maps a Salesforce-like contact to the canonical record', () => {
    expect(convert(crmAdapter, sample('crm', 0))).toEqual({
      source: 'crm',
      sourceRecordId: '0035g00000AdaFeAAB',
      updatedAt: '2024-03-05T14:22:10.000+00:00',
      person: {
        names: [{ given: 'Ada', middle: 'Maud', family: 'Fernwright' }],
        emails: ['ada.fernwright@example.com', 'ada.f@example.org'],
        phones: ['+44 20 7946 0012', '+44 20 7946 0011'],
        addresses: [
          { lines: ['12 Quillfeather Lane', 'Flat 3'], city: 'London', postcode: 'SW1A 1AA', country: 'GB' },
        ],
        dateOfBirth: '1985-12-10',
        organisation: 'Fernwright Analytical Engines Ltd',
        title: 'Head of Computation',
        identifiers: [{ type: 'loyalty_number', value: 'LC-100234' }],
      },
      interactions: [],
      consents: [],
    });
  });

  it('drops nulls and blanks, maps USA to US and keeps a negative offset', () => {
    expect(convert(crmAdapter, sample('crm', 1))).toEqual({
      source: 'crm',
      sourceRecordId: '0035g00000CyOakAAB',
      updatedAt: '2024-02-29T23:59:59.000-05:00',
      person: {
        names: [{ given: 'Cyrus', family: 'Oakbridge' }],
        emails: ['cyrus.oakbridge@example.org'],
        phones: ['+1 202 555 0142'],
        addresses: [{ lines: ['400 Placeholder Ave'], city: 'Washington', region: 'DC', postcode: '20001', country: 'US' }],
        identifiers: [],
      },
      interactions: [],
      consents: [],
    });
  });

  it('leaves an unrecognized country out, as a data-quality problem', () => {
    const { record, problems } = convertNoting(crmAdapter, sample('crm', 1, { MailingCountry: 'Atlantis' }));
    expect(record.person?.addresses?.[0]?.country).toBeUndefined();
    expect(problems).toEqual([{ field: ['payload', 'MailingCountry'], code: 'INVALID_COUNTRY', reason: expect.any(String), raw: 'Atlantis' }]);
  });

  it('rejects a contact without LastName or with a malformed id', () => {
    expect(issuePaths(crmAdapter, sample('crm', 0, { LastName: undefined }))).toEqual([['LastName']]);
    expect(issuePaths(crmAdapter, sample('crm', 0, { Id: 'not an id' }))).toEqual([['Id']]);
    expect(issuePaths(crmAdapter, sample('crm', 0, { LastModifiedDate: '05/03/2024' }))).toEqual([['LastModifiedDate']]);
  });

  // Bug: a contact whose birth date did not parse ("19081309") was rejected whole, and its
  // e-mails never reached resolution.
  it.each([
    ['19081309', 'is not a date as YYYY-MM-DD'],
    ['1985-02-30', 'is not a day of the calendar'],
  ])('keeps a contact whose birth date is %s, without the date, and notes the problem', (Birthdate, reason) => {
    const { record, problems } = convertNoting(crmAdapter, sample('crm', 0, { Birthdate }));
    expect(record.person?.dateOfBirth).toBeUndefined();
    expect(record.person?.emails).toEqual(['ada.fernwright@example.com', 'ada.f@example.org']);
    expect(problems).toEqual([{ field: ['payload', 'Birthdate'], code: 'INVALID_DATE', reason, raw: Birthdate }]);
  });

  it('leaves out malformed e-mails and phones, keeping the good ones beside them', () => {
    const { record, problems } = convertNoting(crmAdapter, sample('crm', 0, { AlternateEmail__c: 'ada at example', HomePhone: 'ask reception' }));
    expect(record.person?.emails).toEqual(['ada.fernwright@example.com']);
    expect(record.person?.phones).toEqual(['+44 20 7946 0012', '+44 20 7946 0011']);
    expect(problems.map((p) => [p.field.join('.'), p.code])).toEqual([
      ['payload.AlternateEmail__c', 'INVALID_EMAIL'],
      ['payload.HomePhone', 'INVALID_PHONE'],
    ]);
  });

  it('throws for an impossible modification time that matches the format', () => {
    const payload = crmAdapter.payloadSchema.parse(sample('crm', 0, { LastModifiedDate: '2023-02-29T10:00:00.000+0000' }));
    expect(() => crmAdapter.toCanonical(payload, { source: 'crm', defaultCountry: undefined })).toThrow(DomainError);
  });
});
