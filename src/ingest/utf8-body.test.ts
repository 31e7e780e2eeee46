import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { bodyHadInvalidUtf8, markInvalidUtf8 } from './utf8-body.ts';

const request = () => new IncomingMessage(new Socket());

describe('markInvalidUtf8', () => {
  it('marks a body with bytes that are not UTF-8', () => {
    const req = request();
    markInvalidUtf8(req, null, Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]), 'utf-8');
    expect(bodyHadInvalidUtf8(req)).toBe(true);
  });

  it('leaves a valid body unmarked, even with a genuine U+FFFD or a UTF-8 lone-surrogate escape', () => {
    const req = request();
    markInvalidUtf8(req, null, Buffer.from('{"a":"\uFFFD","b":"\\ud800","c":"山田"}'), 'utf-8');
    expect(bodyHadInvalidUtf8(req)).toBe(false);
  });

  it('does not judge a body declared in another charset', () => {
    const req = request();
    markInvalidUtf8(req, null, Buffer.from('{"a":"x"}', 'utf16le'), 'utf-16le');
    expect(bodyHadInvalidUtf8(req)).toBe(false);
  });

  it('marks surrogates encoded as UTF-8 bytes (CESU-8), which are not UTF-8', () => {
    const req = request();
    markInvalidUtf8(req, null, Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22]), 'utf-8');
    expect(bodyHadInvalidUtf8(req)).toBe(true);
  });
});
