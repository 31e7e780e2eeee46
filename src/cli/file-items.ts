import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import type { IngestItem } from '../ingest/ingest.service.ts';
import { readNdjson } from '../ingest/ndjson.ts';

export type FileFormat = 'csv' | 'ndjson';

export function formatOf(file: string, given?: string): FileFormat {
  const format = given ?? (/\.csv$/i.test(file) ? 'csv' : /\.(nd)?jsonl?$/i.test(file) ? 'ndjson' : undefined);
  if (format !== 'csv' && format !== 'ndjson') {
    throw new Error('Cannot tell the file format from its name: pass --format csv or --format ndjson');
  }
  return format;
}

/**
 * The records of a CSV (header row naming the columns) or NDJSON file as ingest items,
 * positions counted from 0 (data rows or lines), starting at `from`. `onBytes` reports
 * how much of the file has been read, for progress.
 */
export async function* fileItems(file: string, format: FileFormat, from: number, onBytes: (bytes: number) => void): AsyncGenerator<IngestItem> {
  const stream = createReadStream(file);
  let bytes = 0;
  stream.on('data', (chunk) => {
    bytes += chunk.length;
    onBytes(bytes);
  });
  if (format === 'ndjson') {
    for await (const item of readNdjson(stream)) if (item.position >= from) yield item;
    return;
  }
  const badBytes = invalidUtf8Lines(stream);
  // Rows with too few or too many cells still come through, and the source's mapping
  // then rejects them by the column that is missing, instead of the import stopping.
  const parser = stream.pipe(parse({ columns: true, bom: true, relax_column_count: true, skip_empty_lines: true, trim: false, info: true }));
  let position = 0;
  let rowStart = 0;
  for await (const { record: row, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { bytes: number } }>) {
    const replaced = badBytes.some(([start, end]) => start < info.bytes && rowStart < end);
    if (position >= from) yield { position, payload: row, raw: JSON.stringify(row), ...(replaced ? { invalidBytesReplaced: true } : {}) };
    rowStart = info.bytes;
    position += 1;
  }
}

/**
 * Byte ranges of the lines of a stream that hold bytes that are not UTF-8, found as the
 * chunks go by. csv-parse decodes such bytes as U+FFFD without a word: a row overlapping
 * a range is marked, and the record check rejects the U+FFFD in it by its column, as
 * GraphQL does for a body with such bytes. (A newline byte is never part of a UTF-8
 * sequence, so lines can be checked one by one.)
 */
function invalidUtf8Lines(stream: NodeJS.ReadableStream): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let partial: Buffer[] = [];
  let partialStart = 0;
  const check = (lines: Buffer, start: number) => {
    if (isUtf8(lines)) return;
    for (let at = 0; at < lines.length; ) {
      const newline = lines.indexOf(10, at);
      const end = newline === -1 ? lines.length : newline + 1;
      if (!isUtf8(lines.subarray(at, end))) ranges.push([start + at, start + end]);
      at = end;
    }
  };
  stream.on('data', (chunk: Buffer) => {
    const last = chunk.lastIndexOf(10);
    if (last === -1) {
      partial.push(chunk);
      return;
    }
    const lines = Buffer.concat([...partial, chunk.subarray(0, last + 1)]);
    check(lines, partialStart);
    partialStart += lines.length;
    partial = [chunk.subarray(last + 1)];
  });
  stream.on('end', () => check(Buffer.concat(partial), partialStart));
  return ranges;
}
