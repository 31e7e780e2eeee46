import type { Migration } from './migration.ts';

export const ingest: Migration = {
  version: 2,
  name: 'ingest',
  statements: [
    'CREATE CONSTRAINT source_name_unique IF NOT EXISTS FOR (s:Source) REQUIRE s.name IS UNIQUE',
    'CREATE CONSTRAINT source_record_key_unique IF NOT EXISTS FOR (r:SourceRecord) REQUIRE r.key IS UNIQUE',
    'CREATE CONSTRAINT identifier_key_unique IF NOT EXISTS FOR (i:Identifier) REQUIRE i.key IS UNIQUE',
    'CREATE CONSTRAINT interaction_key_unique IF NOT EXISTS FOR (i:Interaction) REQUIRE i.key IS UNIQUE',
    'CREATE CONSTRAINT rejected_record_id_unique IF NOT EXISTS FOR (j:RejectedRecord) REQUIRE j.id IS UNIQUE',
    'CREATE INDEX source_record_source IF NOT EXISTS FOR (r:SourceRecord) ON (r.source)',
    'CREATE INDEX interaction_occurred_at IF NOT EXISTS FOR (i:Interaction) ON (i.occurredAt)',
    'CREATE INDEX rejected_record_source_status IF NOT EXISTS FOR (j:RejectedRecord) ON (j.source, j.status)',
  ],
};
