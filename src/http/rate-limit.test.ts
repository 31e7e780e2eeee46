import { ApolloServer } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Caller } from '../auth/caller.ts';
import type { Context } from '../context.ts';
import { graphql } from './graphql-cjs.ts';
import { ConfigError, defaultRateLimits, loadConfig } from '../config.ts';
import { queryLimitsPlugin } from './query-limits.plugin.ts';
import { createCallerRateLimiter, rootFieldCount } from './rate-limit.ts';

const agent = (id: string): Caller => ({ kind: 'user', id, roles: ['agent'] });
const operationOf = (query: string) => {
  const document = graphql.parse(query);
  return { document, operation: document.definitions.find((d): d is OperationDefinitionNode => d.kind === graphql.Kind.OPERATION_DEFINITION)! };
};

describe('rate limit settings', () => {
  it('default to 600 requests and 10 verifyCaller calls a minute, and read the environment', () => {
    expect(loadConfig({}).rateLimits).toEqual({ queriesPerMinute: 600, verifyCallerPerMinute: 10 });
    expect(defaultRateLimits).toEqual(loadConfig({}).rateLimits);
    expect(loadConfig({ RATE_LIMIT_QUERIES_PER_MINUTE: '30', RATE_LIMIT_VERIFY_CALLER_PER_MINUTE: '3' }).rateLimits).toEqual({ queriesPerMinute: 30, verifyCallerPerMinute: 3 });
    expect(() => loadConfig({ RATE_LIMIT_QUERIES_PER_MINUTE: '0' })).toThrow(ConfigError);
  });
});

describe('createCallerRateLimiter', () => {
  it('allows a caller its requests per minute, then refuses with the seconds to wait', async () => {
    const limiter = createCallerRateLimiter({ queriesPerMinute: 3, verifyCallerPerMinute: 10 });
    for (let i = 0; i < 3; i += 1) expect(await limiter.request(agent('a'))).toBeNull();
    const refusal = await limiter.request(agent('a'));
    expect(refusal?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refusal?.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(await limiter.request(agent('b'))).toBeNull();
    // A key and a person with the same id are different callers.
    expect(await limiter.request({ kind: 'key', id: 'a', scope: { kind: 'source', source: 'crm' } })).toBeNull();
  });

  it('counts every verifyCaller at the root, aliased or in fragments, and nothing else', async () => {
    const count = (query: string) => {
      const { document, operation } = operationOf(query);
      return rootFieldCount(document, operation, 'verifyCaller');
    };
    expect(count('mutation { a: verifyCaller(x: 1) b: verifyCaller(x: 2) ... on Mutation { verifyCaller(x: 3) } ...F } fragment F on Mutation { verifyCaller(x: 4) }')).toBe(4);
    expect(count('{ me { id } }')).toBe(0);
    const limiter = createCallerRateLimiter({ queriesPerMinute: 100, verifyCallerPerMinute: 3 });
    const { document, operation } = operationOf('mutation { a: verifyCaller(x: 1) b: verifyCaller(x: 2) }');
    expect(await limiter.rootFields(agent('a'), document, operation)).toBeNull();
    expect(await limiter.rootFields(agent('a'), document, operation)).not.toBeNull();
  });
});

describe('queryLimitsPlugin with a rate limiter', () => {
  const schema = makeExecutableSchema({
    typeDefs: 'type Query { ok: Boolean! } type Mutation { verifyCaller(customerId: ID!): Boolean! }',
    resolvers: { Query: { ok: () => true }, Mutation: { verifyCaller: () => true } },
  });

  it('answers the eleventh verifyCaller of an agent in a minute with 429, retry-after and RATE_LIMITED', async () => {
    const limiter = createCallerRateLimiter({ queriesPerMinute: 100, verifyCallerPerMinute: 10 });
    const server = new ApolloServer<Context>({ schema, plugins: [queryLimitsPlugin(limiter)] });
    await server.start();
    const verify = (caller: Caller) =>
      server.executeOperation({ query: 'mutation { verifyCaller(customerId: "cus_1") }' }, { contextValue: { caller } as Context });
    try {
      for (let i = 0; i < 10; i += 1) {
        const ok = await verify(agent('agent-1'));
        expect(ok.body.kind === 'single' && ok.body.singleResult.errors).toBeFalsy();
      }
      const refused = await verify(agent('agent-1'));
      expect(refused.http.status).toBe(429);
      expect(Number(refused.http.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(refused.body.kind === 'single' && refused.body.singleResult.errors?.[0]?.extensions?.['code']).toBe('RATE_LIMITED');
      // Another agent, and queries of the same agent, are not affected.
      expect((await verify(agent('agent-2'))).http.status).toBeUndefined();
      const query = await server.executeOperation({ query: '{ ok }' }, { contextValue: { caller: agent('agent-1') } as Context });
      expect(query.body.kind === 'single' && query.body.singleResult.data).toEqual({ ok: true });
    } finally {
      await server.stop();
    }
  });
});
