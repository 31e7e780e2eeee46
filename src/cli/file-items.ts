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
  // Rows with too few or too many cells still come through, and the source's mapping
  // then rejects them by the column that is missing, instead of the import stopping.
  const parser = stream.pipe(parse({ columns: true, bom: true, relax_column_count: true, skip_empty_lines: true, trim: false }));
  let position = 0;
  for await (const row of parser as AsyncIterable<Record<string, string>>) {
    if (position >= from) yield { position, payload: row, raw: JSON.stringify(row) };
    position += 1;
  }
}
