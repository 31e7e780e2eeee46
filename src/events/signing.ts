import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-identity-graph-signature';
export const EVENT_ID_HEADER = 'x-identity-graph-event-id';

/** A webhook's signing secret: shown to the admin once, kept through the value codec (HMAC needs it in clear). */
export const newSigningSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

/**
 * The signature header of a delivery, as Stripe signs: `t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "<t>.<body>">`. A receiver recomputes it over the raw body and refuses
 * an old `t` (replays).
 *
 * @example signatureHeader('whsec_x', '{"id":"1"}', 1700000000) // 't=1700000000,v1=5c…'
 */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${hmacHex(secret, `${unixSeconds}.${body}`)}`;
}

/** Checks a signature header against the body, as a receiver would (tests, the README's example). */
export function verifySignature(secret: string, body: string, header: string, toleranceSeconds = 300, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
  const parts = new Map(header.split(',').map((part) => [part.slice(0, part.indexOf('=')), part.slice(part.indexOf('=') + 1)] as const));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(secret, `${t}.${body}`), 'hex');
  const given = Buffer.from(v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const hmacHex = (secret: string, text: string): string => createHmac('sha256', secret).update(text).digest('hex');
