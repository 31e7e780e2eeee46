import { describe, expect, it } from 'vitest';
import { chunked, readNdjson } from './ndjson.ts';
import { MAX_RECORD_BYTES } from './record-limits.ts';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function* pieces(...parts: (string | Buffer)[]) {
  for (const part of parts) yield typeof part === 'string' ? Buffer.from(part) : part;
}

describe('readNdjson', () => {
  it('reads records split across chunks, with CRLF and blank lines, numbering lines', async () => {
    const items = await collect(readNdjson(pieces('{"a":1}\r\n\n{"b', '":2}\n{"c":3}')));
    expect(items).toEqual([
      { position: 0, payload: { a: 1 }, raw: '{"a":1}' },
      { position: 2, payload: { b: 2 }, raw: '{"b":2}' },
      { position: 3, payload: { c: 3 }, raw: '{"c":3}' },
    ]);
  });

  it('marks a line that is not JSON and goes on', async () => {
    const items = await collect(readNdjson(pieces('{"a":1}\nnot json\n{"b":2}\n')));
    expect(items.map((i) => ('unreadable' in i ? i.unreadable.code : 'ok'))).toEqual(['ok', 'NOT_JSON', 'ok']);
    expect(items[1]).toMatchObject({ position: 1, unreadable: { raw: 'not json' } });
  });

  it('turns an over-long line into TOO_LARGE without buffering it, keeping only its head', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024, 'x');
    const items = await collect(readNdjson(pieces('{"a":1}\n{"big":"', big, big, '"}\n{"b":2}\n'), 1024 * 1024));
    expect(items).toHaveLength(3);
    expect(items[1]).toMatchObject({ position: 1, unreadable: { code: 'TOO_LARGE' } });
    const raw = (items[1] as { unreadable: { raw: string } }).unreadable.raw;
    expect(raw.startsWith('{"big":"xxx')).toBe(true);
    expect(raw.length).toBe(64 * 1024);
    expect(items[2]).toMatchObject({ position: 2, payload: { b: 2 } });
  });

  it('marks a line with bytes that are not UTF-8, read as GraphQL reads them, so the record check can name the field', async () => {
    const items = await collect(readNdjson(pieces(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a]))));
    expect(items[0]).toEqual({ position: 0, payload: { a: '\uFFFD\uFFFD' }, raw: '{"a":"\uFFFD\uFFFD"}', invalidBytesReplaced: true });
  });

  it('rejects a line whose bytes that are not UTF-8 leave it no JSON as INVALID_TEXT', async () => {
    const items = await collect(readNdjson(pieces(Buffer.from([0x7b, 0xff, 0x7d, 0x0a]), '{"b":2}\n')));
    expect(items[0]).toMatchObject({ position: 0, unreadable: { code: 'INVALID_TEXT', reason: 'line is not valid UTF-8' } });
    expect(items[1]).toEqual({ position: 1, payload: { b: 2 }, raw: '{"b":2}' });
  });

  it('cuts a line at the record limit that every way in applies', async () => {
    const items = await collect(readNdjson(pieces(`{"pad":"${'x'.repeat(MAX_RECORD_BYTES)}"}\n`)));
    expect(items[0]).toMatchObject({ unreadable: { code: 'TOO_LARGE', reason: 'record is larger than 1048576 bytes' } });
  });

  it('keeps a genuine replacement character', async () => {
    const items = await collect(readNdjson(pieces('{"a":"\uFFFD"}\n')));
    expect(items[0]).toMatchObject({ payload: { a: '\uFFFD' } });
  });
});

describe('chunked', () => {
  it('groups items and flushes the rest', async () => {
    expect(await collect(chunked(pieces('a', 'b', 'c'), 2))).toHaveLength(2);
  });
});
