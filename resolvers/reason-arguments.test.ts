import type { GraphQLArgument, GraphQLInputType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { PersonalReadLog } from '../src/auth/personal-read-log.ts';
import type { Context } from '../src/context.ts';
import { isDomainError } from '../src/errors/domain-error.ts';
import { graphql as graphqlJs } from '../src/http/graphql-cjs.ts';
import { buildSchema } from '../src/server.ts';

// The copy of graphql-js the schema was built with (see graphql-cjs.ts).
const { getNamedType, getNullableType, graphql, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType, isScalarType } = graphqlJs;

// Bug (issue #11): an empty or blank reason was accepted by every steward action. Every
// mutation argument named `reason` is walked here, so a new mutation cannot forget it.

const schema = buildSchema();
const mutations = Object.values(schema.getMutationType()!.getFields()).filter((field) => field.args.some((arg) => arg.name === 'reason'));

/** A value of the type that passes GraphQL's own coercion (an id-shaped string, the first enum value...). */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(Object.values(type.getFields()).filter((f) => isNonNullType(f.type)).map((f) => [f.name, sample(f.type)]));
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
      case 'Float':
        return 1;
      case 'Boolean':
        return false;
      case 'JSON':
        return {};
      case 'DateTime':
        return '2024-01-01T00:00:00Z';
      default:
        return 'sample-1';
    }
  }
  throw new Error(`no sample for ${String(type)}`);
}

/** Services that fail when called: the reason must be refused before any service is reached. */
const unreachable: unknown = new Proxy(() => undefined, {
  get: (_target, prop) => (prop === 'then' ? undefined : unreachable),
  apply: () => {
    throw new Error('a service was reached');
  },
});

const context = (): Context =>
  ({
    requestId: 'reason-test',
    caller: { kind: 'user', id: 'admin-1', roles: ['admin'] },
    actor: { id: 'admin-1', role: 'admin', requestId: 'reason-test' },
    logger: console,
    services: unreachable,
    loaders: unreachable,
    personalReads: new PersonalReadLog(),
    serviceInfo: () => ({ version: 'test', migrations: [] }),
  }) as unknown as Context;

async function call(field: (typeof mutations)[number], reason: string) {
  const args = field.args.filter((arg: GraphQLArgument) => arg.name === 'reason' || isNonNullType(arg.type));
  const variables = Object.fromEntries(args.map((arg) => [arg.name, arg.name === 'reason' ? reason : sample(arg.type)]));
  const selection = isObjectType(getNamedType(getNullableType(field.type))) ? '{ __typename }' : '';
  const source = `mutation(${args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ')}) {
    ${field.name}(${args.map((arg) => `${arg.name}: $${arg.name}`).join(', ')}) ${selection}
  }`;
  return graphql({ schema, source, variableValues: variables, contextValue: context() });
}

describe('every mutation that asks for a reason', () => {
  it('is found in the schema', () => {
    expect(mutations.map((m) => m.name)).toEqual(
      expect.arrayContaining(['mergeCustomers', 'splitCustomer', 'unmergeCustomers', 'pinValue', 'unpinValue', 'markDifferentPeople', 'approveReviews', 'rejectReviews', 'dismissRejection']),
    );
  });

  for (const field of mutations) {
    it.each(['', '   ', '\n\t'])(`${field.name} refuses the reason %j with BAD_USER_INPUT at reason`, async (reason) => {
      const result = await call(field, reason);
      expect(result.errors, JSON.stringify(result)).toHaveLength(1);
      const error = result.errors![0]!.originalError;
      expect(isDomainError(error) ? { code: error.code, field: error.field } : String(error)).toEqual({ code: 'BAD_USER_INPUT', field: ['reason'] });
    });
  }
});
