import { describe, expect, it } from 'vitest';
import { convert, issuePaths, sample } from './adapter-test-support.ts';
import { supportAdapter } from './support.adapter.ts';

const ticketWith = (changes: Record<string, unknown>) => {
  const payload = sample('support', 0) as { ticket: Record<string, unknown> };
  return { ticket: { ...payload.ticket, ...changes } };
};

describe('supportAdapter', () => {
  it('maps the requester to the record and the ticket to an interaction, without its subject', () => {
    const record = convert(supportAdapter, sample('support', 0));
    expect(record).toEqual({
      source: 'support',
      sourceRecordId: '9001',
      updatedAt: '2024-03-08T08:00:00Z',
      person: {
        names: [{ full: 'Ada Fernwright' }],
        emails: ['ada.fernwright@example.com'],
        phones: ['+44 20 7946 0012'],
      },
      interactions: [
        {
          type: 'ticket',
          id: '35436',
          occurredAt: '2024-03-07T10:15:00Z',
          subtype: 'complaint',
          status: 'open',
          reference: 'https://example.zendesk.com/api/v2/tickets/35436.json',
        },
      ],
    });
    expect(JSON.stringify(record)).not.toContain('parcel');
  });

  it('falls back to the ticket id as reference and accepts a requester without email', () => {
    expect(convert(supportAdapter, sample('support', 1))).toEqual({
      source: 'support',
      sourceRecordId: '9057',
      updatedAt: '2024-03-09T16:30:00-05:00',
      person: { names: [{ full: 'Cyrus Oakbridge' }], emails: [], phones: ['+1 202 555 0142'] },
      interactions: [
        {
          type: 'ticket',
          id: '35501',
          occurredAt: '2024-03-09T15:00:00-05:00',
          subtype: 'question',
          status: 'solved',
          reference: 'ticket:35501',
        },
      ],
    });
  });

  it('accepts ids sent as numeric strings', () => {
    const record = convert(supportAdapter, ticketWith({ id: '35436', category: null }));
    expect(record.interactions?.[0]).toMatchObject({ id: '35436', subtype: undefined });
  });

  it('rejects a ticket without requester id, or with an unknown status or a free-text category', () => {
    const requester = { name: 'Ada Fernwright', email: 'ada.fernwright@example.com' };
    expect(issuePaths(supportAdapter, ticketWith({ requester }))).toEqual([['ticket', 'requester', 'id']]);
    expect(issuePaths(supportAdapter, ticketWith({ status: 'escalated' }))).toEqual([['ticket', 'status']]);
    expect(issuePaths(supportAdapter, ticketWith({ category: 'call me on 020 7946 0000' }))).toEqual([
      ['ticket', 'category'],
    ]);
  });

  it('rejects an impossible timestamp', () => {
    expect(issuePaths(supportAdapter, ticketWith({ created_at: '2024-02-30T10:00:00Z' }))).toEqual([
      ['ticket', 'created_at'],
    ]);
  });
});
