import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('companies', (t) => {
    t.uuid('id').primary();
    // NNNNNN-NNNN for organisations, YYYYMMDD-NNNN for a sole trader's personnummer.
    t.string('org_number', 13).notNullable().unique();
    t.string('id_kind', 20).notNullable();
    t.string('name', 300).notNullable();
    t.string('created_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    t.index(['name']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('companies');
}
