import { describe, expect, it } from 'vitest';
import { redactableFields } from '../../audit/redactable.ts';
import { entryHash } from '../../audit/hash-chain.ts';
import { valuesMatchDigests } from '../../audit/redactable.ts';
import type { AuditEntry } from '../../audit/audit.ts';
import { redactEntry } from './redact.ts';

const entry = (recordKeys: string[], reason: string | null): AuditEntry => ({
  id: 'e1',
  seq: 1,
  at: '2024-05-01T10:00:00Z',
  actor: 'steward-1',
  role: 'steward',
  requestId: null,
  operation: 'pin',
  customerIds: ['cus_a'],
  recordKeys,
  fields: ['email'],
  reason,
  detail: '{}',
  prevHash: null,
  hash: null,
  ...redactableFields(recordKeys, reason),
});

describe('redactEntry', () => {
  it('erases the person\u2019s record keys and the reason, and the entry still hashes the same and checks', () => {
    const before = entry(['crm|1', 'crm|2'], 'pinned jane@example.com');
    const hash = entryHash(before);
    const redacted = redactEntry({ ...before, names: true }, new Set(['crm|1']));
    if (redacted === null || redacted === 'legacy') throw new Error('expected a redaction');
    const after = { ...before, ...redacted };
    expect(after.recordKeys).toEqual(['(erased)', 'crm|2']);
    expect(after.reason).toBe('(erased)');
    expect(JSON.stringify(after)).not.toContain('jane@example.com');
    expect(JSON.stringify(after)).not.toContain('crm|1');
    expect(entryHash(after)).toBe(hash);
    expect(valuesMatchDigests(after)).toBe(true);
  });

  it('still detects an edit of a value left in place', () => {
    const before = entry(['crm|1', 'crm|2'], null);
    const redacted = redactEntry({ ...before, names: false }, new Set(['crm|1']));
    if (redacted === null || redacted === 'legacy') throw new Error('expected a redaction');
    expect(valuesMatchDigests({ ...before, ...redacted, recordKeys: ['(erased)', 'crm|3'] })).toBe(false);
    expect(valuesMatchDigests({ ...before, reason: 'added later' })).toBe(false);
  });

  it('leaves entries that do not name the person, and reports entries before version 2', () => {
    expect(redactEntry({ ...entry(['crm|9'], 'x'), names: false }, new Set(['crm|1']))).toBeNull();
    expect(redactEntry({ v: null, recordKeys: ['crm|1'], recordKeySalts: null, reason: null, reasonSalt: null, names: false }, new Set(['crm|1']))).toBe('legacy');
  });
});
