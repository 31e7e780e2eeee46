import type { Tx } from '../../graph/executor.ts';
import { DERIVE_RESTRICTION } from './restriction.cypher.ts';

/**
 * Customer.restricted from the customers' records, in the caller's transaction: the golden
 * refresh calls it after every membership change (src/services.ts), restrict and lift after
 * flagging records. Writes only customers whose flag changes.
 */
export async function deriveRestrictionInTx(tx: Tx, customerIds: readonly string[]): Promise<void> {
  if (customerIds.length === 0) return;
  await tx.run(DERIVE_RESTRICTION, { ids: [...new Set(customerIds)] });
}
