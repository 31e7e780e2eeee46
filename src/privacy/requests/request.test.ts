import { describe, expect, it } from 'vitest';
import { checkTransition, dueDateOf, extendedDueDateOf, isOverdue, statusesBefore } from './request.ts';

describe('the status flow', () => {
  it('refuses to carry out a request before its requester is verified', () => {
    expect(() => checkTransition('RECEIVED', 'IN_PROGRESS')).toThrow(/transition RECEIVED -> IN_PROGRESS/);
    expect(() => checkTransition('RECEIVED', 'COMPLETED')).toThrow();
    expect(() => checkTransition('RECEIVED', 'VERIFIED')).not.toThrow();
    expect(() => checkTransition('RECEIVED', 'REJECTED')).not.toThrow();
  });

  it('keeps closed requests closed', () => {
    for (const to of ['VERIFIED', 'IN_PROGRESS', 'COMPLETED', 'REJECTED'] as const) {
      expect(() => checkTransition('COMPLETED', to)).toThrow();
      expect(() => checkTransition('REJECTED', to)).toThrow();
    }
  });

  it('names where a status may be reached from', () => {
    expect(statusesBefore('IN_PROGRESS')).toEqual(['VERIFIED', 'IN_PROGRESS']);
    expect(statusesBefore('VERIFIED')).toEqual(['RECEIVED']);
  });
});

describe('due dates', () => {
  it('is 30 days after receipt, extended by two calendar months', () => {
    const received = new Date('2024-01-01T09:30:00Z');
    expect(dueDateOf(received).toISOString()).toBe('2024-01-31T09:30:00.000Z');
    expect(extendedDueDateOf(received).toISOString()).toBe('2024-03-31T09:30:00.000Z');
    // 30 Dec + 30 days = 29 Jan; two months on: 29 Mar. 1 Dec + 30 = 31 Dec -> 28 Feb (clamped).
    expect(extendedDueDateOf(new Date('2023-12-01T00:00:00Z')).toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });

  it('is overdue past due unless closed', () => {
    const due = new Date('2024-01-31T00:00:00Z');
    const after = new Date('2024-02-01T00:00:00Z');
    expect(isOverdue('IN_PROGRESS', due, after)).toBe(true);
    expect(isOverdue('RECEIVED', due, after)).toBe(true);
    expect(isOverdue('COMPLETED', due, after)).toBe(false);
    expect(isOverdue('VERIFIED', due, new Date('2024-01-30T00:00:00Z'))).toBe(false);
  });
});
