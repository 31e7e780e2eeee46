/**
 * Who is signed in: the bearer token the console sends to /graphql, kept in this tab's
 * sessionStorage only (closing the tab signs out). The token's roles are read for
 * navigation; the API checks the token and decides what each role may see.
 */
export type Session = { token: string; name: string; roles: string[]; expiresAt: number };

const KEY = 'identity-graph.session';

export type ConsoleSettings =
  | { signIn: 'development'; roles: string[] }
  | { signIn: 'oidc'; issuer: string; clientId: string; scope: string; roles: string[] }
  | { signIn: 'none'; roles: string[] };

export async function loadSettings(): Promise<ConsoleSettings> {
  const res = await fetch('/console/settings.json');
  if (!res.ok) throw new Error(`settings: HTTP ${res.status}`);
  return (await res.json()) as ConsoleSettings;
}

/** The claims of a JWT, unverified: only to label the UI; the API verifies. */
function claimsOf(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
}

function rolesIn(claims: Record<string, unknown>, known: string[]): string[] {
  // Providers put roles in `roles`, or nested (Keycloak: realm_access.roles); the API reads the configured claim.
  const candidates = [claims['roles'], (claims['realm_access'] as { roles?: unknown } | undefined)?.roles];
  for (const claim of candidates) {
    const names = Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(/[\s,]+/) : null;
    if (names) return names.filter((n): n is string => typeof n === 'string' && known.includes(n));
  }
  return [];
}

export function sessionFromToken(token: string, known: string[]): Session {
  const claims = claimsOf(token);
  const name = String(claims['preferred_username'] ?? claims['name'] ?? claims['sub'] ?? 'unknown');
  const exp = typeof claims['exp'] === 'number' ? claims['exp'] * 1000 : Date.now() + 3600_000;
  return { token, name, roles: rolesIn(claims, known), expiresAt: exp };
}

export function currentSession(): Session | null {
  const stored = sessionStorage.getItem(KEY);
  if (!stored) return null;
  const session = JSON.parse(stored) as Session;
  if (session.expiresAt <= Date.now()) {
    sessionStorage.removeItem(KEY);
    return null;
  }
  return session;
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}

/** Development sign-in: the API mints the same token as `npm run cli -- token`. */
export async function developmentSignIn(role: string, name: string, known: string[]): Promise<Session> {
  const res = await fetch('/console/dev-token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role, name }) });
  const body = (await res.json()) as { token?: string; error?: { message: string } };
  if (!res.ok || !body.token) throw new Error(body.error?.message ?? `sign-in failed (HTTP ${res.status})`);
  return sessionFromToken(body.token, known);
}
