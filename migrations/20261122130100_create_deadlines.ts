import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // One row per guarantee clock per case, changed in the same transaction as the case.
  await knex.schema.createTable('deadlines', (t) => {
    t.uuid('id').primary();
    t.uuid('case_id').notNullable().references('id').inTable('cases');
    t.string('guarantee_code', 60).notNullable();
    t.integer('guarantee_version').notNullable();
    t.string('clock', 40).notNullable();
    t.string('state', 20).notNullable();
    t.string('started_at', 30).notNullable();
    // Local Stockholm date for day-based clocks; null for clocks counted in hours.
    t.string('due_date', 10).nullable();
    t.string('due_at', 30).notNullable();
    t.string('paused_at', 30).nullable();
    t.double('remaining').nullable();
    t.string('complement_requested_at', 30).nullable();
    t.integer('extension_weeks').notNullable().defaultTo(0);
    t.string('extended_at', 30).nullable();
    t.text('extension_reason').nullable();
    t.string('met_at', 30).nullable();
    t.string('breached_at', 30).nullable();
    t.integer('fee_reduction_fifths').nullable();
    t.string('rule_version', 20).nullable();
    t.integer('version').notNullable();
    t.string('updated_at', 30).notNullable();
    t.unique(['case_id', 'clock']);
    t.index(['state', 'due_at']);
    t.index(['case_id', 'state', 'due_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('deadlines');
}
