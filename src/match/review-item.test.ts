import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors/domain-error.ts';
import { checkAssignee, customersOfItem, decodeCursor, encodeCursor, itemOf, reviewItemId } from './review-item.ts';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (error) {
    return isDomainError(error) ? { code: error.code, field: error.field } : String(error);
  }
};

describe('review item ids', () => {
  it('are the two customer ids, smaller first, whichever way round they are given', () => {
    expect(reviewItemId('cus_b', 'cus_a')).toBe('cus_a:cus_b');
    expect(reviewItemId('cus_a', 'cus_b')).toBe('cus_a:cus_b');
    expect(customersOfItem('cus_a:cus_b', ['id'])).toEqual(['cus_a', 'cus_b']);
    expect(customersOfItem('cus_b:cus_a', ['id'])).toEqual(['cus_a', 'cus_b']);
  });

  it('refuse anything else with BAD_USER_INPUT at the field', () => {
    for (const bad of ['cus_a', 'cus_a:cus_a', 'cus_a:cus_b:cus_c', ':cus_b', 'cus a:cus_b', `cus_a:${'x'.repeat(101)}`]) {
      expect(codeOf(() => customersOfItem(bad, ['ids', 2]))).toEqual({ code: 'BAD_USER_INPUT', field: ['ids', 2] });
    }
  });
});

describe('review cursors', () => {
  const cursor = { order: 'AGE' as const, probability: 0.8123456789012345, createdAt: '2026-01-01T00:00:00.000Z', id: 'cus_a:cus_b' };

  it('give back exactly the sort values they were made from', () => {
    expect(decodeCursor(encodeCursor(cursor), 'AGE')).toEqual(cursor);
  });

  it('refuse a cursor of the other order, or not a cursor at all', () => {
    for (const [after, order] of [[encodeCursor(cursor), 'SCORE'], ['not a cursor', 'AGE'], [Buffer.from('[1,2]').toString('base64url'), 'AGE']] as const) {
      expect(codeOf(() => decodeCursor(after, order))).toEqual({ code: 'BAD_USER_INPUT', field: ['after'] });
    }
  });
});

describe('itemOf', () => {
  it('lists the pairs best first and adds the cursor of the order listed in', () => {
    const pair = (aKey: string, probability: number) => ({ aKey, bKey: 'crm|z', probability, modelVersion: 'v1', decidedAt: '2026-01-01T00:00:00.000Z', heldBack: null, blockedBy: null });
    const item = itemOf(
      { id: 'cus_a:cus_b', a: 'cus_a', b: 'cus_b', probability: 0.9, createdAt: '2026-01-01T00:00:00.000Z', assignee: null, assignedAt: null, pairs: [pair('crm|b', 0.7), pair('crm|c', 0.9), pair('crm|a', 0.7)] },
      'SCORE',
    );
    expect(item.pairs.map((p) => p.aKey)).toEqual(['crm|c', 'crm|a', 'crm|b']);
    expect(decodeCursor(item.cursor, 'SCORE')).toMatchObject({ probability: 0.9, id: 'cus_a:cus_b' });
  });
});

describe('checkAssignee', () => {
  it('takes a staff id or null, and refuses blanks, spaces and control characters without repeating them', () => {
    expect(checkAssignee('steward-1', 'assignee')).toBe('steward-1');
    expect(checkAssignee('ada@example.org', 'assignee')).toBe('ada@example.org');
    expect(checkAssignee(null, 'assignee')).toBeNull();
    for (const bad of ['', ' ', 'two words', 'tab\there', 'x'.repeat(201)]) {
      expect(codeOf(() => checkAssignee(bad, 'assignee'))).toEqual({ code: 'BAD_USER_INPUT', field: ['assignee'] });
    }
  });
});
