import type { Migration } from './migration.ts';

// seq is unique rather than merely indexed: two sealers can never give one position to
// two entries, whatever goes wrong with the head lock. Entries awaiting the sealer carry
// the AuditUnsealed label, found through the label index without scanning the trail.
export const audit: Migration = {
  version: 4,
  name: 'audit',
  statements: [
    'CREATE CONSTRAINT audit_entry_id_unique IF NOT EXISTS FOR (e:AuditEntry) REQUIRE e.id IS UNIQUE',
    'CREATE CONSTRAINT audit_entry_seq_unique IF NOT EXISTS FOR (e:AuditEntry) REQUIRE e.seq IS UNIQUE',
    'CREATE CONSTRAINT audit_head_id_unique IF NOT EXISTS FOR (h:AuditHead) REQUIRE h.id IS UNIQUE',
    'CREATE INDEX audit_entry_at IF NOT EXISTS FOR (e:AuditEntry) ON (e.at)',
    'CREATE INDEX audit_entry_operation_at IF NOT EXISTS FOR (e:AuditEntry) ON (e.operation, e.at)',
  ],
};
