import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';

// Requests whose body held bytes that are not UTF-8. body-parser decodes such bytes as
// U+FFFD without a word; its `verify` hook sees the raw bytes first, so it marks them.
const invalid = new WeakSet<IncomingMessage>();

/**
 * express.json's `verify` hook: marks a UTF-8 body with bytes that are not UTF-8, so
 * that the GraphQL ingest mutations can reject, by position, each record whose text
 * holds the U+FFFD they were decoded as (and store the others). Never refuses a body.
 */
export function markInvalidUtf8(req: IncomingMessage, _res: unknown, buf: Buffer, encoding?: string): void {
  // A body declared UTF-16 or UTF-32 is not expected to be UTF-8.
  if (encoding && encoding.toLowerCase().replace('_', '-') !== 'utf-8') return;
  if (!isUtf8(buf)) invalid.add(req);
}

/** Whether markInvalidUtf8 found bytes that are not UTF-8 in this request's body. */
export const bodyHadInvalidUtf8 = (req: IncomingMessage): boolean => invalid.has(req);
