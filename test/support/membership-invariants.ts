import type { GraphExecutor } from '../../src/graph/executor.ts';

export type MembershipViolations = {
  /** Records with no customer, or with more than one. */
  recordsNotInOneCustomer: number;
  /** Records whose customer is not active (merged away). */
  recordsOnInactiveCustomers: number;
  /** Merged-away customers with other than exactly one MERGED_INTO, or active ones with any. */
  badMergeLinks: number;
  /** Active customers holding no records. */
  emptyActiveCustomers: number;
};

/**
 * The membership invariants every change must keep, counted over the whole graph: each
 * record in exactly one active customer, each merged-away customer pointing at exactly
 * one other customer and holding no records.
 */
export async function membershipViolations(executor: GraphExecutor): Promise<MembershipViolations> {
  const [row] = await executor.readRows<Record<keyof MembershipViolations, number>>(`
    CALL () { MATCH (r:SourceRecord) WHERE COUNT { (r)-[:BELONGS_TO]->() } <> 1 RETURN count(r) AS recordsNotInOneCustomer }
    CALL () { MATCH (r:SourceRecord)-[:BELONGS_TO]->(c) WHERE c.status <> 'active' RETURN count(r) AS recordsOnInactiveCustomers }
    CALL () {
      MATCH (c:Customer)
      WHERE (c.status = 'merged' AND COUNT { (c)-[:MERGED_INTO]->() } <> 1) OR (c.status = 'active' AND COUNT { (c)-[:MERGED_INTO]->() } > 0)
      RETURN count(c) AS badMergeLinks
    }
    CALL () { MATCH (c:Customer {status: 'active'}) WHERE NOT EXISTS { (c)<-[:BELONGS_TO]-() } RETURN count(c) AS emptyActiveCustomers }
    RETURN recordsNotInOneCustomer, recordsOnInactiveCustomers, badMergeLinks, emptyActiveCustomers`);
  return {
    recordsNotInOneCustomer: Number(row!.recordsNotInOneCustomer),
    recordsOnInactiveCustomers: Number(row!.recordsOnInactiveCustomers),
    badMergeLinks: Number(row!.badMergeLinks),
    emptyActiveCustomers: Number(row!.emptyActiveCustomers),
  };
}

export const NO_VIOLATIONS: MembershipViolations = { recordsNotInOneCustomer: 0, recordsOnInactiveCustomers: 0, badMergeLinks: 0, emptyActiveCustomers: 0 };
