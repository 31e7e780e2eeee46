import type { Migration } from './migration.ts';

/**
 * A restriction of processing travels with the person's records (merge, retirement, split):
 * every customer carrying one request's restriction is found by it when the restriction is
 * lifted (src/privacy/requests/restriction.cypher.ts).
 */
export const restrictionCarry: Migration = {
  version: 28,
  name: 'restriction-carry',
  statements: ['CREATE INDEX customer_restricted IF NOT EXISTS FOR (c:Customer) ON (c.restricted)'],
};
