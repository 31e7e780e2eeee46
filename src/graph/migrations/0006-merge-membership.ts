import type { Migration } from './migration.ts';

/**
 * A record's membership names the merge that brought it (`BELONGS_TO.viaMerge`), so a
 * split back to the earlier customer no longer scans every merge event. Records merged
 * before this migration get it from the merge events, oldest first so the latest wins,
 * in transactions of 1,000 events so a large history does not need one huge transaction.
 */
export const mergeMembership: Migration = {
  version: 6,
  name: 'merge-membership',
  statements: [
    `MATCH (e:LineageEvent {kind: 'merge'})-[:MOVED_TO]->(t:Customer)
     WITH e, t ORDER BY e.at
     CALL (e, t) {
       UNWIND e.recordKeys AS key
       MATCH (:SourceRecord {key: key})-[b:BELONGS_TO]->(t)
       SET b.viaMerge = e.id
     } IN TRANSACTIONS OF 1000 ROWS`,
  ],
};
