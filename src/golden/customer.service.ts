import DataLoader from 'dataloader';
import type { GraphExecutor } from '../graph/executor.ts';
import { CUSTOMER_OF_RECORDS, CUSTOMERS_BY_ID, MERGED_IDS, RECORD_KEYS_OF_CUSTOMERS } from './customer.cypher.ts';
import type { CustomerModel } from './customer.model.ts';

/** Takes a customer's stored (encoded) golden record, as read with the customer. */
export type StoredGoldenSink = (customerId: string, stored: string | null) => void;

export class CustomerService {
  private readonly executor: GraphExecutor;

  constructor(executor: GraphExecutor) {
    this.executor = executor;
  }

  /** Customers by id in one round trip, in the order asked; null where none exists. */
  async findByIds(ids: readonly string[], onGolden?: StoredGoldenSink): Promise<(CustomerModel | null)[]> {
    const rows = await this.executor.readRows<CustomerModel & { golden: string | null }>(CUSTOMERS_BY_ID, { ids: [...new Set(ids)] });
    const byId = new Map<string, CustomerModel>();
    for (const { golden, ...model } of rows) {
      byId.set(model.requestedId, model);
      onGolden?.(model.id, golden);
    }
    return ids.map((id) => byId.get(id) ?? null);
  }

  /**
   * A per-request loader so that a query naming many customers costs one round trip.
   * `onGolden` receives each found customer's stored golden record, read in the same
   * statement (the request's profile loader is primed with it: no second round trip).
   */
  loader(onGolden?: StoredGoldenSink): DataLoader<string, CustomerModel | null> {
    return new DataLoader((ids) => this.findByIds(ids, onGolden), { maxBatchSize: 1000 });
  }

  /** The id and every id merged into it (an empty list for an unknown id). */
  async withMergedIds(id: string): Promise<string[]> {
    const [row] = await this.executor.readRows<{ id: string; merged: string[] }>(MERGED_IDS, { id });
    return row ? [row.id, ...row.merged.sort()] : [];
  }

  recordKeysLoader(): DataLoader<string, string[]> {
    return new DataLoader(async (ids) => {
      const rows = await this.executor.readRows<{ id: string; keys: string[] }>(RECORD_KEYS_OF_CUSTOMERS, { ids: [...ids] });
      const byId = new Map(rows.map((r) => [r.id, r.keys.sort()]));
      return ids.map((id) => byId.get(id) ?? []);
    });
  }

  customerIdOfRecordLoader(): DataLoader<string, string | null> {
    return new DataLoader(async (keys) => {
      const rows = await this.executor.readRows<{ key: string; id: string }>(CUSTOMER_OF_RECORDS, { keys: [...keys] });
      const byKey = new Map(rows.map((r) => [r.key, r.id]));
      return keys.map((key) => byKey.get(key) ?? null);
    });
  }
}
