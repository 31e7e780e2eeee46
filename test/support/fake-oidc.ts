import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

/**
 * A minimal OpenID provider for the console's sign-in test: discovery, an authorization
 * endpoint that signs in one configured person at once (no login form), a token endpoint
 * that checks PKCE (S256) and the redirect URI, and its JWKS. Tokens are RS256 JWTs.
 */
export type FakeOidc = {
  issuer: string;
  jwksUrl: string;
  /** Every code exchange, with whether its PKCE verifier matched. */
  exchanges: Array<{ clientId: string; pkce: boolean }>;
  stop(): Promise<void>;
};

export async function startFakeOidc(options: { audience: string; clientId: string; user: { sub: string; roles: string[] } }): Promise<FakeOidc> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { challenge: string; redirectUri: string; clientId: string }>();
  const exchanges: FakeOidc['exchanges'] = [];
  let issuer = '';

  const sign = (claims: Record<string, unknown>, audience: string) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'test-key' }).setIssuer(issuer).setAudience(audience).setSubject(options.user.sub).setIssuedAt().setExpirationTime('1h').sign(privateKey);

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    // The console calls discovery and the token endpoint from the browser, from another origin.
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', '*');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'], subject_types_supported: ['public'], id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'], token_endpoint_auth_methods_supported: ['none'],
      });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const p = url.searchParams;
      if (p.get('client_id') !== options.clientId || p.get('response_type') !== 'code' || p.get('code_challenge_method') !== 'S256' || !p.get('code_challenge')) {
        return json(400, { error: 'invalid_request' });
      }
      const code = randomBytes(16).toString('base64url');
      codes.set(code, { challenge: p.get('code_challenge')!, redirectUri: p.get('redirect_uri')!, clientId: p.get('client_id')! });
      const back = new URL(p.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', p.get('state') ?? '');
      return void res.writeHead(302, { location: back.href }).end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      const form = new URLSearchParams(await bodyOf(req));
      const grant = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const pkce = grant !== undefined && createHash('sha256').update(verifier).digest('base64url') === grant.challenge;
      exchanges.push({ clientId: form.get('client_id') ?? '', pkce });
      if (!grant || !pkce || form.get('redirect_uri') !== grant.redirectUri || form.get('client_id') !== grant.clientId) return json(400, { error: 'invalid_grant' });
      return json(200, {
        token_type: 'Bearer',
        expires_in: 3600,
        access_token: await sign({ roles: options.user.roles, preferred_username: options.user.sub }, options.audience),
        id_token: await sign({ preferred_username: options.user.sub }, options.clientId),
      });
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { issuer, jwksUrl: `${issuer}/jwks`, exchanges, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
