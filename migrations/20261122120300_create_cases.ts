import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('cases', (t) => {
    t.uuid('id').primary();
    t.string('reference', 20).notNullable().unique();
    t.string('kind', 20).notNullable();
    t.string('category', 60).notNullable();
    t.string('channel', 20).notNullable();
    t.string('status', 40).notNullable();
    t.string('machine_id', 40).notNullable();
    t.string('machine_version', 10).notNullable();
    t.jsonb('snapshot').notNullable();
    t.integer('version').notNullable();
    t.string('unit', 60).nullable();
    t.uuid('assignee_id').nullable().references('id').inTable('users');
    t.uuid('company_id').nullable().references('id').inTable('companies');
    t.uuid('contact_id').nullable().references('id').inTable('contacts');
    t.uuid('related_case_id').nullable().references('id').inTable('cases');
    t.string('subject', 300).notNullable();
    t.text('description').notNullable();
    t.jsonb('concerns').nullable();
    t.boolean('anonymous').notNullable().defaultTo(false);
    t.uuid('created_by').notNullable().references('id').inTable('users');
    // Timestamps are ISO 8601 UTC strings on both databases, so they sort and compare alike.
    t.string('received_at', 30).notNullable();
    t.string('created_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    t.string('closed_at', 30).nullable();
    t.index(['created_at', 'id']);
    t.index(['status', 'created_at']);
    t.index(['unit', 'status']);
    t.index(['assignee_id', 'status']);
    t.index(['category', 'status']);
    t.index(['company_id']);
    t.index(['related_case_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('cases');
}
