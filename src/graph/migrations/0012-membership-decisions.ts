import type { Migration } from './migration.ts';

/**
 * One owner of membership (src/membership/): one shape of MERGED_INTO, `{at, eventId, by,
 * role, reason}` (resolution also kept `evidence` there, which the lineage event holds;
 * manual merges kept neither actor nor reason), filled from the merge's lineage event.
 * Steward decisions get ids so they can be lifted: must-links and lifted decisions are
 * nodes with unique ids; a cannot-link stays a relationship, found by its id.
 */
export const membershipDecisions: Migration = {
  version: 12,
  name: 'membership-decisions',
  statements: [
    'CREATE CONSTRAINT must_link_decision_id_unique IF NOT EXISTS FOR (d:MustLinkDecision) REQUIRE d.id IS UNIQUE',
    'CREATE CONSTRAINT lifted_decision_id_unique IF NOT EXISTS FOR (d:LiftedDecision) REQUIRE d.id IS UNIQUE',
    'CREATE INDEX cannot_link_id IF NOT EXISTS FOR ()-[c:CANNOT_LINK]-() ON (c.id)',
    `MATCH ()-[c:CANNOT_LINK]->() WHERE c.id IS NULL
     CALL (c) { SET c.id = 'cnl_' + substring(replace(randomUUID(), '-', ''), 0, 20) } IN TRANSACTIONS OF 1000 ROWS`,
    `MATCH (loser:Customer)-[m:MERGED_INTO]->(:Customer)
     CALL (loser, m) {
       OPTIONAL MATCH (e:LineageEvent {id: m.eventId})
       SET m.at = coalesce(m.at, e.at, loser.updatedAt), m.by = coalesce(m.by, e.actor, 'system'),
           m.role = coalesce(m.role, e.role, 'system'), m.reason = coalesce(m.reason, e.reason, 'merged')
       REMOVE m.evidence
     } IN TRANSACTIONS OF 1000 ROWS`,
  ],
};
