import { describe, expect, it } from 'vitest';
import { convert, convertNoting, issuePaths, sample } from './adapter-test-support.ts';
import { emailMarketingAdapter } from './email-marketing.adapter.ts';

describe('emailMarketingAdapter', () => {
  it('maps a subscriber and drops a birthday without a year', () => {
    const record = convert(emailMarketingAdapter, sample('email', 0));
    expect(record).toEqual({
      source: 'email',
      sourceRecordId: 'b1e6f0c2a9',
      updatedAt: '2024-02-20T11:00:00+00:00',
      person: {
        names: [{ given: 'Ada', family: 'Fernwright' }],
        emails: ['ada.fernwright@example.com'],
        phones: [],
      },
      interactions: [],
      consents: [{ purpose: 'MARKETING', channel: 'EMAIL', status: 'GRANTED', givenAt: '2024-02-20T11:00:00+00:00' }],
    });
    expect(record.person?.dateOfBirth).toBeUndefined();
  });

  it('maps an event to an email_event via the email address, with no person, referencing the campaign and not the URL', () => {
    const record = convert(emailMarketingAdapter, sample('email', 1));
    expect(record).toEqual({
      source: 'email',
      sourceRecordId: 'ev-0042',
      updatedAt: '2024-03-02T08:15:30Z',
      interactions: [
        {
          type: 'email_event',
          id: 'ev-0042',
          occurredAt: '2024-03-02T08:15:30Z',
          subtype: 'click',
          reference: 'cmp-spring-24',
          via: { type: 'email', value: 'ada.fernwright@example.com' },
        },
      ],
    });
    expect(JSON.stringify(record)).not.toContain('e=ada');
  });

  it('hangs every action off the email address, never a person', () => {
    for (const action of ['sent', 'open', 'click', 'bounce', 'unsubscribe']) {
      const record = convert(emailMarketingAdapter, sample('email', 1, { action }));
      expect(record.person).toBeUndefined();
      expect(record.interactions).toEqual([
        expect.objectContaining({ subtype: action, via: { type: 'email', value: 'ada.fernwright@example.com' } }),
      ]);
    }
  });

  it('maps the status to a marketing decision on EMAIL, given at the opt-in time, with the list as evidence', () => {
    const subscribed = convert(emailMarketingAdapter, sample('email', 0, { timestamp_opt: '2024-01-05T09:00:00+00:00', list_id: 'aud42' }));
    expect(subscribed.consents).toEqual([{ purpose: 'MARKETING', channel: 'EMAIL', status: 'GRANTED', givenAt: '2024-01-05T09:00:00+00:00', evidence: 'list:aud42' }]);
    const unsubscribed = convert(emailMarketingAdapter, sample('email', 0, { status: 'unsubscribed' }));
    expect(unsubscribed.consents).toEqual([{ purpose: 'MARKETING', channel: 'EMAIL', status: 'DENIED', givenAt: '2024-02-20T11:00:00+00:00' }]);
    for (const status of ['pending', 'cleaned', 'transactional']) expect(convert(emailMarketingAdapter, sample('email', 0, { status })).consents).toEqual([]);
  });

  it('leaves out a consent with a malformed opt-in time as a data-quality issue, keeping the subscriber', () => {
    const { record, problems } = convertNoting(emailMarketingAdapter, sample('email', 0, { timestamp_opt: 'last tuesday' }));
    expect(record.consents).toEqual([]);
    expect(record.person?.emails).toEqual(['ada.fernwright@example.com']);
    expect(problems).toEqual([expect.objectContaining({ field: ['payload', 'timestamp_opt'], code: 'INVALID_CONSENT' })]);
    expect(problems[0]!.reason).not.toContain('last tuesday');
  });

  it('accepts a subscriber without merge fields', () => {
    const record = convert(emailMarketingAdapter, sample('email', 0, { merge_fields: undefined }));
    expect(record.person?.names).toEqual([]);
  });

  it('rejects an unknown action, an unknown record type and a timestamp in another format', () => {
    expect(issuePaths(emailMarketingAdapter, sample('email', 1, { action: 'forward' }))).toEqual([['action']]);
    expect(issuePaths(emailMarketingAdapter, sample('email', 1, { record_type: 'campaign' }))).toEqual([
      ['record_type'],
    ]);
    expect(issuePaths(emailMarketingAdapter, sample('email', 1, { timestamp: '2024-03-02T08:15:30Z' }))).toEqual([
      ['timestamp'],
    ]);
  });

  it('throws a client-safe error for an impossible event time', () => {
    const payload = emailMarketingAdapter.payloadSchema.parse(sample('email', 1, { timestamp: '2024-03-02 25:15:30' }));
    expect(() => emailMarketingAdapter.toCanonical(payload, { source: 'email', defaultCountry: undefined })).toThrow(
      expect.objectContaining({ clientMessage: 'payload.timestamp is not a valid date', field: ['payload', 'timestamp'] }),
    );
  });
});
