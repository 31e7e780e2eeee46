import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * An API key as the caller sends it: `igk_<id>_<secret>`. The id finds the stored key;
 * the 256-bit secret is kept only as its sha256 (a random secret of that size needs no
 * slow hash: there is nothing to guess).
 */
const KEY_FORMAT = /^igk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export type KeyParts = { id: string; secret: string };

export function newKey(): KeyParts & { text: string } {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, secret, text: `igk_${id}_${secret}` };
}

export const parseKey = (text: string): KeyParts | null => {
  const match = KEY_FORMAT.exec(text);
  return match ? { id: match[1]!, secret: match[2]! } : null;
};

export const looksLikeKey = (text: string): boolean => text.startsWith('igk_');

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** Constant-time comparison of a presented secret with the stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
