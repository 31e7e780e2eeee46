import type { Resolvers } from '../src/generated/graphql.ts';
import { customer } from './Query/customer.ts';
import { serviceInfo } from './Query/service-info.ts';
import { DateTime } from './scalars/date-time.ts';

export const resolvers: Resolvers = {
  DateTime,
  Query: {
    customer,
    serviceInfo,
  },
};
