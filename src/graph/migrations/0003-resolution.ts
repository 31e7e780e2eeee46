import type { Migration } from './migration.ts';

export const resolution: Migration = {
  version: 3,
  name: 'resolution',
  statements: [
    'CREATE CONSTRAINT blocking_key_unique IF NOT EXISTS FOR (b:BlockingKey) REQUIRE b.key IS UNIQUE',
    'CREATE INDEX customer_status IF NOT EXISTS FOR (c:Customer) ON (c.status)',
    'CREATE INDEX matched_decision IF NOT EXISTS FOR ()-[m:MATCHED]-() ON (m.decision, m.status)',
  ],
};
