import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors/domain-error.ts';
import { decodeCursor, encodeCursor, MAX_TIMELINE_PAGE, timelineRequest } from './timeline.ts';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return isDomainError(error) ? { code: error.code, field: error.field } : error;
  }
  return null;
};

describe('timeline requests', () => {
  it('a cursor is the position it was made from', () => {
    const position = { occurredAt: 1_709_578_800_000, key: 'webshop|order|1001' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('asks for one more than the page, so a next page is known without a count', () => {
    expect(timelineRequest('cus_1', {}).limit).toBe(21);
    expect(timelineRequest('cus_1', { first: 5 }).limit).toBe(6);
  });

  it('every bound is set: no cursor means after the end of time, no window the whole of it, no types every type', () => {
    const r = timelineRequest('cus_1', {});
    expect(r.beforeAt).toBeGreaterThan(Date.parse('9999-12-31T00:00:00Z'));
    expect(r.from).toBeLessThan(0);
    expect(r.to).toBe(r.beforeAt);
    expect(r.types).toEqual(['order', 'invoice', 'ticket', 'email_event', 'web_event']);
    expect(r.channels).toBeNull();
  });

  it('a cursor, a window, types and channels narrow the page', () => {
    const after = encodeCursor({ occurredAt: 500, key: 'k' });
    const r = timelineRequest('cus_1', { after, from: '2024-01-01T00:00:00.000Z', to: '2024-02-01T00:00:00.000Z', types: ['order', 'order'], channels: ['web_shop'] });
    expect(r).toMatchObject({ beforeAt: 500, beforeKey: 'k', from: Date.parse('2024-01-01T00:00:00Z'), to: Date.parse('2024-02-01T00:00:00Z'), types: ['order'], channels: ['web_shop'] });
  });

  it('refuses a page over the cap, a cursor it did not make and a window that ends before it starts, naming the argument', () => {
    expect(refusal(() => timelineRequest('c', { first: MAX_TIMELINE_PAGE + 1 }))).toEqual({ code: 'BAD_USER_INPUT', field: ['first'] });
    expect(refusal(() => timelineRequest('c', { first: -1 }))).toEqual({ code: 'BAD_USER_INPUT', field: ['first'] });
    expect(refusal(() => timelineRequest('c', { after: 'not-a-cursor' }))).toEqual({ code: 'BAD_USER_INPUT', field: ['after'] });
    expect(refusal(() => timelineRequest('c', { after: Buffer.from('[1.5,"k"]').toString('base64url') }))).toEqual({ code: 'BAD_USER_INPUT', field: ['after'] });
    expect(refusal(() => timelineRequest('c', { from: '2024-02-01T00:00:00Z', to: '2024-01-01T00:00:00Z' }))).toEqual({ code: 'BAD_USER_INPUT', field: ['from'] });
  });
});
