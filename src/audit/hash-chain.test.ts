import { describe, expect, it } from 'vitest';
import type { AuditEntry } from './audit.ts';
import { canonicalJson, checkEntry, entryHash, GENESIS, sealEntries, verifyChain, type UnsealedEntry } from './hash-chain.ts';

const unsealed = (n: number): UnsealedEntry => ({
  id: `entry-${n}`,
  at: `2024-05-01T10:00:0${n}Z`,
  actor: 'steward-1',
  role: 'steward',
  requestId: `req-${n}`,
  operation: 'merge',
  customerIds: ['cus_a', 'cus_b'],
  recordKeys: ['crm|1'],
  fields: ['email'],
  reason: 'same person',
  detail: canonicalJson({ rule: 'email', count: n }),
});

const chain = (length: number) => sealEntries(GENESIS, Array.from({ length }, (_, i) => unsealed(i + 1)));

describe('canonicalJson', () => {
  it('sorts keys at every depth, whatever order they were built in', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: null, c: 'x' }] })).toBe('{"a":[2,{"c":"x","d":null}],"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('keeps list order and escapes strings', () => {
    expect(canonicalJson(['b', 'a', 'q"'])).toBe('["b","a","q\\""]');
    expect(canonicalJson(undefined)).toBe('null');
  });
});

describe('sealEntries', () => {
  it('numbers from 1, links each entry to the previous hash and hashes its content', () => {
    const sealed = chain(3);
    expect(sealed.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(sealed[0]!.prevHash).toBeNull();
    expect(sealed[1]!.prevHash).toBe(sealed[0]!.hash);
    expect(sealed[2]!.prevHash).toBe(sealed[1]!.hash);
    for (const e of sealed) expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyChain(sealed)).toEqual({ ok: true, position: { seq: 3, hash: sealed[2]!.hash } });
  });

  it('continues a chain from where it stands', () => {
    const first = chain(2);
    const more = sealEntries({ seq: 2, hash: first[1]!.hash }, [unsealed(3)]);
    expect(verifyChain([...first, ...more]).ok).toBe(true);
    expect(more[0]).toMatchObject({ seq: 3, prevHash: first[1]!.hash });
  });

  it('is deterministic: the same content gives the same hash', () => {
    expect(chain(2)).toEqual(chain(2));
  });
});

describe('tampering', () => {
  const edits: Record<string, (e: AuditEntry) => AuditEntry> = {
    id: (e) => ({ ...e, id: 'entry-x' }),
    at: (e) => ({ ...e, at: '2024-05-01T10:00:09Z' }),
    actor: (e) => ({ ...e, actor: 'someone-else' }),
    role: (e) => ({ ...e, role: 'admin' }),
    requestId: (e) => ({ ...e, requestId: null }),
    operation: (e) => ({ ...e, operation: 'read.profile' }),
    customerIds: (e) => ({ ...e, customerIds: ['cus_a', 'cus_c'] }),
    'customerIds order': (e) => ({ ...e, customerIds: ['cus_b', 'cus_a'] }),
    recordKeys: (e) => ({ ...e, recordKeys: [] }),
    fields: (e) => ({ ...e, fields: ['email', 'phone'] }),
    reason: (e) => ({ ...e, reason: 'typo' }),
    detail: (e) => ({ ...e, detail: canonicalJson({ rule: 'phone', count: 2 }) }),
    seq: (e) => ({ ...e, seq: 5 }),
    prevHash: (e) => ({ ...e, prevHash: 'f'.repeat(64) }),
    hash: (e) => ({ ...e, hash: 'f'.repeat(64) }),
  };

  for (const [field, edit] of Object.entries(edits)) {
    it(`detects an edited ${field}`, () => {
      const sealed = chain(3);
      sealed[1] = edit(sealed[1]!);
      const result = verifyChain(sealed);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.brokenAt.seq === 2 || result.brokenAt.seq === 5).toBe(true);
    });
  }

  it('reports an edited field as a hash mismatch at that entry', () => {
    const sealed = chain(3);
    sealed[1] = { ...sealed[1]!, operation: 'read.profile' };
    expect(verifyChain(sealed)).toEqual({ ok: false, brokenAt: { seq: 2, id: 'entry-2', reason: 'hash-mismatch' } });
  });

  it('detects a deleted entry as a gap at the next one', () => {
    const sealed = chain(4);
    sealed.splice(1, 1);
    expect(verifyChain(sealed)).toEqual({ ok: false, brokenAt: { seq: 3, id: 'entry-3', reason: 'gap' } });
  });

  it('detects a deleted entry even when the ones after it are renumbered', () => {
    const sealed = chain(4);
    sealed.splice(1, 1);
    const renumbered = sealed.map((e, i) => ({ ...e, seq: i + 1 }));
    expect(verifyChain(renumbered)).toEqual({ ok: false, brokenAt: { seq: 2, id: 'entry-3', reason: 'broken-link' } });
  });

  it('detects two entries swapped, by position or by seq', () => {
    const sealed = chain(4);
    const swapped = [sealed[0]!, sealed[2]!, sealed[1]!, sealed[3]!];
    expect(verifyChain(swapped)).toMatchObject({ ok: false, brokenAt: { seq: 3, reason: 'gap' } });
    const reseq = [sealed[0]!, { ...sealed[2]!, seq: 2 }, { ...sealed[1]!, seq: 3 }, sealed[3]!];
    expect(verifyChain(reseq)).toMatchObject({ ok: false, brokenAt: { seq: 2, id: 'entry-3', reason: 'broken-link' } });
  });

  it('detects a rewritten entry whose hash was recomputed, at the next link', () => {
    const sealed = chain(3);
    const edited = { ...sealed[1]!, actor: 'someone-else' };
    sealed[1] = { ...edited, hash: entryHash(edited) };
    expect(verifyChain(sealed)).toEqual({ ok: false, brokenAt: { seq: 3, id: 'entry-3', reason: 'broken-link' } });
  });

  it('checks one entry against the position before it', () => {
    const [first] = chain(1);
    expect(checkEntry(GENESIS, first!)).toBeNull();
    expect(checkEntry({ seq: 1, hash: null }, first!)).toMatchObject({ reason: 'gap' });
  });
});
