import type { Migration } from './migration.ts';

export const customers: Migration = {
  version: 1,
  name: 'customers',
  statements: [
    'CREATE CONSTRAINT customer_id_unique IF NOT EXISTS FOR (c:Customer) REQUIRE c.id IS UNIQUE',
    'CREATE INDEX customer_created_at IF NOT EXISTS FOR (c:Customer) ON (c.createdAt)',
  ],
};
