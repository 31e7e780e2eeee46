import { describe, expect, it } from 'vitest';
import { createTokenVerifier } from '../auth/token.ts';
import { loadConfig } from '../config.ts';
import { AuthCommandError, tokenCommand } from './auth.command.ts';

describe('cli token', () => {
  const development = loadConfig({}).auth;

  it('mints a token the API accepts, for the roles asked', async () => {
    const token = await tokenCommand(development, { roles: ['steward', 'agent'], id: 'ada', hours: '2' });
    await expect(createTokenVerifier(development)(token)).resolves.toEqual({ kind: 'user', id: 'ada', roles: ['steward', 'agent'] });
  });

  it('refuses in production, for an unknown role, and with an OIDC provider', async () => {
    await expect(tokenCommand({ ...development, devTokens: false }, { roles: ['admin'], id: undefined, hours: undefined })).rejects.toBeInstanceOf(AuthCommandError);
    await expect(tokenCommand(development, { roles: ['root'], id: undefined, hours: undefined })).rejects.toThrow(/unknown role root/);
    await expect(tokenCommand({ ...development, verifier: { kind: 'jwks', url: 'https://id.example.test/certs' } }, { roles: ['admin'], id: undefined, hours: undefined })).rejects.toThrow(/AUTH_JWKS_URL/);
  });
});
