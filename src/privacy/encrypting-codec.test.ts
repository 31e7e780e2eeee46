import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors/domain-error.ts';
import { plainCodec } from './codec.ts';
import { encryptingCodec, keyRing } from './encrypting-codec.ts';

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const blind = randomBytes(32);
const ring1 = keyRing('k1', new Map([['k1', k1]]), blind);
const ring2 = keyRing('k2', new Map([['k1', k1], ['k2', k2]]), blind);

describe('the encrypting codec', () => {
  it('stores no trace of the value, a different ciphertext each time, and reads it back', () => {
    const codec = encryptingCodec(ring1);
    const value = 'Zoë O’Brien, 12 Rue de la Paix';
    const [a, b] = [codec.encode(value), codec.encode(value)];
    expect(a).not.toBe(b);
    for (const stored of [a, b]) {
      expect(stored).toMatch(/^enc1\.k1\.[A-Za-z0-9_-]+$/);
      expect(stored).not.toContain('Brien');
      expect(codec.decode(stored)).toBe(value);
    }
  });

  it('reads values of an older key after rotation, and encrypts new ones with the current key', () => {
    const old = encryptingCodec(ring1).encode('jane@example.com');
    const rotated = encryptingCodec(ring2);
    expect(rotated.decode(old)).toBe('jane@example.com');
    expect(rotated.encode('jane@example.com')).toMatch(/^enc1\.k2\./);
  });

  it('refuses a tampered value or one moved under another key id, naming no value', () => {
    const codec = encryptingCodec(ring2);
    const stored = codec.encode('secret value');
    const body = stored.split('.')[2]!;
    const flipped = `${body.slice(0, -2)}${body.at(-2) === 'A' ? 'B' : 'A'}${body.at(-1)}`;
    for (const bad of [`enc1.k2.${flipped}`, `enc1.k1.${body}`, `enc1.k9.${body}`]) {
      try {
        codec.decode(bad);
        expect.unreachable();
      } catch (error) {
        expect(isDomainError(error) && error.code).toBe('INTERNAL');
        expect(String((error as Error).message)).not.toContain('secret');
      }
    }
  });

  it('reads a value stored before encryption as itself', () => {
    expect(encryptingCodec(ring1).decode('plain@example.com')).toBe('plain@example.com');
  });

  it('keys lookups by a keyed hash: equal for equal values, apart by type and by key, no plaintext', () => {
    const codec = encryptingCodec(ring1);
    const key = codec.lookupKey('email', 'jane@example.com');
    expect(key).toBe(codec.lookupKey('email', 'jane@example.com'));
    expect(key).toMatch(/^email:h1:[A-Za-z0-9_-]{43}$/);
    expect(key).not.toContain('jane');
    expect(codec.lookupKey('user_id', 'jane@example.com')).not.toBe(key);
    expect(encryptingCodec(keyRing('k1', new Map([['k1', k1]]), randomBytes(32))).lookupKey('email', 'jane@example.com')).not.toBe(key);
  });

  it('hashes derived tokens to 32 lowercase hex characters, by kind and key, apart from lookup keys; the plain codec keeps them', () => {
    const codec = encryptingCodec(ring1);
    const token = codec.tokenKey('search-name', 'quennell');
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(codec.tokenKey('search-name', 'quennell')).toBe(token);
    // The key rotation of values does not touch tokens: they follow the blind-index key only.
    expect(encryptingCodec(ring2).tokenKey('search-name', 'quennell')).toBe(token);
    expect(codec.tokenKey('segment-city', 'quennell')).not.toBe(token);
    expect(codec.lookupKey('search-name', 'quennell')).not.toContain(token);
    expect(encryptingCodec(keyRing('k1', new Map([['k1', k1]]), randomBytes(32))).tokenKey('search-name', 'quennell')).not.toBe(token);
    expect(codec.opaqueTokens).toBe(true);
    expect(plainCodec.tokenKey('search-name', 'quennell')).toBe('quennell');
    expect(plainCodec.opaqueTokens).toBe(false);
  });

  it('refuses a key ring with a short key, a bad id or no current key', () => {
    expect(() => keyRing('k1', new Map([['k1', randomBytes(16)]]), blind)).toThrow();
    expect(() => keyRing('k 1', new Map([['k 1', k1]]), blind)).toThrow();
    expect(() => keyRing('k3', new Map([['k1', k1]]), blind)).toThrow();
    expect(() => keyRing('k1', new Map([['k1', k1]]), randomBytes(8))).toThrow();
  });
});
