import type { GraphExecutor } from '../graph/executor.ts';
import { deleteInBatches, RETENTION_BATCH, retentionCutoff } from '../graph/retention-sweep.ts';
import { DELETE_ENDED_DELIVERIES, DELETE_PASSED_EVENTS } from './retention.cypher.ts';

export type SweepReport = { deliveries: number; events: number };

/**
 * Deletes, in batches of RETENTION_BATCH each in its own transaction, the webhook
 * deliveries that ended more than `retentionDays` ago, then the outbox events older than
 * that which no delivery needs any more. Pending deliveries and their events, and
 * unsequenced events, stay whatever their age. Safe to run from several processes at once.
 */
export async function sweepEvents(executor: GraphExecutor, retentionDays: number, now = new Date(), batch = RETENTION_BATCH): Promise<SweepReport> {
  const cutoff = retentionCutoff(retentionDays, now);
  const deliveries = await deleteInBatches(executor, DELETE_ENDED_DELIVERIES, cutoff, batch);
  const events = await deleteInBatches(executor, DELETE_PASSED_EVENTS, cutoff, batch);
  return { deliveries, events };
}
