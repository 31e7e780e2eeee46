import { isUtf8 } from 'node:buffer';
import type { IngestItem } from './ingest.service.ts';
import { MAX_RECORD_BYTES, tooLargeReason } from './record-limits.ts';
import { MAX_KEPT_PAYLOAD_BYTES } from './rejection.ts';

/**
 * Reads NDJSON into ingest items, one per non-blank line, in bounded memory: a line over
 * `maxLineBytes` (the record limit every way in applies) is not buffered whole; it becomes
 * a TOO_LARGE item keeping only its first bytes for inspection. Positions are zero-based
 * line numbers. (split2's maxLength either aborts the stream or drops the line silently;
 * neither may happen here.) A line with bytes that are not UTF-8 is read as GraphQL reads
 * such a body, with U+FFFD for them and marked, so that the record check names the field.
 */
export async function* readNdjson(
  chunks: AsyncIterable<Buffer | string>,
  maxLineBytes: number = MAX_RECORD_BYTES,
): AsyncGenerator<IngestItem> {
  let parts: Buffer[] = [];
  let size = 0;
  let overflowBytes = 0;
  let head: Buffer | null = null;
  let line = 0;

  const finish = (): IngestItem | null => {
    const position = line++;
    if (head) {
      const item: IngestItem = {
        position,
        unreadable: { code: 'TOO_LARGE', reason: tooLargeReason(maxLineBytes), raw: head.toString('utf8'), bytes: overflowBytes },
      };
      head = null;
      overflowBytes = 0;
      return item;
    }
    const buffer = Buffer.concat(parts, size);
    parts = [];
    size = 0;
    const utf8 = isUtf8(buffer);
    const text = buffer.toString('utf8').replace(/\r$/, '');
    if (text.trim() === '') return null;
    try {
      return { position, payload: JSON.parse(text), raw: text, ...(utf8 ? {} : { invalidBytesReplaced: true }) };
    } catch {
      if (!utf8) return { position, unreadable: { code: 'INVALID_TEXT', reason: 'line is not valid UTF-8', raw: text } };
      return { position, unreadable: { code: 'NOT_JSON', reason: 'line is not valid JSON', raw: text } };
    }
  };

  for await (const chunk of chunks) {
    let data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    while (data.length > 0) {
      const newline = data.indexOf(10);
      const piece = newline === -1 ? data : data.subarray(0, newline);
      if (head) {
        overflowBytes += piece.length;
      } else if (size + piece.length > maxLineBytes) {
        head = Buffer.concat([...parts, piece], size + piece.length).subarray(0, MAX_KEPT_PAYLOAD_BYTES);
        overflowBytes = size + piece.length;
        parts = [];
        size = 0;
      } else {
        parts.push(Buffer.from(piece));
        size += piece.length;
      }
      if (newline === -1) break;
      const item = finish();
      if (item) yield item;
      data = data.subarray(newline + 1);
    }
  }
  if (size > 0 || head) {
    const item = finish();
    if (item) yield item;
  }
}

/** Groups items into arrays of at most `size`. */
export async function* chunked<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
