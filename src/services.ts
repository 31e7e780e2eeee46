import { CustomerService } from './golden/customer.service.ts';
import type { GraphExecutor } from './graph/executor.ts';

/** The use cases the API offers, built once per process. */
export type Services = {
  customers: CustomerService;
};

export function createServices(executor: GraphExecutor): Services {
  return { customers: new CustomerService(executor) };
}
