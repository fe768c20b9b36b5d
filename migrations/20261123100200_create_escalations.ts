import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // A request for a "dukat bord": its own lifecycle, snapshot and version, like a case.
  await knex.schema.createTable('escalations', (t) => {
    t.uuid('id').primary();
    t.string('status', 40).notNullable();
    t.string('machine_version', 10).notNullable();
    t.jsonb('snapshot').notNullable();
    t.integer('version').notNullable();
    t.string('origin', 20).notNullable();
    t.uuid('company_id').notNullable().references('id').inTable('companies');
    t.uuid('requested_by').nullable().references('id').inTable('users');
    t.string('created_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    t.string('closed_at', 30).nullable();
    t.index(['status', 'created_at']);
    t.index(['company_id', 'status']);
  });
  // The company's cases at the table; a case may come to more than one table over the years.
  await knex.schema.createTable('escalation_cases', (t) => {
    t.uuid('escalation_id').notNullable().references('id').inTable('escalations');
    t.uuid('case_id').notNullable().references('id').inTable('cases');
    t.boolean('primary').notNullable().defaultTo(false);
    t.string('attached_at', 30).notNullable();
    t.primary(['escalation_id', 'case_id']);
    t.index(['case_id']);
  });
  // The escalation's own audit trail; linked cases get a line in theirs as well.
  await knex.schema.createTable('escalation_events', (t) => {
    t.bigIncrements('id').primary();
    t.uuid('escalation_id').notNullable().references('id').inTable('escalations');
    t.uuid('actor_id').nullable().references('id').inTable('users');
    t.string('type', 40).notNullable();
    t.jsonb('payload').notNullable();
    t.string('from_state', 40).nullable();
    t.string('to_state', 40).notNullable();
    t.integer('version').notNullable();
    t.string('created_at', 30).notNullable();
    t.index(['escalation_id', 'id']);
  });
  // What was agreed at the table: each action has an owner (an official or the company),
  // a due date and its own reminders.
  await knex.schema.createTable('escalation_actions', (t) => {
    t.uuid('id').primary();
    t.uuid('escalation_id').notNullable().references('id').inTable('escalations');
    t.integer('position').notNullable();
    t.text('description').notNullable();
    t.uuid('owner_user_id').nullable().references('id').inTable('users');
    t.boolean('owner_is_company').notNullable().defaultTo(false);
    t.string('due_date', 10).notNullable();
    t.string('status', 20).notNullable();
    t.string('done_at', 30).nullable();
    t.uuid('done_by').nullable().references('id').inTable('users');
    t.text('done_note').nullable();
    t.integer('version').notNullable();
    t.string('created_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    t.index(['escalation_id', 'position']);
    t.index(['status', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('escalation_actions');
  await knex.schema.dropTable('escalation_events');
  await knex.schema.dropTable('escalation_cases');
  await knex.schema.dropTable('escalations');
}
