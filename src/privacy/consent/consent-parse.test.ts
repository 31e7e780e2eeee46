import { describe, expect, it } from 'vitest';
import type { FieldProblem } from '../../ingest/data-quality.ts';
import { consentRows, consentsOf } from './consent-parse.ts';

const now = Date.parse('2024-06-01T00:00:00Z');
const good = { purpose: 'MARKETING', channel: 'EMAIL', status: 'GRANTED', givenAt: '2024-05-01T10:00:00Z', evidence: 'form:signup-7' };

describe('consent decisions from a payload', () => {
  it('keeps the good ones and notes each malformed one at its path, without its value in the reason', () => {
    const problems: FieldProblem[] = [];
    const bad = [
      { ...good, evidence: 'Called by Jane Doe, 12 High St' },
      { ...good, purpose: undefined },
      { ...good, purpose: undefined, flag: 'OBJECTION', status: 'RAISED' },
      { ...good, status: 'RAISED' },
      { ...good, givenAt: '2024-07-01T00:00:00Z' },
      { ...good, extra: 'x' },
    ];
    const kept = consentsOf(problems, [good, ...bad].map((value, i) => ({ field: ['payload', 'consents', i], value })), now);
    expect(kept).toEqual([good]);
    expect(problems.map((p) => [p.field, p.code])).toEqual(bad.map((_, i) => [['payload', 'consents', i + 1], 'INVALID_CONSENT']));
    for (const p of problems) expect(p.reason).not.toContain('Jane');
    expect(consentsOf([], [{ field: [], value: { flag: 'DO_NOT_SELL', status: 'RAISED', givenAt: '2024-05-01T10:00:00Z' } }], now)).toHaveLength(1);
  });

  it('gives a decision the same id however often its record is sent, and another for another record', () => {
    const [entry] = consentsOf([], [{ field: [], value: good }], now);
    expect(consentRows('crm|1', [entry!, entry!])).toHaveLength(1);
    expect(consentRows('crm|1', [entry!])[0]!.id).toBe(consentRows('crm|1', [entry!])[0]!.id);
    expect(consentRows('crm|2', [entry!])[0]!.id).not.toBe(consentRows('crm|1', [entry!])[0]!.id);
  });
});
