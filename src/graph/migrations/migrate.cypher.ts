export const ENSURE_MIGRATION_CONSTRAINT =
  'CREATE CONSTRAINT schema_migration_version IF NOT EXISTS FOR (m:SchemaMigration) REQUIRE m.version IS UNIQUE';

export const APPLIED_MIGRATIONS = `
MATCH (m:SchemaMigration)
RETURN m.version AS version, m.name AS name, m.checksum AS checksum
ORDER BY m.version`;

export const RECORD_MIGRATION = `
MERGE (m:SchemaMigration {version: $version})
ON CREATE SET m.name = $name, m.checksum = $checksum, m.appliedAt = datetime()`;
