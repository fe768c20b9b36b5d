import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // A sole trader's yes or no to a follow-up survey, given at registration. Organisations are
  // asked as legal persons and have a row only when they said no.
  await knex.schema.createTable('survey_consents', (t) => {
    t.uuid('case_id').primary().references('id').inTable('cases');
    t.boolean('consent').notNullable();
    t.string('recorded_at', 30).notNullable();
  });

  // One survey per closed company case: who to ask and when. Nothing here says what was
  // answered, or when.
  await knex.schema.createTable('surveys', (t) => {
    t.uuid('id').primary();
    t.uuid('case_id').notNullable().unique().references('id').inTable('cases');
    t.string('area', 60).notNullable();
    t.string('unit', 60).nullable();
    t.string('closed_month', 7).notNullable();
    t.string('closed_at', 30).notNullable();
    // scheduled → open → answered | declined | expired
    t.string('status', 20).notNullable();
    t.integer('version').notNullable();
    t.string('send_after', 30).notNullable();
    t.string('invited_at', 30).nullable();
    t.string('expires_at', 30).nullable();
    t.string('created_at', 30).notNullable();
    t.index(['status', 'id']);
  });

  // Each mail carries a link of its own; only the SHA-256 of its token is kept, and every token
  // of a survey goes when the survey is answered, declined or closed.
  await knex.schema.createTable('survey_tokens', (t) => {
    t.string('token_hash', 64).primary();
    t.uuid('survey_id').notNullable().references('id').inTable('surveys');
    t.string('created_at', 30).notNullable();
    t.index(['survey_id']);
  });

  // The answers, apart from any identity: no case, contact or company, and no survey id, so an
  // answer cannot be traced back to whoever gave it. Read by the reports.
  await knex.schema.createTable('survey_answers', (t) => {
    t.uuid('id').primary();
    t.string('area', 60).notNullable();
    t.string('unit', 60).nullable();
    t.string('closed_month', 7).notNullable();
    t.string('answered_at', 30).notNullable();
    t.integer('nki_overall').notNullable().checkBetween([1, 10]);
    t.integer('nki_expectations').notNullable().checkBetween([1, 10]);
    t.integer('nki_ideal').notNullable().checkBetween([1, 10]);
    t.integer('f_information').nullable().checkBetween([1, 6]);
    t.integer('f_tillganglighet').nullable().checkBetween([1, 6]);
    t.integer('f_bemotande').nullable().checkBetween([1, 6]);
    t.integer('f_kompetens').nullable().checkBetween([1, 6]);
    t.integer('f_rattssakerhet').nullable().checkBetween([1, 6]);
    t.integer('f_effektivitet').nullable().checkBetween([1, 6]);
    t.text('comment').nullable();
    t.index(['area', 'closed_month']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('survey_answers');
  await knex.schema.dropTable('survey_tokens');
  await knex.schema.dropTable('surveys');
  await knex.schema.dropTable('survey_consents');
}
