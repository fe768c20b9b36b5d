import type { Knex } from 'knex';

// A tracking page's form is one-time: the nonce of its form token is recorded, under this
// primary key, in the transaction that takes the form in. A second submit of the same form
// (double click, reload, a tab left open) finds it and registers nothing; for a complaint it
// leads to the complaint the first submit filed.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('used_form_tokens', (t) => {
    t.string('nonce', 32).primary();
    t.uuid('case_id').notNullable().references('id').inTable('cases');
    t.string('form', 20).notNullable();
    t.uuid('result_case_id').nullable().references('id').inTable('cases');
    t.string('used_at', 30).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('used_form_tokens');
}
