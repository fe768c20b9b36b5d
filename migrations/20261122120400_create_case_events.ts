import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // The audit trail (OSL 5 kap.): append-only, one row per accepted event.
  await knex.schema.createTable('case_events', (t) => {
    t.bigIncrements('id').primary();
    t.uuid('case_id').notNullable().references('id').inTable('cases');
    // Null for what Handslag does by itself (a guarantee breached at its deadline).
    t.uuid('actor_id').nullable().references('id').inTable('users');
    t.string('type', 40).notNullable();
    t.jsonb('payload').notNullable();
    t.string('from_state', 40).nullable();
    t.string('to_state', 40).notNullable();
    t.integer('case_version').notNullable();
    t.string('created_at', 30).notNullable();
    // Not unique: clock events (a breach, a recompute) are recorded at the case's current version.
    t.index(['case_id', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('case_events');
}
