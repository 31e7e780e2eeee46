import type { Migration } from './migration.ts';

/**
 * A restriction of processing is kept on the person's records and derived onto their
 * customers (src/privacy/requests/restriction.cypher.ts): lifting it finds the records and
 * the customers carrying one request's restriction by its id.
 */
export const restrictionCarry: Migration = {
  version: 28,
  name: 'restriction-carry',
  statements: [
    'CREATE INDEX source_record_restricted_by IF NOT EXISTS FOR (r:SourceRecord) ON (r.restrictedBy)',
    'CREATE INDEX customer_restricted IF NOT EXISTS FOR (c:Customer) ON (c.restricted)',
  ],
};
