import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { AuthConfig } from '../config.ts';
import { mintToken, createTokenVerifier } from './token.ts';

const auth: AuthConfig = {
  verifier: { kind: 'secret', secret: 'unit-test-secret-unit-test-secret-0000' },
  issuer: 'https://id.example.test',
  audience: 'identity-graph',
  subjectClaim: 'sub',
  rolesClaim: 'roles',
  devTokens: true,
};
const key = (secret: string) => new TextEncoder().encode(secret);
const sign = (claims: Record<string, unknown>, options: { secret?: string; exp?: string | number; iss?: string; aud?: string } = {}) => {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('ada').setIssuer(options.iss ?? auth.issuer!).setAudience(options.aud ?? auth.audience!);
  jwt.setExpirationTime(options.exp ?? '1h');
  return jwt.sign(key(options.secret ?? (auth.verifier as { secret: string }).secret));
};

describe('bearer tokens', () => {
  const verify = createTokenVerifier(auth);

  it('gives the subject and the known roles of a good token', async () => {
    await expect(verify(await sign({ roles: ['steward', 'superuser', 'agent'] }))).resolves.toEqual({ kind: 'user', id: 'ada', roles: ['steward', 'agent'] });
    await expect(verify(await mintToken(auth, { id: 'grace', roles: ['auditor'] }))).resolves.toEqual({ kind: 'user', id: 'grace', roles: ['auditor'] });
  });

  it('refuses a wrong signature, an expired token, another issuer or audience, and a token without expiry', async () => {
    const refused = { code: 'UNAUTHENTICATED' };
    await expect(verify(await sign({ roles: ['admin'] }, { secret: 'another-secret-another-secret-000000' }))).rejects.toMatchObject(refused);
    await expect(verify(await sign({ roles: ['admin'] }, { exp: Math.floor(Date.now() / 1000) - 60 }))).rejects.toMatchObject(refused);
    await expect(verify(await sign({ roles: ['admin'] }, { iss: 'https://evil.example.test' }))).rejects.toMatchObject(refused);
    await expect(verify(await sign({ roles: ['admin'] }, { aud: 'another-api' }))).rejects.toMatchObject(refused);
    const noExp = await new SignJWT({ roles: ['admin'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('ada').setIssuer(auth.issuer!).setAudience(auth.audience!).sign(key((auth.verifier as { secret: string }).secret));
    await expect(verify(noExp)).rejects.toMatchObject(refused);
    await expect(verify('not.a.token')).rejects.toMatchObject(refused);
  });

  it('refuses an unsigned token (alg none)', async () => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${part({ alg: 'none' })}.${part({ sub: 'ada', roles: ['admin'], exp: Math.floor(Date.now() / 1000) + 60, iss: auth.issuer, aud: auth.audience })}.`;
    await expect(verify(unsigned)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('reads roles and subject from configured, nested claims (Keycloak realm roles)', async () => {
    const keycloak = createTokenVerifier({ ...auth, rolesClaim: 'realm_access.roles', subjectClaim: 'preferred_username' });
    const token = await sign({ realm_access: { roles: ['privacy_officer'] }, preferred_username: 'dpo-1' });
    await expect(keycloak(token)).resolves.toEqual({ kind: 'user', id: 'dpo-1', roles: ['privacy_officer'] });
    await expect(keycloak(await sign({ realm_access: { roles: 'agent marketer' }, preferred_username: 'x' }))).resolves.toMatchObject({ roles: ['agent', 'marketer'] });
  });

  it('refuses a caller id that is too long or holds odd characters (it goes into the audit trail)', async () => {
    await expect(verify(await new SignJWT({ roles: ['admin'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('x'.repeat(15_000)).setIssuer(auth.issuer!).setAudience(auth.audience!).setExpirationTime('1h').sign(key((auth.verifier as { secret: string }).secret)))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(verify(await new SignJWT({ roles: ['admin'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('ada\nforged line').setIssuer(auth.issuer!).setAudience(auth.audience!).setExpirationTime('1h').sign(key((auth.verifier as { secret: string }).secret)))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('bearer tokens from an OIDC provider (JWKS)', () => {
  it('verifies RS256 tokens against the keys a JWKS URL publishes, and refuses a key it does not publish', async () => {
    const { createServer } = await import('node:http');
    const { exportJWK, generateKeyPair } = await import('jose');
    const published = await generateKeyPair('RS256');
    const other = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(published.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const address = server.address() as { port: number };
      const oidc: AuthConfig = { ...auth, verifier: { kind: 'jwks', url: `http://127.0.0.1:${address.port}/certs` } };
      const verify = createTokenVerifier(oidc);
      const signWith = (key: Parameters<SignJWT['sign']>[0], kid: string) =>
        new SignJWT({ roles: ['auditor'] }).setProtectedHeader({ alg: 'RS256', kid }).setSubject('okta-user-1').setIssuer(auth.issuer!).setAudience(auth.audience!).setExpirationTime('5m').sign(key);
      await expect(verify(await signWith(published.privateKey, 'k1'))).resolves.toEqual({ kind: 'user', id: 'okta-user-1', roles: ['auditor'] });
      await expect(verify(await signWith(other.privateKey, 'k1'))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      await expect(verify(await signWith(other.privateKey, 'k2'))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      // An HS256 token signed with the public key's text must not pass as RS256 (algorithm confusion).
      await expect(verify(await sign({ roles: ['admin'] }, { secret: JSON.stringify(jwk) }))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    } finally {
      server.close();
    }
  });
});
