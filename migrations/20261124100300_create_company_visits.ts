import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // What a guided company visit found: when it happened (the yearly target counts these),
  // the growth needs, and the follow-ups, each of which may become a case for a unit.
  await knex.schema.createTable('company_visits', (t) => {
    t.uuid('case_id').primary().references('id').inTable('cases');
    t.string('visited_on', 10).notNullable();
    t.text('summary').notNullable();
    t.jsonb('growth_needs').notNullable();
    t.string('recorded_at', 30).notNullable();
    t.index(['visited_on']);
  });
  await knex.schema.createTable('company_visit_follow_ups', (t) => {
    t.uuid('id').primary();
    t.uuid('visit_case_id').notNullable().references('id').inTable('cases');
    t.integer('position').notNullable();
    t.text('description').notNullable();
    t.string('unit', 60).notNullable();
    t.uuid('created_case_id').nullable().references('id').inTable('cases');
    t.string('created_at', 30).notNullable();
    t.index(['visit_case_id', 'position']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('company_visit_follow_ups');
  await knex.schema.dropTable('company_visits');
}
