import DataLoader from 'dataloader';
import type { GraphExecutor } from '../graph/executor.ts';
import { CUSTOMERS_BY_ID } from './customer.cypher.ts';
import type { CustomerModel } from './customer.model.ts';

export class CustomerService {
  private readonly executor: GraphExecutor;

  constructor(executor: GraphExecutor) {
    this.executor = executor;
  }

  /** Customers by id in one round trip, in the order asked; null where none exists. */
  async findByIds(ids: readonly string[]): Promise<(CustomerModel | null)[]> {
    const rows = await this.executor.readRows<CustomerModel>(CUSTOMERS_BY_ID, { ids: [...new Set(ids)] });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** A per-request loader so that a query naming many customers costs one round trip. */
  loader(): DataLoader<string, CustomerModel | null> {
    return new DataLoader((ids) => this.findByIds(ids), { maxBatchSize: 1000 });
  }
}
