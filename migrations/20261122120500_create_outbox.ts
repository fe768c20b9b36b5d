import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Work to be done after commit (jobs, mail), written in the same transaction as the change.
  await knex.schema.createTable('outbox', (t) => {
    t.bigIncrements('id').primary();
    t.string('topic', 60).notNullable();
    t.uuid('case_id').nullable();
    t.jsonb('payload').notNullable();
    t.string('created_at', 30).notNullable();
    t.string('dispatched_at', 30).nullable();
    t.index(['dispatched_at', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('outbox');
}
