import type { Migration } from './migration.ts';

export const golden: Migration = {
  version: 5,
  name: 'golden',
  statements: [
    'CREATE CONSTRAINT lineage_event_id_unique IF NOT EXISTS FOR (e:LineageEvent) REQUIRE e.id IS UNIQUE',
    'CREATE CONSTRAINT split_decision_id_unique IF NOT EXISTS FOR (d:SplitDecision) REQUIRE d.id IS UNIQUE',
    'CREATE INDEX golden_change_customer IF NOT EXISTS FOR (g:GoldenChange) ON (g.customerId, g.attribute)',
    'CREATE INDEX lineage_event_at IF NOT EXISTS FOR (e:LineageEvent) ON (e.at)',
  ],
};
