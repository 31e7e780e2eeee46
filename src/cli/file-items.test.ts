import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestItem } from '../ingest/ingest.service.ts';
import { checkRecord } from '../ingest/record-limits.ts';
import { fileItems } from './file-items.ts';

async function collect(file: string, format: 'csv' | 'ndjson'): Promise<IngestItem[]> {
  const out: IngestItem[] = [];
  for await (const item of fileItems(file, format, 0, () => undefined)) out.push(item);
  return out;
}

const problemOf = (item: IngestItem | undefined) =>
  item && 'payload' in item ? checkRecord(item.payload, { raw: item.raw, invalidBytesReplaced: item.invalidBytesReplaced }).problem : 'unreadable';

describe('fileItems', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'identity-graph-file-items-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  // Bug: csv-parse decoded bytes that are not UTF-8 as U+FFFD, and the CLI stored them.
  it('marks CSV rows read after bytes that are not UTF-8, so the row holding them is rejected by its column', async () => {
    const file = join(dir, 'bad-bytes.csv');
    await writeFile(
      file,
      Buffer.concat([Buffer.from('id,name\n1,Genuine \uFFFD\n2,Fam'), Buffer.from([0xff, 0xfe]), Buffer.from('ily\n3,Zoë\n')]),
    );
    const items = await collect(file, 'csv');
    expect(items.map(problemOf)).toEqual([
      null,
      { code: 'INVALID_TEXT', field: ['payload', 'name'], reason: 'contains bytes that are not valid UTF-8' },
      null,
    ]);
  });

  it('finds bytes that are not UTF-8 cut by a chunk boundary of the file stream', async () => {
    const file = join(dir, 'boundary.csv');
    const head = Buffer.from('id,name\n');
    const rows: Buffer[] = [];
    let size = head.length;
    for (let n = 0; size < 65_536 - 40; n += 1) {
      rows.push(Buffer.from(`${n},Name ${n}\n`));
      size += rows.at(-1)!.length;
    }
    // The lead byte of a two-byte sequence as the first chunk's last byte, then no continuation.
    const pad = Buffer.from(`bad,${'p'.repeat(65_536 - size - 5)}`);
    const bad = Buffer.concat([pad, Buffer.from([0xc3]), Buffer.from('x\n')]);
    expect(size + pad.length).toBe(65_535);
    await writeFile(file, Buffer.concat([head, ...rows, bad, Buffer.from('after,Genuine \uFFFD\n'), Buffer.from('last,Zoë\n')]));
    const items = await collect(file, 'csv');
    const flagged = items.filter((i) => 'payload' in i && i.invalidBytesReplaced).map((i) => (i as { payload: { id: string } }).payload.id);
    expect(flagged).toEqual(['bad']);
    expect(problemOf(items.at(-2))).toBeNull();
  });

  it('marks NDJSON lines with bytes that are not UTF-8 the same way', async () => {
    const file = join(dir, 'bad-bytes.ndjson');
    await writeFile(file, Buffer.concat([Buffer.from('{"name":"ok \uFFFD"}\n{"name":"Fam'), Buffer.from([0xc3]), Buffer.from('ily"}\n')]));
    const items = await collect(file, 'ndjson');
    expect(items.map(problemOf)).toEqual([null, { code: 'INVALID_TEXT', field: ['payload', 'name'], reason: 'contains bytes that are not valid UTF-8' }]);
  });
});
