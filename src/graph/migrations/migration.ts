import { createHash } from 'node:crypto';

/**
 * A versioned, append-only change to the database schema. Statements must be
 * idempotent (`IF NOT EXISTS`), since a crash between a statement and the migration's
 * record makes the next start run it again. Never edit a migration once it shipped:
 * add a new one (the runner refuses a changed checksum).
 */
export type Migration = {
  version: number;
  name: string;
  statements: readonly string[];
};

export function checksumOf(migration: Migration): string {
  return createHash('sha256').update(migration.statements.join('\n;\n')).digest('hex');
}

/** How a migration is named in reports, e.g. '0001-customers'. */
export const migrationLabel = (m: Pick<Migration, 'version' | 'name'>): string => `${String(m.version).padStart(4, '0')}-${m.name}`;
