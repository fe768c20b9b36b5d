import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Every deliberate change of a company's name: the company's earlier names and the audit of
  // who changed it, when and why, in one row.
  await knex.schema.createTable('company_name_changes', (t) => {
    t.uuid('id').primary();
    t.uuid('company_id').notNullable().references('id').inTable('companies');
    t.string('old_name', 300).notNullable();
    t.string('new_name', 300).notNullable();
    t.string('reason', 1000).notNullable();
    t.uuid('actor_id').notNullable().references('id').inTable('users');
    t.string('created_at', 30).notNullable();
    t.index(['company_id', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('company_name_changes');
}
