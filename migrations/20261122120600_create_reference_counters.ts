import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // One row per year; incremented with an upsert inside the registering transaction, so two
  // registrations can never draw the same number on either database.
  await knex.schema.createTable('reference_counters', (t) => {
    t.integer('year').primary();
    t.integer('last_number').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('reference_counters');
}
