import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import type { ASTNode, DocumentNode, GraphQLError, GraphQLSchema, OperationDefinitionNode, ValidationRule } from 'graphql';
import { graphql } from './graphql-cjs.ts';
import { listSizeLimits, pageSizeLimits, type QueryLimits } from './query-limits.ts';

const { getArgumentValues, getVariableValues, Kind, TypeInfo, validate, visit, visitWithTypeInfo } = graphql;

/** One refused limit, in words a client can act on. */
export type LimitBreach =
  | { kind: 'too-complex'; limit: keyof QueryLimits; message: string }
  | { kind: 'page-too-large'; field: Array<string | number>; message: string };

type Counted = { name: string; limit: keyof QueryLimits; rule: (onReject: (error: GraphQLError) => void, max: number) => ValidationRule };

// graphql-armor's rules report "... limit of 8 exceeded, found 9."; they are run without
// throwing and their finding is reworded. Introspection is ignored by depth and cost, as
// armor does by default, so GraphiQL can load the schema.
const counted: Counted[] = [
  { name: 'Query depth', limit: 'depth', rule: (onReject, n) => maxDepthRule({ n, onReject: [(_c, e) => onReject(e)], propagateOnRejection: false }) },
  { name: 'Aliases', limit: 'aliases', rule: (onReject, n) => maxAliasesRule({ n, onReject: [(_c, e) => onReject(e)], propagateOnRejection: false }) },
  { name: 'Directives', limit: 'directives', rule: (onReject, n) => maxDirectivesRule({ n, onReject: [(_c, e) => onReject(e)], propagateOnRejection: false }) },
  { name: 'Query cost', limit: 'cost', rule: (onReject, maxCost) => costLimitRule({ maxCost, onReject: [(_c, e) => onReject(e)], propagateOnRejection: false }) },
];

const FOUND = /found (\d+(?:\.\d+)?)/;

/** Depth, aliases, directives, cost and tokens of a parsed request against one caller's limits; firstBreach picks the one to name. */
export function documentLimitBreaches(schema: GraphQLSchema, source: string, document: DocumentNode, limits: QueryLimits): LimitBreach[] {
  const breaches: LimitBreach[] = [];
  const rules = counted.map((check) => {
    const max = limits[check.limit];
    return check.rule((error) => {
      const found = FOUND.exec(error.message)?.[1];
      const message = found ? `${check.name} ${Math.ceil(Number(found))} exceeds the limit of ${max}` : `${check.name} exceeds the limit of ${max}`;
      breaches.push({ kind: 'too-complex', limit: check.limit, message });
    }, max);
  });
  validate(schema, document, rules);
  try {
    new MaxTokensParserWLexer(source, { n: limits.tokens }).parseDocument();
  } catch {
    // Apollo parsed the same text, so the only failure left is the token limit.
    breaches.push({ kind: 'too-complex', limit: 'tokens', message: `Query has more than ${limits.tokens} tokens, the limit` });
  }
  return breaches;
}

/** The breach a refusal names: the shape first (depth, aliases, directives), then a page size, then cost and tokens, which follow from those. */
export function firstBreach(breaches: readonly LimitBreach[]): LimitBreach | undefined {
  const rank = (breach: LimitBreach) => (breach.kind === 'page-too-large' ? 3 : ({ depth: 0, aliases: 1, directives: 2, cost: 4, tokens: 5, resolvedFields: 6 } as const)[breach.limit]);
  return [...breaches].sort((a, b) => rank(a) - rank(b))[0];
}

/**
 * `first` (and any argument in pageSizeLimits) above its maximum, and list arguments longer
 * than listSizeLimits allow, with variables and
 * defaults applied. Only the operation that runs and the fragments are looked at; a
 * request whose variables do not coerce is left to execution, which refuses it.
 */
export function pageSizeBreaches(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): LimitBreach[] {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  if (coerced.errors) return [];
  const breaches: LimitBreach[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition: (node) => (node === operation ? undefined : false),
      Field(node, _key, _parent, _path, ancestors) {
        const field = typeInfo.getFieldDef();
        const parentType = typeInfo.getParentType();
        if (!field || !parentType) return;
        const key = (arg: { name: string }) => `${parentType.name}.${field.name}.${arg.name}`;
        const capped = field.args.filter((arg) => pageSizeLimits[key(arg)] !== undefined || listSizeLimits[key(arg)] !== undefined);
        if (capped.length === 0) return;
        let values: Record<string, unknown>;
        try {
          values = getArgumentValues(field, node, coerced.coerced);
        } catch {
          return;
        }
        for (const arg of capped) {
          const value = values[arg.name];
          const path = () => [...responsePath(ancestors), node.alias?.value ?? node.name.value, arg.name];
          const pageMax = pageSizeLimits[key(arg)];
          if (pageMax !== undefined && typeof value === 'number' && value > pageMax) {
            breaches.push({ kind: 'page-too-large', field: path(), message: `${path().join('.')} must be at most ${pageMax}` });
          }
          const listMax = listSizeLimits[key(arg)];
          if (listMax !== undefined && Array.isArray(value) && value.length > listMax) {
            breaches.push({ kind: 'page-too-large', field: path(), message: `${path().join('.')} may hold at most ${listMax} entries, not ${value.length}` });
          }
        }
      },
    }),
  );
  return breaches;
}

/** Response keys of the enclosing fields, from the operation's root or `...Fragment`. */
function responsePath(ancestors: ReadonlyArray<ASTNode | ReadonlyArray<ASTNode>>): string[] {
  const path: string[] = [];
  for (const node of ancestors) {
    if (!('kind' in node)) continue;
    if (node.kind === Kind.FRAGMENT_DEFINITION) path.push(`...${node.name.value}`);
    else if (node.kind === Kind.FIELD) path.push(node.alias?.value ?? node.name.value);
  }
  return path;
}
