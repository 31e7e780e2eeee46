import { canonicalRecordSchema, type CanonicalRecordInput } from '../canonical.ts';
import type { FieldProblem } from '../data-quality.ts';
import type { SourceAdapter } from '../source-adapter.ts';
import { samplePayloads } from './samples.ts';

/** Test helpers for adapters: run a payload through schema and mapping as ingest does. */

export const contextFor = (source: string) => ({ source, defaultCountry: 'GB' });

/** Parses, maps and checks the result against the canonical schema; returns the adapter's output. */
export function convert(adapter: SourceAdapter<unknown>, payload: unknown): CanonicalRecordInput {
  return convertNoting(adapter, payload).record;
}

/** As `convert`, with the values the adapter left out of the record (data-quality problems). */
export function convertNoting(adapter: SourceAdapter<unknown>, payload: unknown): { record: CanonicalRecordInput; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const record = adapter.toCanonical(adapter.payloadSchema.parse(payload), contextFor(adapter.kind), problems);
  canonicalRecordSchema.parse(record);
  return { record, problems };
}

/** The issue paths a rejected payload reports (empty when it is accepted). */
export function issuePaths(adapter: SourceAdapter<unknown>, payload: unknown): PropertyKey[][] {
  const result = adapter.payloadSchema.safeParse(payload);
  return result.success ? [] : result.error.issues.map((issue) => issue.path);
}

/** Issue messages of a rejected payload, for asserting the wording a sender will read. */
export function issueMessages(adapter: SourceAdapter<unknown>, payload: unknown): string[] {
  const result = adapter.payloadSchema.safeParse(payload);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

/** A copy of a sample payload, with fields replaced or removed (undefined), to build edge cases. */
export function sample(kind: string, index: number, changes: Record<string, unknown> = {}): Record<string, unknown> {
  const payload = samplePayloads[kind]?.[index];
  if (payload === undefined) throw new Error(`No sample ${kind}[${index}]`);
  const copy = structuredClone(payload) as Record<string, unknown>;
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete copy[key];
    else copy[key] = value;
  }
  return copy;
}
