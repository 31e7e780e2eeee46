import type { GraphQLResolveInfo } from 'graphql';
import type { IMiddlewareFunction, IMiddlewareTypeMap } from 'graphql-middleware';
import type { Context } from '../context.ts';
import { hasRole } from './caller.ts';
import { maskValue, personalTypes, type OwnerSource, type PersonalClass, type PersonalField } from './personal-fields.ts';


type Parent = Record<string, unknown>;

async function ownersOf(owner: OwnerSource, parent: Parent, ctx: Context): Promise<{ customerIds: string[]; recordKey: string | null }> {
  switch (owner) {
    case 'golden':
    case 'attribute-change':
    case 'enrichment': {
      const id = parent['customerId'];
      return { customerIds: typeof id === 'string' ? [id] : [], recordKey: null };
    }
    case 'record': {
      const key = String(parent['key']);
      const id = await ctx.loaders.customerIdOfRecord.load(key);
      return { customerIds: id ? [id] : [], recordKey: key };
    }
    case 'identifier': {
      const via = parent['viaRecordKey'];
      const keys = typeof via === 'string' ? [via] : Array.isArray(parent['recordKeys']) ? (parent['recordKeys'] as string[]) : [];
      const ids = await ctx.loaders.customerIdOfRecord.loadMany(keys);
      return { customerIds: [...new Set(ids.filter((id): id is string => typeof id === 'string'))], recordKey: null };
    }
    case 'none':
      return { customerIds: [], recordKey: typeof parent['key'] === 'string' ? parent['key'] : null };
    default: {
      const unreachable: never = owner;
      return unreachable;
    }
  }
}

/**
 * Whether this caller sees a value of this class about these customers in clear. Admins,
 * stewards and privacy officers do; agents see names, and contact details only of
 * customers they verified; everyone else sees masks.
 */
async function seesInClear(ctx: Context, personalClass: PersonalClass, customerIds: string[]): Promise<boolean> {
  const caller = ctx.caller;
  if (hasRole(caller, 'admin', 'steward', 'privacy_officer')) return true;
  if (!hasRole(caller, 'agent')) return false;
  if (personalClass === 'name') return true;
  if (customerIds.length === 0) return false;
  const unlocked = await ctx.loaders.unlockedFor.loadMany(customerIds);
  return unlocked.every((u) => u === true);
}

/** A partner key reads in clear what its own partner wrote (partnerEnrichment answers nothing else). */
const writtenByCaller = (owner: OwnerSource, parent: Parent, ctx: Context): boolean =>
  owner === 'enrichment' && ctx.caller.kind === 'key' && ctx.caller.scope.kind === 'partner' && parent['partner'] === ctx.caller.scope.partner;

function guard(typeName: string, fieldName: string, field: PersonalField, owner: OwnerSource): IMiddlewareFunction<Parent, Context> {
  return async (resolve, parent, args, ctx, info: GraphQLResolveInfo) => {
    const value: unknown = await resolve(parent, args, ctx, info);
    if (value == null || (Array.isArray(value) && value.length === 0)) return value;
    const { customerIds, recordKey } = await ownersOf(owner, parent, ctx);
    const clear = writtenByCaller(owner, parent, ctx) || (field.clearTo !== undefined && hasRole(ctx.caller, ...field.clearTo)) || (await seesInClear(ctx, field.class, customerIds));
    // Audited before the response leaves the process (personal-read.plugin.ts).
    ctx.personalReads.add({ customerIds, recordKey, field: `${typeName}.${fieldName}`, masked: !clear });
    return clear ? value : maskValue(field, value, parent);
  };
}

/** Field middleware for every declared personal field: masks by role and verification, audits every read. */
export function personalReadMiddleware(): IMiddlewareTypeMap<Parent, Context> {
  const map: IMiddlewareTypeMap<Parent, Context> = {};
  for (const [typeName, { owner, fields }] of Object.entries(personalTypes)) {
    map[typeName] = Object.fromEntries(Object.entries(fields).map(([fieldName, field]) => [fieldName, guard(typeName, fieldName, field, owner)]));
  }
  return map;
}
