const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** Providers that ignore dots in the local part and treat "+tag" as the same mailbox. */
const DOTS_AND_PLUS = new Set(['gmail.com', 'googlemail.com']);
/** Providers that deliver "+tag" addresses to the plain mailbox but keep dots. */
const PLUS_ONLY = new Set([
  'outlook.com', 'hotmail.com', 'hotmail.co.uk', 'live.com', 'msn.com',
  'icloud.com', 'me.com', 'mac.com', 'fastmail.com', 'proton.me', 'protonmail.com',
]);
const DOMAIN_ALIASES: Record<string, string> = { 'googlemail.com': 'gmail.com' };

/**
 * The mailbox an address delivers to, or null when it is not an address.
 * @example normalizeEmail(' Jane.Doe+News@GoogleMail.com ') // 'janedoe@gmail.com'
 */
export function normalizeEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase().replace(/^mailto:/, '');
  if (email.length > 320 || !EMAIL_SHAPE.test(email)) return null;
  const at = email.lastIndexOf('@');
  let local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (DOTS_AND_PLUS.has(domain) || PLUS_ONLY.has(domain)) local = local.split('+')[0]!;
  if (DOTS_AND_PLUS.has(domain)) local = local.replaceAll('.', '');
  if (local.length === 0) return null;
  return `${local}@${DOMAIN_ALIASES[domain] ?? domain}`;
}
