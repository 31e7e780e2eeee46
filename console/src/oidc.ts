import * as oauth from 'oauth4webapi';
import { sessionFromToken, type Session } from './session.ts';

/**
 * Production sign-in: OpenID Connect authorization code with PKCE (RFC 7636) against the
 * configured issuer, as a public client. The access token it returns is the bearer token
 * the API verifies against the issuer's JWKS.
 */
type OidcSettings = { issuer: string; clientId: string; scope: string; roles: string[] };

const PENDING = 'identity-graph.oidc-pending';
const redirectUri = () => new URL('/console/', window.location.origin).href;

// Plain http only for an issuer on this machine (a development identity provider).
const loopback = (url: URL) => url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
const options = (issuer: URL) => (loopback(issuer) ? { [oauth.allowInsecureRequests]: true } : {});

async function discover(issuer: URL): Promise<oauth.AuthorizationServer> {
  return oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...options(issuer) }));
}

/** Sends the browser to the identity provider. */
export async function beginOidcSignIn(settings: OidcSettings): Promise<never> {
  const issuer = new URL(settings.issuer);
  const as = await discover(issuer);
  if (!as.authorization_endpoint) throw new Error('The identity provider has no authorization endpoint');
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', settings.scope);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', state);
  window.location.assign(url.href);
  return new Promise<never>(() => {});
}

/** True when the page was opened by the provider's redirect back. */
export const isOidcCallback = () => new URL(window.location.href).searchParams.has('code') && sessionStorage.getItem(PENDING) !== null;

/** Exchanges the code for tokens, then removes it from the address bar. */
export async function completeOidcSignIn(settings: OidcSettings): Promise<Session> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? '{}') as { verifier?: string; state?: string };
  sessionStorage.removeItem(PENDING);
  if (!pending.verifier || !pending.state) throw new Error('No sign-in was in progress');
  const issuer = new URL(settings.issuer);
  const as = await discover(issuer);
  const client: oauth.Client = { client_id: settings.clientId };
  const params = oauth.validateAuthResponse(as, client, new URL(window.location.href), pending.state);
  const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, redirectUri(), pending.verifier, options(issuer));
  const result = await oauth.processAuthorizationCodeResponse(as, client, response);
  window.history.replaceState(null, '', redirectUri());
  return sessionFromToken(result.access_token);
}
