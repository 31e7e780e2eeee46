import { DomainError } from '../../errors/domain-error.ts';
import type { GraphExecutor } from '../executor.ts';
import { migrations as allMigrations } from './index.ts';
import { APPLIED_MIGRATIONS, ENSURE_MIGRATION_CONSTRAINT, RECORD_MIGRATION } from './migrate.cypher.ts';
import { checksumOf, migrationLabel, type Migration } from './migration.ts';

export type MigrationReport = {
  /** Migrations this call applied, e.g. ['0001-customers']. Empty when up to date. */
  applied: string[];
  /** Every migration the database has now, oldest first. */
  current: string[];
};

/**
 * Brings the database schema up to date. Safe to run on every start and from several
 * processes at once: statements are idempotent and each migration is recorded once.
 */
export async function migrate(
  executor: GraphExecutor,
  migrations: readonly Migration[] = allMigrations,
): Promise<MigrationReport> {
  await executor.runSchema(ENSURE_MIGRATION_CONSTRAINT);
  const done = new Map(
    (await executor.readRows<{ version: number; name: string; checksum: string }>(APPLIED_MIGRATIONS)).map((row) => [
      row.version,
      row,
    ]),
  );
  const applied: string[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    const checksum = checksumOf(migration);
    const previous = done.get(migration.version);
    if (previous) {
      if (previous.checksum !== checksum) {
        throw new DomainError('INTERNAL', `Migration ${migrationLabel(migration)} was changed after it was applied`);
      }
      continue;
    }
    for (const statement of migration.statements) await executor.runSchema(statement);
    await executor.writeRows(RECORD_MIGRATION, { version: migration.version, name: migration.name, checksum });
    applied.push(migrationLabel(migration));
  }
  const current = await executor.readRows<{ version: number; name: string }>(APPLIED_MIGRATIONS);
  return { applied, current: current.map(migrationLabel) };
}
