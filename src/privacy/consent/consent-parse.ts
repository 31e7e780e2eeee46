import { createHash } from 'node:crypto';
import type { FieldProblem } from '../../ingest/data-quality.ts';
import { consentEntrySchema, MAX_RECORD_CONSENTS, topicOf, type ConsentEntry } from './consent.ts';

/**
 * Consent decisions as an adapter reads them from a payload. A malformed decision costs
 * only itself: it is left out and noted as an INVALID_CONSENT data-quality issue at its
 * payload path, and the record is stored with its other values and decisions
 * (data-quality.ts). The reason names the rule, never the value.
 */

/** A decision given more than this far ahead of our clock would win over every later one: refused as ingestion refuses such a record clock. */
export const MAX_GIVEN_AT_SKEW_MS = 24 * 60 * 60 * 1000;

export type ConsentCandidate = { field: ReadonlyArray<string | number>; value: unknown };

/**
 * @example consentsOf(problems, [{ field: ['payload', 'x'], value: { purpose: 'MARKETING', status: 'GRANTED', givenAt: 'soon' } }]) // [] and one problem
 */
export function consentsOf(problems: FieldProblem[], candidates: readonly ConsentCandidate[], now: number = Date.now()): ConsentEntry[] {
  const kept: ConsentEntry[] = [];
  for (const { field, value } of candidates) {
    const parsed = consentEntrySchema.safeParse(value);
    const reason = parsed.success
      ? Date.parse(parsed.data.givenAt) > now + MAX_GIVEN_AT_SKEW_MS
        ? 'givenAt is more than 24 hours in the future'
        : kept.length >= MAX_RECORD_CONSENTS
          ? `is past the ${MAX_RECORD_CONSENTS} decisions a record may carry`
          : null
      : `${parsed.error.issues[0]?.path.join('.') || 'decision'}: ${parsed.error.issues[0]?.message ?? 'is invalid'}`;
    if (reason === null && parsed.success) kept.push(parsed.data);
    else problems.push({ field: [...field], code: 'INVALID_CONSENT', reason: reason ?? 'is invalid', raw: JSON.stringify(value) ?? String(value) });
  }
  return kept;
}

/** One decision of a record version as the graph writer stores it. */
export type ConsentRow = { id: string; topic: string; channel: string | null; value: string; givenAt: number; evidence: string | null };

/**
 * The rows of a record's decisions. The id is a digest of the record and the decision, so
 * a record sent again (or a later version repeating a decision) stores it once: history
 * only grows by decisions not seen before, and is never overwritten.
 */
export function consentRows(recordKey: string, consents: readonly ConsentEntry[]): ConsentRow[] {
  const rows = new Map<string, ConsentRow>();
  for (const entry of consents) {
    const row = { topic: topicOf(entry), channel: entry.channel ?? null, value: entry.status, givenAt: Date.parse(entry.givenAt), evidence: entry.evidence ?? null };
    const id = `cns_${createHash('sha256').update(JSON.stringify([recordKey, row.topic, row.channel, row.value, row.givenAt, row.evidence])).digest('hex').slice(0, 32)}`;
    rows.set(id, { id, ...row });
  }
  return [...rows.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}
