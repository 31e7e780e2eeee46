import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { generateDataset, type DatasetOptions } from './dataset.ts';

/** One line of DIR/truth.ndjson: which person a payload line describes. */
export type TruthLine = { source: string; sourceRecordId?: string; line: number; personId: string };

export type WriteSummary = { payloads: number; bySource: Record<string, number>; files: string[] };

const FLUSH_AT = 1 << 20;

/** Appends lines to a file through a 1 MiB buffer with synchronous writes (one writer, no back-pressure to manage). */
class LineFile {
  readonly path: string;
  lines = 0;
  private readonly fd: number;
  private buffer = '';

  constructor(path: string) {
    this.path = path;
    this.fd = openSync(path, 'w');
  }

  write(line: string): void {
    this.buffer += line + '\n';
    this.lines++;
    if (this.buffer.length >= FLUSH_AT) this.flush();
  }

  flush(): void {
    if (this.buffer.length > 0) writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/**
 * Writes a dataset as DIR/<source>.ndjson (payloads only, one per line) and
 * DIR/truth.ndjson (one line per payload line, naming its person), streaming.
 */
export function writeDataset(dir: string, options: DatasetOptions): WriteSummary {
  mkdirSync(dir, { recursive: true });
  const files = new Map<string, LineFile>();
  const truth = new LineFile(join(dir, 'truth.ndjson'));
  try {
    for (const record of generateDataset(options)) {
      let file = files.get(record.source);
      if (!file) {
        file = new LineFile(join(dir, `${record.source}.ndjson`));
        files.set(record.source, file);
      }
      const line: TruthLine = { source: record.source, line: file.lines, personId: record.truth.personId };
      if (record.truth.sourceRecordId !== undefined) line.sourceRecordId = record.truth.sourceRecordId;
      file.write(JSON.stringify(record.payload));
      truth.write(JSON.stringify(line));
    }
  } finally {
    for (const file of files.values()) file.close();
    truth.close();
  }
  const bySource = Object.fromEntries([...files].map(([source, file]) => [source, file.lines]));
  return { payloads: truth.lines, bySource, files: [...[...files.values()].map((f) => f.path), truth.path] };
}
