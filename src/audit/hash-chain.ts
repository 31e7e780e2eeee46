import { createHash } from 'node:crypto';
import type { AuditEntry } from './audit.ts';
import { REDACTABLE_VERSION, valuesMatchDigests } from './redactable.ts';

/**
 * The tamper evidence of the audit trail. Each sealed entry's hash covers its whole
 * content, its position (seq) and the hash of the entry before it, so editing any field,
 * deleting an entry or reordering two breaks the chain from that point on.
 */

/** Where a chain stands: seq 0 and hash null before the first entry. */
export type ChainPosition = { seq: number; hash: string | null };

export const GENESIS: ChainPosition = { seq: 0, hash: null };

/**
 * hash-mismatch: an entry's content changed; broken-link: an entry does not follow the one
 * before; gap: an entry is missing; anchor-mismatch: the chain holds together but differs
 * from a head recorded outside the database (the whole chain was rewritten after it).
 */
export type ChainBreakReason = 'hash-mismatch' | 'broken-link' | 'gap' | 'anchor-mismatch';
export type ChainBreak = { seq: number; id: string; reason: ChainBreakReason };

/** The entry without its chain fields: what a writer creates and the sealer orders. */
export type UnsealedEntry = Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>;

/**
 * JSON with object keys sorted at every depth, so one value has one text whatever order
 * its keys were built in. `canonicalJson({b: 1, a: [2, {d: null, c: 'x'}]})` is
 * `{"a":[2,{"c":"x","d":null}],"b":1}`. Undefined becomes null.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, v]) => `${JSON.stringify(key)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** sha256 (hex) over the canonical JSON of every field of the entry but the hash itself. */
export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const content = {
    id: entry.id,
    seq: entry.seq,
    prevHash: entry.prevHash,
    at: entry.at,
    actor: entry.actor,
    role: entry.role,
    requestId: entry.requestId,
    operation: entry.operation,
    customerIds: entry.customerIds,
    recordKeys: entry.recordKeys,
    fields: entry.fields,
    reason: entry.reason,
    detail: entry.detail,
  };
  // Version 2: the digests stand for record keys and reason (erasable without breaking the chain).
  if (entry.v === REDACTABLE_VERSION) {
    Object.assign(content, { recordKeys: entry.recordKeyDigests ?? [], reason: entry.reasonDigest ?? null, v: REDACTABLE_VERSION });
  }
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** Chains `entries`, in the order given, after `previous`: seq + 1, link, hash. */
export function sealEntries(previous: ChainPosition, entries: readonly UnsealedEntry[]): AuditEntry[] {
  let position = previous;
  return entries.map((entry) => {
    const linked = { ...entry, seq: position.seq + 1, prevHash: position.hash };
    const sealed: AuditEntry = { ...linked, hash: entryHash(linked) };
    position = { seq: sealed.seq!, hash: sealed.hash };
    return sealed;
  });
}

/**
 * Checks one sealed entry against the position before it: its seq follows, it links to
 * the previous hash, and its own hash matches its content. Null when it holds.
 */
export function checkEntry(previous: ChainPosition, entry: AuditEntry): ChainBreak | null {
  const seq = entry.seq ?? Number.NaN;
  if (seq !== previous.seq + 1) return { seq, id: entry.id, reason: 'gap' };
  if (entry.prevHash !== previous.hash) return { seq, id: entry.id, reason: 'broken-link' };
  if (entry.hash !== entryHash(entry) || !valuesMatchDigests(entry)) return { seq, id: entry.id, reason: 'hash-mismatch' };
  return null;
}

/** Checks consecutive entries from `start`; the first break, or where the chain ends. */
export function verifyChain(
  entries: Iterable<AuditEntry>,
  start: ChainPosition = GENESIS,
): { ok: true; position: ChainPosition } | { ok: false; brokenAt: ChainBreak } {
  let position = start;
  for (const entry of entries) {
    const broken = checkEntry(position, entry);
    if (broken) return { ok: false, brokenAt: broken };
    position = { seq: entry.seq!, hash: entry.hash };
  }
  return { ok: true, position };
}
