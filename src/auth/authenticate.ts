import type { NextFunction, Request, Response } from 'express';
import { DomainError, isDomainError } from '../errors/domain-error.ts';
import { httpStatusOf, graphqlCodeOf } from '../errors/format-error.ts';
import { looksLikeKey } from './api-key.ts';
import type { ApiKeyService } from './api-key.service.ts';
import type { Caller } from './caller.ts';
import type { TokenVerifier } from './token.ts';

export type Authenticator = (headers: Request['headers']) => Promise<Caller | null>;

const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

/**
 * Who the request comes from: `Authorization: Bearer <JWT>` for people, `Authorization:
 * Bearer igk_...` or `x-api-key: igk_...` for machines; null without credentials.
 * Credentials that are present but wrong are an error, never "anonymous".
 */
export function createAuthenticator(tokens: TokenVerifier, keys: ApiKeyService): Authenticator {
  return async (headers) => {
    const authorization = single(headers.authorization);
    const apiKey = single(headers['x-api-key']);
    if (authorization && apiKey) throw new DomainError('UNAUTHENTICATED', 'Two credentials', { clientMessage: 'Send one credential: Authorization or x-api-key' });
    if (apiKey) return keys.authenticate(apiKey);
    if (!authorization) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw new DomainError('UNAUTHENTICATED', 'Not a bearer credential', { clientMessage: 'Authorization must be Bearer <token>' });
    return looksLikeKey(match[1]!) ? keys.authenticate(match[1]!) : tokens(match[1]!);
  };
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by `requireCaller`: the authenticated caller. */
    caller?: Caller;
  }
}

/**
 * Express middleware: every request it guards must carry valid credentials. Answers 401
 * with a GraphQL-shaped error (`extensions.code: UNAUTHENTICATED`) otherwise.
 */
export function requireCaller(authenticate: Authenticator) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const caller = await authenticate(req.headers);
      if (!caller) throw new DomainError('UNAUTHENTICATED', 'No credentials', { clientMessage: 'Authentication required: send Authorization: Bearer <token> or x-api-key' });
      req.caller = caller;
      next();
    } catch (error) {
      if (!isDomainError(error)) {
        next(error);
        return;
      }
      const status = httpStatusOf(error.code);
      if (status === 401) res.setHeader('www-authenticate', 'Bearer');
      res.status(status).json({ errors: [{ message: error.clientMessage ?? 'Authentication failed', extensions: { code: graphqlCodeOf(error.code) } }] });
    }
  };
}
