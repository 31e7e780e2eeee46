import type { Migration } from './migration.ts';

/**
 * A record's membership names the merge that brought it (`BELONGS_TO.viaMerge`), so a
 * split back to the earlier customer no longer scans every merge event. Records merged
 * before this migration get it from the merge events, oldest first so the latest wins.
 */
export const mergeMembership: Migration = {
  version: 6,
  name: 'merge-membership',
  statements: [
    `MATCH (e:LineageEvent {kind: 'merge'})-[:MOVED_TO]->(t:Customer)
     WITH e, t ORDER BY e.at
     UNWIND e.recordKeys AS key
     MATCH (:SourceRecord {key: key})-[b:BELONGS_TO]->(t)
     WHERE b.viaMerge IS NULL OR b.viaMerge <> e.id
     SET b.viaMerge = e.id`,
  ],
};
