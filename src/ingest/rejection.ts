import { createHash } from 'node:crypto';
import type { ValueCodec } from '../privacy/codec.ts';

/** Why a record was turned away. */
export type RejectionCode =
  | 'NOT_JSON'
  | 'TOO_LARGE'
  | 'TOO_DEEP'
  | 'INVALID_TEXT'
  | 'INVALID_PAYLOAD'
  | 'INVALID_RECORD'
  | 'STORAGE_FAILED';

export type Rejection = {
  /** Zero-based position of the record in what the caller sent (line, row or list index). */
  position: number;
  rejectedRecordId: string;
  sourceRecordId: string | null;
  /** Path of the offending field, e.g. ['payload', 'Email']; empty for the whole record. */
  field: string[];
  reason: string;
  code: RejectionCode;
};

export type RejectionRow = Omit<Rejection, 'rejectedRecordId'> & {
  id: string;
  source: string;
  batchId: string;
  payload: string;
  payloadBytes: number;
  payloadTruncated: boolean;
};

/** Payloads bigger than this are kept only in part (and say so) for inspection. */
export const MAX_KEPT_PAYLOAD_BYTES = 64 * 1024;

/**
 * The stored form of a rejected record. Its id is derived from the source and the raw
 * payload, so a replayed file with the same bad record does not pile up duplicates.
 */
export function rejectionRow(
  input: {
    source: string;
    batchId: string;
    position: number;
    /** The record as received, or its head when it was too large to read whole. */
    raw: string;
    /** The record's full size when `raw` is only its head. */
    bytes?: number | undefined;
    sourceRecordId: string | null;
    field: (string | number)[];
    reason: string;
    code: RejectionCode;
  },
  codec: ValueCodec,
): RejectionRow {
  const rawBytes = Buffer.byteLength(input.raw);
  const bytes = Math.max(input.bytes ?? 0, rawBytes);
  const kept = rawBytes > MAX_KEPT_PAYLOAD_BYTES ? Buffer.from(input.raw).subarray(0, MAX_KEPT_PAYLOAD_BYTES).toString('utf8') : input.raw;
  const truncated = bytes > Buffer.byteLength(kept);
  return {
    id: `rej_${createHash('sha256').update(input.source).update('\n').update(input.raw).digest('hex').slice(0, 32)}`,
    source: input.source,
    batchId: input.batchId,
    position: input.position,
    sourceRecordId: input.sourceRecordId,
    field: input.field.map(String),
    reason: input.reason,
    code: input.code,
    payload: codec.encode(kept),
    payloadBytes: bytes,
    payloadTruncated: truncated,
  };
}

export const toRejection = (row: RejectionRow): Rejection => ({
  position: row.position,
  rejectedRecordId: row.id,
  sourceRecordId: row.sourceRecordId,
  field: row.field,
  reason: row.reason,
  code: row.code,
});
