import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from '../config.ts';
import { DomainError } from '../errors/domain-error.ts';
import { isStaffRole, type Caller, type StaffRole } from './caller.ts';

/** Caller ids longer than this are refused: the audit trail records them. */
export const MAX_CALLER_ID_LENGTH = 128;
const CALLER_ID = /^[\w.@:|+-]+$/;

export type TokenVerifier = (token: string) => Promise<Caller & { kind: 'user' }>;

const unauthenticated = (why: string) => new DomainError('UNAUTHENTICATED', `Bearer token refused: ${why}`, { clientMessage: 'Invalid or expired credentials' });

/**
 * Checks a bearer JWT: the signature (HS256 with the shared secret, or the provider's
 * JWKS), expiry, and issuer and audience when configured. The subject and roles come
 * from the configured claims; roles the product does not know are ignored.
 */
export function createTokenVerifier(auth: AuthConfig): TokenVerifier {
  const secretKey = auth.verifier.kind === 'secret' ? new TextEncoder().encode(auth.verifier.secret) : null;
  const jwks: JWTVerifyGetKey | null = auth.verifier.kind === 'jwks' ? createRemoteJWKSet(new URL(auth.verifier.url)) : null;
  const options = {
    ...(auth.issuer ? { issuer: auth.issuer } : {}),
    ...(auth.audience ? { audience: auth.audience } : {}),
    algorithms: secretKey ? ['HS256'] : ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'],
    requiredClaims: ['exp'],
  };
  return async (token) => {
    let payload: JWTPayload;
    try {
      payload = secretKey ? (await jwtVerify(token, secretKey, options)).payload : (await jwtVerify(token, jwks!, options)).payload;
    } catch (error) {
      throw unauthenticated((error as { code?: string }).code ?? 'unverifiable');
    }
    const id = claimAt(payload, auth.subjectClaim);
    if (typeof id !== 'string' || id.length === 0 || id.length > MAX_CALLER_ID_LENGTH || !CALLER_ID.test(id)) {
      throw unauthenticated('subject claim missing or malformed');
    }
    return { kind: 'user', id, roles: rolesOf(claimAt(payload, auth.rolesClaim)) };
  };
}

function claimAt(payload: JWTPayload, path: string): unknown {
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Providers send roles as an array or as a space- or comma-separated string. */
function rolesOf(claim: unknown): StaffRole[] {
  const names = Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(/[\s,]+/) : [];
  return [...new Set(names.filter((name): name is string => typeof name === 'string').filter(isStaffRole))];
}

/** A development token signed with the shared secret (`npm run cli -- token`, tests). */
export async function mintToken(
  auth: AuthConfig,
  claims: { id: string; roles: readonly StaffRole[]; ttlSeconds?: number },
): Promise<string> {
  if (auth.verifier.kind !== 'secret') throw new DomainError('BAD_USER_INPUT', 'Tokens are issued by the OIDC provider', { clientMessage: 'Tokens are issued by the configured OIDC provider' });
  const payload: JWTPayload = { ...nested(auth.rolesClaim, [...claims.roles]), ...(auth.subjectClaim === 'sub' ? {} : nested(auth.subjectClaim, claims.id)) };
  const jwt = new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).setSubject(claims.id).setIssuedAt().setExpirationTime(`${claims.ttlSeconds ?? 8 * 3600}s`);
  if (auth.issuer) jwt.setIssuer(auth.issuer);
  if (auth.audience) jwt.setAudience(auth.audience);
  return jwt.sign(new TextEncoder().encode(auth.verifier.secret));
}

const nested = (path: string, value: unknown): Record<string, unknown> =>
  path.split('.').reduceRight<Record<string, unknown>>((inner, part, index, parts) => ({ [part]: index === parts.length - 1 ? value : inner }), {});
