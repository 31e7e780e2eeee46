import type { Migration } from './migration.ts';

// Segments: versions keyed by (id, version), found by id; suppression list entries keyed by
// list and customer, found by customer. Customers' segment attributes (segmentPropertiesOf)
// are written by every golden refresh; customers refreshed before this migration get them
// at their next refresh (as the search tokens of 0015).
export const segments: Migration = {
  version: 20,
  name: 'segments',
  statements: [
    'CREATE CONSTRAINT segment_version IF NOT EXISTS FOR (s:Segment) REQUIRE (s.id, s.version) IS UNIQUE',
    'CREATE INDEX segment_id IF NOT EXISTS FOR (s:Segment) ON (s.id)',
    'CREATE CONSTRAINT suppression_entry_key IF NOT EXISTS FOR (e:SuppressionEntry) REQUIRE e.key IS UNIQUE',
    'CREATE INDEX suppression_entry_customer IF NOT EXISTS FOR (e:SuppressionEntry) ON (e.customerId)',
  ],
};
