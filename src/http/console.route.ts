import { join } from 'node:path';
import express, { Router } from 'express';
import { isStaffRole, staffRoles } from '../auth/caller.ts';
import { mintToken } from '../auth/token.ts';
import type { AuthConfig } from '../config.ts';

/**
 * The web console at /console (console/): a single-page app built by Vite into
 * console/dist, served from this process with every asset local (it works offline). The
 * page and its assets hold no data; everything it shows comes from /graphql with the
 * signed-in person's token, so the API's access rules and masking apply as to any client.
 */
export const CONSOLE_PATH = '/console';
export const CONSOLE_DIST = join(import.meta.dirname, '..', '..', 'console', 'dist');

/** What the console needs to know before sign-in: how to sign in, and the roles there are. */
export type ConsoleSettings =
  | { signIn: 'development'; roles: readonly string[] }
  | { signIn: 'oidc'; issuer: string; clientId: string; scope: string; roles: readonly string[] }
  | { signIn: 'none'; roles: readonly string[] };

export function consoleSettings(auth: AuthConfig): ConsoleSettings {
  if (auth.consoleClient && auth.issuer) return { signIn: 'oidc', issuer: auth.issuer, ...auth.consoleClient, roles: staffRoles };
  if (auth.devTokens && auth.verifier.kind === 'secret') return { signIn: 'development', roles: staffRoles };
  return { signIn: 'none', roles: staffRoles };
}

// Within the caller ids tokens may carry (token.ts): 64 characters of these.
const NAME = /^[\w.@-]{1,64}$/;
/** Development tokens from the console last a working day, as the CLI's do by default. */
const DEV_TOKEN_TTL_SECONDS = 8 * 3600;

const csp = (settings: ConsoleSettings) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    // React sets style attributes, and the graph canvas sizes itself with them.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // OIDC: discovery and the token exchange go to the issuer.
    `connect-src 'self'${settings.signIn === 'oidc' ? ` ${new URL(settings.issuer).origin}` : ''}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');

/** Mount before authentication: the console's own requests to /graphql carry its bearer token. */
export function consoleRouter(auth: AuthConfig, dist = CONSOLE_DIST): Router {
  const router = Router();
  const settings = consoleSettings(auth);
  const policy = csp(settings);
  const indexFile = join(dist, 'index.html');

  router.get(`${CONSOLE_PATH}/settings.json`, (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.json(settings);
  });

  // Development sign-in: the same token `npm run cli -- token` mints, for the role and name picked.
  router.post(`${CONSOLE_PATH}/dev-token`, express.json({ limit: '2kb' }), async (req, res) => {
    if (settings.signIn !== 'development') {
      res.status(404).json({ error: { code: 'NOT_FOUND', message: 'Development sign-in is off: sign in through the identity provider' } });
      return;
    }
    const body = (req.body ?? {}) as { role?: unknown; name?: unknown };
    const role = typeof body.role === 'string' ? body.role : '';
    const name = typeof body.name === 'string' ? body.name.trim() : '';
    if (!isStaffRole(role)) {
      res.status(400).json({ error: { code: 'BAD_USER_INPUT', field: 'role', message: `role must be one of ${staffRoles.join(', ')}` } });
      return;
    }
    if (!NAME.test(name)) {
      res.status(400).json({ error: { code: 'BAD_USER_INPUT', field: 'name', message: 'name must be 1 to 64 letters, digits, or . @ _ -' } });
      return;
    }
    const token = await mintToken(auth, { id: name, roles: [role], ttlSeconds: DEV_TOKEN_TTL_SECONDS });
    res.setHeader('cache-control', 'no-store');
    res.json({ token, expiresIn: DEV_TOKEN_TTL_SECONDS });
  });

  router.use(
    `${CONSOLE_PATH}/assets`,
    (_req, res, next) => {
      res.setHeader('content-security-policy', policy);
      res.setHeader('x-content-type-options', 'nosniff');
      next();
    },
    // Built file names carry a content hash: they never change under their name.
    express.static(join(dist, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false, index: false }),
  );

  // Every other path under /console is a page of the single-page app.
  router.get([CONSOLE_PATH, `${CONSOLE_PATH}/*path`], (_req, res) => {
    res.setHeader('content-security-policy', policy);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(indexFile, { cacheControl: false }, (error) => {
      if (error && !res.headersSent) res.status(503).type('text/plain').send('The console is not built: run npm run console:build (npm start does it).');
    });
  });
  return router;
}
