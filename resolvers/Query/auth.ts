import type { QueryResolvers } from '../../src/generated/graphql.ts';
import { scopeLabel } from '../../src/auth/caller.ts';

export const me: QueryResolvers['me'] = (_parent, _args, ctx) => {
  const caller = ctx.caller;
  return caller.kind === 'user'
    ? { id: caller.id, kind: 'user', roles: [...caller.roles], scope: null }
    : { id: caller.id, kind: 'key', roles: [], scope: scopeLabel(caller.scope) };
};

export const apiKeys: QueryResolvers['apiKeys'] = (_parent, _args, ctx) => ctx.services.apiKeys.list();
