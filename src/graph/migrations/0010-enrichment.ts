import type { Migration } from './migration.ts';

// Namespaces are found by name on every partner call; enrichment by its (namespace,
// identifier key) id when a partner writes or reads, and by identifier key when a golden
// record gathers it from its records' identifiers.
export const enrichment: Migration = {
  version: 10,
  name: 'enrichment',
  statements: [
    'CREATE CONSTRAINT enrichment_namespace_name_unique IF NOT EXISTS FOR (n:EnrichmentNamespace) REQUIRE n.name IS UNIQUE',
    'CREATE CONSTRAINT enrichment_id_unique IF NOT EXISTS FOR (e:Enrichment) REQUIRE e.id IS UNIQUE',
    'CREATE INDEX enrichment_identifier_key IF NOT EXISTS FOR (e:Enrichment) ON (e.identifierKey)',
  ],
};
