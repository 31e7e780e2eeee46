import type { RequestHandler } from 'express';
import type { DocumentNode, FragmentDefinitionNode, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Caller } from '../auth/caller.ts';
import { defaultRateLimits, type Config } from '../config.ts';
import { graphqlCodeOf } from '../errors/format-error.ts';
import { graphql } from './graphql-cjs.ts';

const { Kind } = graphql;

/**
 * Per-caller rate limits, in memory and per process (several API processes each allow
 * the full rate). Applied after authentication, so the key is the caller's id; requests
 * refused by authentication never reach them.
 */
export type RateLimits = Config['rateLimits'];

export type Refusal = { retryAfterSeconds: number };

export type CallerRateLimiter = {
  /** One point per request; a refusal when the caller has none left this minute. */
  request(caller: Caller): Promise<Refusal | null>;
  /** One point per call of `verifyCaller` at the operation's root (each alias counts). */
  rootFields(caller: Caller, document: DocumentNode, operation: OperationDefinitionNode): Promise<Refusal | null>;
};

const keyOf = (caller: Caller) => `${caller.kind}:${caller.id}`;

async function consume(limiter: RateLimiterMemory, key: string, points: number): Promise<Refusal | null> {
  try {
    await limiter.consume(key, points);
    return null;
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    return { retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
  }
}

/** With no limits given, the defaults of RATE_LIMIT_QUERIES_PER_MINUTE and RATE_LIMIT_VERIFY_CALLER_PER_MINUTE. */
export function createCallerRateLimiter(limits: RateLimits = defaultRateLimits): CallerRateLimiter {
  const requests = new RateLimiterMemory({ keyPrefix: 'requests', points: limits.queriesPerMinute, duration: 60 });
  const verifyCaller = new RateLimiterMemory({ keyPrefix: 'verifyCaller', points: limits.verifyCallerPerMinute, duration: 60 });
  return {
    request: (caller) => consume(requests, keyOf(caller), 1),
    async rootFields(caller, document, operation) {
      const calls = rootFieldCount(document, operation, 'verifyCaller');
      return calls === 0 ? null : consume(verifyCaller, keyOf(caller), calls);
    },
  };
}

/** How often `name` is called at the operation's root, through fragments too. */
export function rootFieldCount(document: DocumentNode, operation: OperationDefinitionNode, name: string): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const seen = new Set<string>();
  const count = (set: SelectionSetNode): number => {
    let calls = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) calls += selection.name.value === name ? 1 : 0;
      else if (selection.kind === Kind.INLINE_FRAGMENT) calls += count(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) calls += count(fragment.selectionSet);
      }
    }
    return calls;
  };
  return count(operation.selectionSet);
}

export const rateLimitMessage = (refusal: Refusal) => `Too many requests: retry after ${refusal.retryAfterSeconds} s`;

/** Express middleware after authentication: 429 with `retry-after` and a GraphQL-shaped error. */
export function rateLimitRequests(limiter: CallerRateLimiter): RequestHandler {
  return async (req, res, next) => {
    try {
      const refusal = req.caller ? await limiter.request(req.caller) : null;
      if (!refusal) {
        next();
        return;
      }
      res.setHeader('retry-after', String(refusal.retryAfterSeconds));
      res.status(429).json({ errors: [{ message: rateLimitMessage(refusal), extensions: { code: graphqlCodeOf('RATE_LIMITED') } }] });
    } catch (error) {
      next(error);
    }
  };
}
