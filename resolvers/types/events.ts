import type { CustomerChangeResolvers } from '../../src/generated/graphql.ts';

export const CustomerChange: CustomerChangeResolvers = {
  eventId: (event) => event.id,
};
