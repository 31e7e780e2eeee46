import { describe, expect, it } from 'vitest';
import { convert, issueMessages, issuePaths, sample } from './adapter-test-support.ts';
import { webAnalyticsAdapter } from './web-analytics.adapter.ts';

describe('webAnalyticsAdapter', () => {
  it('keeps an anonymous page view off any person, hanging off the cookie, without the query string', () => {
    expect(convert(webAnalyticsAdapter, sample('web', 0))).toEqual({
      source: 'web',
      sourceRecordId: 'msg-7f3a1c',
      updatedAt: '2024-03-04T19:01:00.120Z',
      interactions: [
        {
          type: 'web_event',
          id: 'msg-7f3a1c',
          occurredAt: '2024-03-04T19:01:00.120Z',
          subtype: 'page_view',
          reference: '/',
          via: { type: 'cookie', value: 'ck-5b2e9d41' },
        },
      ],
    });
  });

  it('ties the cookie to the logged-in user on identify', () => {
    expect(convert(webAnalyticsAdapter, sample('web', 1))).toEqual({
      source: 'web',
      sourceRecordId: 'u-48213',
      updatedAt: '2024-03-04T19:03:12.500Z',
      person: {
        names: [{ given: 'Ada', family: 'Fernwright' }],
        emails: ['ada.fernwright@example.com'],
        phones: ['+44 20 7946 0012'],
        identifiers: [
          { type: 'user_id', value: 'u-48213' },
          { type: 'cookie', value: 'ck-5b2e9d41' },
        ],
      },
      interactions: [
        { type: 'web_event', id: 'msg-7f3a2d', occurredAt: '2024-03-04T19:03:12.500Z', subtype: 'identify' },
      ],
    });
  });

  it('uses the mobile device id and names a product view after the product', () => {
    expect(convert(webAnalyticsAdapter, sample('web', 2)).interactions).toEqual([
      {
        type: 'web_event',
        id: 'msg-9c41e0',
        occurredAt: '2024-03-05T07:30:00Z',
        subtype: 'product_view',
        category: 'Tea',
        reference: 'product:SKU-TEA-01',
        via: { type: 'device', value: 'dev-IOS-6F2C' },
      },
    ]);
  });

  it('hangs a logged-in track event off the user id with no person, and snake-cases unknown events', () => {
    const payload = sample('web', 0, {
      type: 'track',
      event: 'Wishlist Shared!',
      userId: 'u-48213',
      properties: { url: 'https://shop.example.com/wishlist?email=ada.fernwright%40example.com#top' },
    });
    expect(convert(webAnalyticsAdapter, payload)).toEqual({
      source: 'web',
      sourceRecordId: 'msg-7f3a1c',
      updatedAt: '2024-03-04T19:01:00.120Z',
      interactions: [
        {
          type: 'web_event',
          id: 'msg-7f3a1c',
          occurredAt: '2024-03-04T19:01:00.120Z',
          subtype: 'wishlist_shared',
          reference: '/wishlist',
          via: { type: 'user_id', value: 'u-48213' },
        },
      ],
    });
  });

  it('hangs a logged-in page or screen view off the user id, not the cookie or device', () => {
    expect(convert(webAnalyticsAdapter, sample('web', 0, { userId: 'u-48213' }))).toEqual({
      source: 'web',
      sourceRecordId: 'msg-7f3a1c',
      updatedAt: '2024-03-04T19:01:00.120Z',
      interactions: [
        {
          type: 'web_event',
          id: 'msg-7f3a1c',
          occurredAt: '2024-03-04T19:01:00.120Z',
          subtype: 'page_view',
          reference: '/',
          via: { type: 'user_id', value: 'u-48213' },
        },
      ],
    });
    const screen = sample('web', 2, { type: 'screen', event: undefined, name: 'Basket', userId: 'u-48213' });
    expect(convert(webAnalyticsAdapter, screen)).toEqual({
      source: 'web',
      sourceRecordId: 'msg-9c41e0',
      updatedAt: '2024-03-05T07:30:00Z',
      interactions: [
        {
          type: 'web_event',
          id: 'msg-9c41e0',
          occurredAt: '2024-03-05T07:30:00Z',
          subtype: 'screen_view',
          category: 'Tea',
          reference: 'product:SKU-TEA-01',
          via: { type: 'user_id', value: 'u-48213' },
        },
      ],
    });
  });

  it('ties a device to the user on a mobile identify, naming the user by a full name', () => {
    const payload = sample('web', 2, {
      type: 'identify',
      event: undefined,
      properties: undefined,
      userId: 'u-48213',
      traits: { name: 'Ada Fernwright' },
    });
    expect(convert(webAnalyticsAdapter, payload)).toEqual({
      source: 'web',
      sourceRecordId: 'u-48213',
      updatedAt: '2024-03-05T07:30:00Z',
      person: {
        names: [{ full: 'Ada Fernwright' }],
        emails: [],
        phones: [],
        identifiers: [
          { type: 'user_id', value: 'u-48213' },
          { type: 'device', value: 'dev-IOS-6F2C' },
        ],
      },
      interactions: [{ type: 'web_event', id: 'msg-9c41e0', occurredAt: '2024-03-05T07:30:00Z', subtype: 'identify' }],
    });
  });

  it('keeps an identify without a user id anonymous, off the cookie', () => {
    expect(convert(webAnalyticsAdapter, sample('web', 1, { userId: undefined }))).toEqual({
      source: 'web',
      sourceRecordId: 'msg-7f3a2d',
      updatedAt: '2024-03-04T19:03:12.500Z',
      interactions: [
        {
          type: 'web_event',
          id: 'msg-7f3a2d',
          occurredAt: '2024-03-04T19:03:12.500Z',
          subtype: 'identify',
          via: { type: 'cookie', value: 'ck-5b2e9d41' },
        },
      ],
    });
  });

  it('rejects an event nobody could be tied to', () => {
    const payload = sample('web', 0, { anonymousId: undefined });
    expect(issuePaths(webAnalyticsAdapter, payload)).toEqual([['anonymousId']]);
    expect(issueMessages(webAnalyticsAdapter, payload)).toEqual([
      'An event needs a userId, an anonymousId or a context.device.id',
    ]);
  });

  it('rejects a track event without a name, an unknown type and a timestamp without offset', () => {
    expect(issuePaths(webAnalyticsAdapter, sample('web', 2, { event: undefined }))).toEqual([['event']]);
    expect(issuePaths(webAnalyticsAdapter, sample('web', 0, { type: 'alias' }))).toEqual([['type']]);
    expect(issuePaths(webAnalyticsAdapter, sample('web', 0, { timestamp: '2024-03-04T19:01:00' }))).toEqual([
      ['timestamp'],
    ]);
  });
});
