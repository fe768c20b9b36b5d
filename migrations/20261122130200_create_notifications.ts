import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // One row per e-mail. The unique key is claimed before sending, so no retry, duplicate job
  // or replay can send the same mail twice.
  await knex.schema.createTable('notifications', (t) => {
    t.bigIncrements('id').primary();
    t.string('key', 200).notNullable().unique();
    t.uuid('case_id').nullable().references('id').inTable('cases');
    t.uuid('deadline_id').nullable();
    t.string('audience', 20).notNullable();
    t.string('recipient', 320).notNullable();
    t.string('template', 40).notNullable();
    t.jsonb('data').notNullable();
    t.string('status', 20).notNullable();
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('last_error').nullable();
    t.string('deliver_after', 30).notNullable();
    t.string('claimed_at', 30).nullable();
    t.string('sent_at', 30).nullable();
    t.string('created_at', 30).notNullable();
    t.index(['case_id']);
    t.index(['status', 'deliver_after']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('notifications');
}
