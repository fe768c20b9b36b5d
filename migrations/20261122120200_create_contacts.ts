import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('contacts', (t) => {
    t.uuid('id').primary();
    t.uuid('company_id').nullable().references('id').inTable('companies');
    t.string('name', 200).notNullable();
    t.string('email', 320).nullable();
    t.string('phone', 40).nullable();
    t.string('created_at', 30).notNullable();
    t.index(['company_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('contacts');
}
