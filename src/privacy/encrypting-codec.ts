import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { DomainError } from '../errors/domain-error.ts';
import type { ValueCodec } from './codec.ts';

/**
 * Field-level encryption behind the value codec. Values are AES-256-GCM, each with its key id so that keys can be
 * rotated: `enc1.<keyId>.<base64url(iv | tag | ciphertext)>`. Exact lookups use a blind
 * index: a keyed HMAC-SHA256 of the type and the normalized value, so that no identifier is
 * stored in clear and equal values still find each other. Derived values (blocking keys,
 * term-frequency keys, search tokens, segment properties) are a shorter keyed HMAC under a
 * key of their own derived from the blind-index key (tokenKey).
 */
export type KeyRing = {
  /** The key new values are encrypted with. */
  currentKeyId: string;
  /** Every key a stored value may name, by id: 32 bytes each. */
  keys: ReadonlyMap<string, Buffer>;
  /** The blind-index key (32 bytes). It cannot be rotated without re-keying every lookup key. */
  blindIndexKey: Buffer;
};

const PREFIX = 'enc1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
/** 128 bits of the token MAC: no collision among the values of one kind, at any realistic count. */
const TOKEN_BYTES = 16;

/**
 * The token key, derived from the blind-index key (HKDF) so that a token and a lookup key
 * of the same text never coincide: one kind of stored key says nothing about the other.
 */
const tokenKeyOf = (blindIndexKey: Buffer): Buffer => Buffer.from(hkdfSync('sha256', blindIndexKey, Buffer.alloc(0), 'identity-graph token keys v1', KEY_BYTES));

/** A key ring checked: 32-byte keys, ids of letters, digits, `-` and `_`, the current one present. */
export function keyRing(currentKeyId: string, keys: ReadonlyMap<string, Buffer>, blindIndexKey: Buffer): KeyRing {
  for (const [id, key] of keys) {
    if (!KEY_ID.test(id)) throw new DomainError('BAD_USER_INPUT', 'Bad key id', { clientMessage: 'a key id is 1 to 32 letters, digits, - or _' });
    if (key.length !== KEY_BYTES) throw new DomainError('BAD_USER_INPUT', 'Bad key length', { clientMessage: `key ${id} must be ${KEY_BYTES} bytes` });
  }
  if (!keys.has(currentKeyId)) throw new DomainError('BAD_USER_INPUT', 'Unknown current key', { clientMessage: `the current key ${currentKeyId} is not in the key ring` });
  if (blindIndexKey.length !== KEY_BYTES) throw new DomainError('BAD_USER_INPUT', 'Bad blind-index key length', { clientMessage: `the blind-index key must be ${KEY_BYTES} bytes` });
  return { currentKeyId, keys, blindIndexKey };
}

/** The codec over a key ring. A value stored before encryption (no prefix) still reads as itself. */
export function encryptingCodec(ring: KeyRing): ValueCodec {
  const tokenMacKey = tokenKeyOf(ring.blindIndexKey);
  return {
    opaqueTokens: true,
    encode(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', ring.keys.get(ring.currentKeyId)!, iv);
      // The key id is authenticated with the value: a value moved under another id does not decrypt.
      cipher.setAAD(Buffer.from(ring.currentKeyId));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${PREFIX}.${ring.currentKeyId}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    decode(stored) {
      if (!stored.startsWith(`${PREFIX}.`)) return stored;
      const [, keyId, data] = stored.split('.');
      const key = keyId === undefined ? undefined : ring.keys.get(keyId);
      // Never the value in the message: only that it could not be read.
      if (!key || data === undefined) throw new DomainError('INTERNAL', 'A stored value names a key the key ring does not hold');
      const raw = Buffer.from(data, 'base64url');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(keyId!));
        decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new DomainError('INTERNAL', 'A stored value failed its authentication check');
      }
    },
    lookupKey(type, normalized) {
      // The type is part of the MAC input, so equal text under two types gives two keys.
      return `${type}:h1:${createHmac('sha256', ring.blindIndexKey).update(`${type}\u0000${normalized}`).digest('base64url')}`;
    },
    tokenKey(kind, value) {
      // Hex: lowercase letters and digits only, one term to the whitespace analyzer and no
      // Lucene syntax; the kind is in the MAC input, so a family name and a city that are
      // spelt alike give different tokens.
      return createHmac('sha256', tokenMacKey).update(`${kind}\u0000${value}`).digest().subarray(0, TOKEN_BYTES).toString('hex');
    },
  };
}
