import { buildASTSchema, isObjectType, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadTypeDefs } from '../server.ts';
import { rules } from './permissions.ts';

const schema = buildASTSchema(parse(loadTypeDefs().join('\n')));
const objectTypes = Object.values(schema.getTypeMap()).filter((type) => isObjectType(type) && !type.name.startsWith('__'));

/** A type-wide rule, or a map with one rule per field. */
const ruleOf = (typeName: string, fieldName: string): unknown => {
  const entry = (rules as Record<string, unknown>)[typeName];
  if (entry === undefined) return undefined;
  if (typeof entry === 'object' && entry !== null && !('resolve' in entry)) return (entry as Record<string, unknown>)[fieldName];
  return entry;
};

describe('access rules', () => {
  it('give every field of every type a rule (a new field without one fails here)', () => {
    const missing = objectTypes.flatMap((type) =>
      Object.keys((type as { getFields(): Record<string, unknown> }).getFields())
        .filter((field) => ruleOf(type.name, field) === undefined)
        .map((field) => `${type.name}.${field}`),
    );
    expect(missing).toEqual([]);
  });

  it('name a rule for each root field one by one: no type-wide rule on Query or Mutation', () => {
    for (const root of ['Query', 'Mutation']) {
      const entry = (rules as Record<string, unknown>)[root];
      expect(typeof entry === 'object' && entry !== null && !('resolve' in entry)).toBe(true);
      expect(Object.keys(entry as object)).not.toContain('*');
    }
  });

  it('have no rule for a type or field the schema does not have', () => {
    const stale = Object.entries(rules as Record<string, unknown>).flatMap(([typeName, entry]) => {
      const type = schema.getType(typeName);
      if (!type || !isObjectType(type)) return [typeName];
      if (typeof entry === 'object' && entry !== null && !('resolve' in entry)) {
        return Object.keys(entry).filter((field) => !(field in type.getFields())).map((field) => `${typeName}.${field}`);
      }
      return [];
    });
    expect(stale).toEqual([]);
  });
});
