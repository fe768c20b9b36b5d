import type { Knex } from 'knex';

/** Brings the schema up to date; the caller hands in the migrations, which live above infra. */
export async function migrateLatest(
  db: Knex,
  migrationSource: Knex.MigrationSource<unknown>,
  schema?: string,
): Promise<void> {
  if (schema) await db.raw('create schema if not exists ??', [schema]);
  await db.migrate.latest({ migrationSource, schemaName: schema });
}
