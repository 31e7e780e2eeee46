import type { Actor } from '../audit/audit.ts';
import { isStaffRole, type StaffRole } from '../auth/caller.ts';
import { mintToken } from '../auth/token.ts';
import type { AuthConfig } from '../config.ts';
import type { Services } from '../services.ts';

export class AuthCommandError extends Error {}

/**
 * `token --role steward [--role agent] [--id ada] [--hours 8]`: a development bearer token
 * signed with AUTH_JWT_SECRET (or the development secret). Refused in production, where
 * tokens come from the OIDC provider.
 */
export async function tokenCommand(auth: AuthConfig, options: { roles: string[]; id: string | undefined; hours: string | undefined }): Promise<string> {
  if (!auth.devTokens) throw new AuthCommandError('token is for development: in production, tokens come from your OIDC provider');
  if (auth.verifier.kind !== 'secret') throw new AuthCommandError('token needs a shared secret (AUTH_JWT_SECRET); AUTH_JWKS_URL is set');
  const roles = options.roles.length > 0 ? options.roles : ['admin'];
  const unknown = roles.filter((role) => !isStaffRole(role));
  if (unknown.length > 0) throw new AuthCommandError(`unknown role ${unknown.join(', ')}: use admin, steward, agent, marketer, auditor or privacy_officer`);
  const hours = options.hours === undefined ? 8 : Number(options.hours);
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30) throw new AuthCommandError('--hours must be a number of hours up to 720');
  return mintToken(auth, { id: options.id ?? `dev-${roles[0]}`, roles: roles as StaffRole[], ttlSeconds: Math.round(hours * 3600) });
}

/** `create-key --scope source:crm --name "CRM sync" [--days 90]`: prints the key once. */
export async function createKeyCommand(services: Services, actor: Actor, options: { scope: string | undefined; name: string | undefined; days: string | undefined }): Promise<string[]> {
  if (!options.scope || !options.name) throw new AuthCommandError('create-key needs --scope source:NAME|partner:NAME and --name NAME');
  const { key, info } = await services.apiKeys.create({ name: options.name, scope: options.scope, expiresInDays: options.days === undefined ? 90 : Number(options.days) }, actor);
  return [
    `Created key ${info.id} (${info.scope}), expires ${info.expiresAt}.`,
    'Send it as "Authorization: Bearer <key>" or "x-api-key: <key>". It is shown only now:',
    key,
  ];
}

export async function listKeysCommand(services: Services): Promise<string[]> {
  const keys = await services.apiKeys.list();
  return [
    ...keys.map((k) => `${k.id}  ${k.scope.padEnd(24)} ${k.name.padEnd(24)} expires ${k.expiresAt}${k.revokedAt ? `  REVOKED ${k.revokedAt}` : ''}  last used ${k.lastUsedAt ?? 'never'}`),
    `${keys.length} key(s).`,
  ];
}

export async function revokeKeyCommand(services: Services, actor: Actor, id: string | undefined): Promise<string[]> {
  if (!id) throw new AuthCommandError('revoke-key needs the key id');
  const info = await services.apiKeys.revoke(id, actor);
  return [`Revoked key ${info.id} (${info.scope}) at ${info.revokedAt}.`];
}
