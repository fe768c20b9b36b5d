import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Local closing days (policy): no working day for guarantee clocks, beside the statutory ones.
  await knex.schema.createTable('closing_days', (t) => {
    t.string('date', 10).primary();
    t.string('name', 200).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('closing_days');
}
