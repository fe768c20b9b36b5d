import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // The audit trail (OSL 5 kap.): append-only, one row per accepted event.
  await knex.schema.createTable('case_events', (t) => {
    t.bigIncrements('id').primary();
    t.uuid('case_id').notNullable().references('id').inTable('cases');
    t.uuid('actor_id').notNullable().references('id').inTable('users');
    t.string('type', 40).notNullable();
    t.jsonb('payload').notNullable();
    t.string('from_state', 40).nullable();
    t.string('to_state', 40).notNullable();
    t.integer('case_version').notNullable();
    t.string('created_at', 30).notNullable();
    t.unique(['case_id', 'case_version']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('case_events');
}
