import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Internal notes on a case: short texts for colleagues. They live apart from case_events so
  // that nothing reading the audit trail's payloads (the tracking page, company e-mails) can
  // ever come across a note's text; the audit trail only records that a note was added.
  await knex.schema.createTable('case_notes', (t) => {
    t.uuid('id').primary();
    t.uuid('case_id').notNullable().references('id').inTable('cases');
    t.uuid('author_id').notNullable().references('id').inTable('users');
    t.text('body').notNullable();
    t.string('created_at', 30).notNullable();
    // The limit the API enforces holds for anything that writes here; length() counts
    // characters on both SQLite and PostgreSQL.
    t.check('length(??) between 1 and 4000', ['body'], 'case_notes_body_length');
    // A case's notes are always read together, oldest first.
    t.index(['case_id', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('case_notes');
}
