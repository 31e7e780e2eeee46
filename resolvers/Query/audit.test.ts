import { buildASTSchema, isEnumType, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { auditOperations } from '../../src/audit/audit.ts';
import type { AuditOperation as AuditOperationEnum } from '../../src/generated/graphql.ts';
import { loadTypeDefs } from '../../src/server.ts';
import { enumNameOf, operationOf } from './audit.ts';

describe('audit operation names', () => {
  it('map every stored operation to a value of the GraphQL enum and back, and every enum value to an operation', () => {
    const type = buildASTSchema(parse(loadTypeDefs().join('\n'))).getType('AuditOperation');
    if (!isEnumType(type)) throw new Error('AuditOperation is not an enum');
    const names = type.getValues().map((v) => v.name).sort();
    expect(auditOperations.map(enumNameOf).sort()).toEqual(names);
    for (const name of names) expect(enumNameOf(operationOf(name as AuditOperationEnum))).toBe(name);
  });
});
