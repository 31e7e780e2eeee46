import type { Migration } from './migration.ts';

// A pair's `blockedBy` held the whole blocking key that found it, names and postcodes
// included ("given+family:ann|kerr"); it now holds the rule's name only. Pairs stored
// before are cut to the name.
export const blockedByRule: Migration = {
  version: 19,
  name: 'blocked-by-rule',
  statements: [
    `MATCH ()-[m:MATCHED]->() WHERE m.blockedBy CONTAINS ':' AND NOT m.blockedBy STARTS WITH 'identifier:'
     CALL (m) { SET m.blockedBy = split(m.blockedBy, ':')[0] } IN TRANSACTIONS OF 1000 ROWS`,
  ],
};
