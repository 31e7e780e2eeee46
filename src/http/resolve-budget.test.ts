import { ApolloServer } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { describe, expect, it } from 'vitest';
import { applyMiddleware } from '../auth/shield.ts';
import type { Caller } from '../auth/caller.ts';
import type { Context } from '../context.ts';
import { queryLimits } from './query-limits.ts';
import { queryLimitsPlugin } from './query-limits.plugin.ts';
import { resolveBudgetMiddleware } from './resolve-budget.ts';

// A node with a thousand children, each the same node: the shape of a customer whose
// thousand records each lead back to it. Four levels would be 10^9 objects.
const children = Array.from({ length: 1_000 }, (_, i) => ({ id: String(i) }));
let resolvedChildLists = 0;
const schema = applyMiddleware(
  makeExecutableSchema({
    typeDefs: 'type Query { node: Node } type Mutation { touch: Boolean } type Node { id: ID! children: [Node!]! }',
    resolvers: {
      Query: { node: () => ({ id: 'root' }) },
      Node: {
        children: async () => {
          resolvedChildLists += 1;
          return children;
        },
      },
    },
  }),
  resolveBudgetMiddleware(),
);

async function run(query: string, caller: Caller) {
  const server = new ApolloServer<Context>({ schema, plugins: [queryLimitsPlugin()] });
  await server.start();
  try {
    return await server.executeOperation({ query }, { contextValue: { caller } as Context });
  } finally {
    await server.stop();
  }
}

const person: Caller = { kind: 'user', id: 'steward-1', roles: ['steward'] };

describe('the resolve budget', () => {
  it('aborts a fan-out the static limits allow with one QUERY_TOO_COMPLEX error, promptly', async () => {
    resolvedChildLists = 0;
    const started = performance.now();
    const res = await run('{ node { children { children { children { id } } } } }', person);
    const elapsed = performance.now() - started;
    expect(res.http.status).toBe(400);
    expect(res.body.kind === 'single' && res.body.singleResult).toEqual({
      data: null,
      errors: [{ message: expect.stringContaining(`more than ${queryLimits.person.resolvedFields} fields`), extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'resolvedFields' } }],
    });
    // The third level's lists are refused before their items are completed.
    expect(resolvedChildLists).toBeLessThan(1_000 + 200);
    expect(elapsed).toBeLessThan(2_000);
  });

  it('lets a request within the budget through untouched', async () => {
    const res = await run('{ node { children { id } } }', person);
    expect(res.body.kind === 'single' && res.body.singleResult.errors).toBeUndefined();
    expect(res.body.kind === 'single' && (res.body.singleResult.data as { node: { children: unknown[] } }).node.children).toHaveLength(1_000);
  });

  it('gives a machine key the smaller budget', async () => {
    const key: Caller = { kind: 'key', id: 'key-1', scope: { kind: 'source', source: 'crm' } };
    const query = '{ node { children { children { id } } } }';
    expect((await run(query, person)).body).toMatchObject({ singleResult: { data: null } });
    const twoLevels = '{ node { children { id } } a: node { children { id } } b: node { children { id } } c: node { children { id } } d: node { children { id } } }';
    expect((await run(twoLevels, person)).body).not.toMatchObject({ singleResult: { data: null } });
    expect((await run(twoLevels, key)).body).toMatchObject({ singleResult: { data: null, errors: [{ extensions: { code: 'QUERY_TOO_COMPLEX' } }] } });
  });
});
