import type { Migration } from './migration.ts';

// Households and organisations are merged on their key in the transaction that refreshes
// a customer's golden record, and found by their public id.
export const relationships: Migration = {
  version: 17,
  name: 'relationships',
  statements: [
    'CREATE CONSTRAINT household_key IF NOT EXISTS FOR (h:Household) REQUIRE h.key IS UNIQUE',
    'CREATE CONSTRAINT household_id IF NOT EXISTS FOR (h:Household) REQUIRE h.id IS UNIQUE',
    'CREATE CONSTRAINT organisation_key IF NOT EXISTS FOR (o:Organisation) REQUIRE o.key IS UNIQUE',
    'CREATE CONSTRAINT organisation_id IF NOT EXISTS FOR (o:Organisation) REQUIRE o.id IS UNIQUE',
  ],
};
