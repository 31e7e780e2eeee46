import { makeExecutableSchema } from '@graphql-tools/schema';
import type { OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadTypeDefs } from '../server.ts';
import { documentLimitBreaches, firstBreach, pageSizeBreaches, type LimitBreach } from './document-limits.ts';
import { graphql } from './graphql-cjs.ts';
import { aliasedQuery, cyclicCustomerQuery as cyclicQuery } from '../../test/support/abusive-queries.ts';
import { pageSizeLimits, parserTokenLimit, queryLimits } from './query-limits.ts';

const { getIntrospectionQuery, getNamedType, isObjectType, Kind, parse } = graphql;
const schema = makeExecutableSchema({ typeDefs: loadTypeDefs() });
const person = queryLimits.person;
const key = queryLimits.key;

const breachesOf = (query: string, limits = person) => documentLimitBreaches(schema, query, parse(query), limits);
const limitsOf = (breaches: LimitBreach[]) => breaches.map((b) => (b.kind === 'too-complex' ? b.limit : b.field));
const pageBreaches = (query: string, variables?: Record<string, unknown>) => {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return pageSizeBreaches(schema, document, operation, variables);
};

describe('documentLimitBreaches', () => {
  it('refuses the eight-level cyclic customer query: depth 9 against 8', () => {
    expect(breachesOf(cyclicQuery(8))).toEqual([{ kind: 'too-complex', limit: 'depth', message: 'Query depth 9 exceeds the limit of 8' }]);
    expect(breachesOf(cyclicQuery(7))).toEqual([]);
  });

  it('refuses a thousand levels', () => {
    const query = cyclicQuery(1_001);
    expect(breachesOf(query).map((b) => b.message)).toContain('Query depth 1002 exceeds the limit of 8');
  });

  it('refuses 16 aliases and allows 15', () => {
    expect(breachesOf(aliasedQuery(15))).toEqual([]);
    expect(breachesOf(aliasedQuery(16))).toEqual([{ kind: 'too-complex', limit: 'aliases', message: 'Aliases 16 exceeds the limit of 15' }]);
  });

  it('counts a literal page size into the cost', () => {
    // The documented 1,000-row crosswalk page passes; seven of them at once do not.
    expect(breachesOf('{ crosswalk(first: 1000) { source sourceRecordId customerId cursor } }')).toEqual([]);
    const seven = `{ ${Array.from({ length: 7 }, (_, i) => `p${i}: crosswalk(first: 1000) { source sourceRecordId customerId cursor }`).join(' ')} }`;
    expect(breachesOf(seven)).toEqual([{ kind: 'too-complex', limit: 'cost', message: 'Query cost 56000 exceeds the limit of 50000' }]);
  });

  it('refuses too many directives and tokens', () => {
    const directives = `{ me { ${Array.from({ length: 51 }, () => '__typename @include(if: true)').join(' ')} } }`;
    expect(limitsOf(breachesOf(directives))).toContain('directives');
    const tokens = `{ me { ${'id '.repeat(1_000)} } }`;
    expect(breachesOf(tokens)).toContainEqual({ kind: 'too-complex', limit: 'tokens', message: 'Query has more than 1000 tokens, the limit' });
    expect(parserTokenLimit).toBeGreaterThan(person.tokens);
  });

  it('gives machine keys the tighter limits', () => {
    const query = cyclicQuery(5);
    expect(breachesOf(query, person)).toEqual([]);
    expect(breachesOf(query, key)).toEqual([{ kind: 'too-complex', limit: 'depth', message: 'Query depth 6 exceeds the limit of 5' }]);
    expect(limitsOf(breachesOf(aliasedQuery(6), key))).toEqual(['aliases']);
  });

  it('lets GraphiQL load the schema', () => {
    expect(breachesOf(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, schemaDescription: true, specifiedByUrl: true, directiveIsRepeatable: true }))).toEqual([]);
  });
});

describe('firstBreach', () => {
  it('names the shape of a query before its page sizes, cost and tokens', () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: me { id }`).join(' ');
    const query = `{ customer(id: "c") { records { interactions(first: 100000) { type } } } ${aliases} }`;
    const breaches = [...breachesOf(query), ...pageBreaches(query)];
    expect(limitsOf(breaches)).toEqual(expect.arrayContaining(['aliases', 'cost', ['customer', 'records', 'interactions', 'first']]));
    expect(firstBreach(breaches)).toMatchObject({ limit: 'aliases' });
    expect(firstBreach(breaches.filter((b) => b.kind !== 'too-complex' || b.limit !== 'aliases'))).toMatchObject({ kind: 'page-too-large' });
  });
});

describe('pageSizeBreaches', () => {
  it('refuses a page above the maximum, from a literal or a variable, naming the path', () => {
    expect(pageBreaches('{ crosswalk(first: 1000) { cursor } }')).toEqual([]);
    expect(pageBreaches('{ big: crosswalk(first: 10000) { cursor } }')).toEqual([{ kind: 'page-too-large', field: ['big', 'first'], message: 'big.first must be at most 1000' }]);
    expect(pageBreaches('query($n: Int) { auditTrail(first: $n) { id } }', { n: 1_001 })).toEqual([
      { kind: 'page-too-large', field: ['auditTrail', 'first'], message: 'auditTrail.first must be at most 1000' },
    ]);
    expect(pageBreaches('query($n: Int) { auditTrail(first: $n) { id } }', {})).toEqual([]);
  });

  it('finds nested lists and lists inside fragments', () => {
    const query = 'query { customer(id: "c") { records { interactions(first: 501) { type } ...R } } } fragment R on SourceRecord { interactions(first: 9999) { type } }';
    expect(limitsOf(pageBreaches(query))).toEqual([
      ['customer', 'records', 'interactions', 'first'],
      ['...R', 'interactions', 'first'],
    ]);
  });

  it('refuses a list argument longer than its maximum (customerChanged ids), naming the path', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `cus_${i}`);
    const query = 'subscription($ids: [ID!]) { customerChanged(ids: $ids) { eventId } }';
    expect(pageBreaches(query, { ids: ids(100) })).toEqual([]);
    expect(pageBreaches(query, { ids: ids(101) })).toEqual([
      { kind: 'page-too-large', field: ['customerChanged', 'ids'], message: 'customerChanged.ids may hold at most 100 entries, not 101' },
    ]);
    expect(pageBreaches('subscription { customerChanged { eventId } }')).toEqual([]);
  });

  it('leaves variables that do not coerce to execution', () => {
    expect(pageBreaches('query($n: Int) { crosswalk(first: $n) { cursor } }', { n: 'many' })).toEqual([]);
  });

  it('has a maximum for every `first` argument in the schema', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) {
          const name = `${type.name}.${field.name}.${arg.name}`;
          if ((arg.name === 'first' || arg.name === 'last') && getNamedType(arg.type).name === 'Int' && pageSizeLimits[name] === undefined) missing.push(name);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
