import type { Knex } from 'knex';
import { migrationSource } from '../../../migrations/index.js';

export async function migrateLatest(db: Knex, schema?: string): Promise<void> {
  if (schema) await db.raw('create schema if not exists ??', [schema]);
  await db.migrate.latest({ migrationSource, schemaName: schema });
}
