/**
 * Who is signed in: the bearer token the console sends to /graphql, kept in this tab's
 * sessionStorage only (closing the tab signs out). Who that is, and the roles, the shell
 * asks the API (`me`): it checks the token and decides what each role may see.
 */
export type Session = { token: string; expiresAt: number };

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

/** When the token expires (its `exp`, unverified: the API verifies), so a stale session is dropped before use. */
function expiryOf(token: string): number {
  const part = token.split('.')[1] ?? '';
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
  const exp = (JSON.parse(json) as { exp?: unknown }).exp;
  return typeof exp === 'number' ? exp * 1000 : Date.now() + 3600_000;
}

export const sessionFromToken = (token: string): Session => ({ token, expiresAt: expiryOf(token) });

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
export async function developmentSignIn(role: string, name: string): Promise<Session> {
  const res = await fetch('/console/dev-token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role, name }) });
  const body = (await res.json()) as { token?: string; error?: { message: string } };
  if (!res.ok || !body.token) throw new Error(body.error?.message ?? `sign-in failed (HTTP ${res.status})`);
  return sessionFromToken(body.token);
}
