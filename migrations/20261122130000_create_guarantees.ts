import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // The catalogue: one row per guarantee, one row per version of its definition. A deadline
  // keeps the version it started under, so an edit never rewrites a running clock by itself.
  await knex.schema.createTable('guarantees', (t) => {
    t.string('code', 60).primary();
    t.integer('current_version').notNullable();
    t.string('kind', 20).notNullable();
    t.string('category', 60).nullable();
    t.string('clock', 40).notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.string('updated_at', 30).notNullable();
    t.index(['kind', 'category']);
  });
  await knex.schema.createTable('guarantee_versions', (t) => {
    t.string('code', 60).notNullable().references('code').inTable('guarantees');
    t.integer('version').notNullable();
    t.jsonb('definition').notNullable();
    t.uuid('created_by').nullable().references('id').inTable('users');
    t.string('created_at', 30).notNullable();
    t.primary(['code', 'version']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('guarantee_versions');
  await knex.schema.dropTable('guarantees');
}
