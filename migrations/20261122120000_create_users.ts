import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.uuid('id').primary();
    t.string('name', 200).notNullable();
    t.string('email', 320).notNullable().unique();
    t.string('role', 20).notNullable();
    t.string('unit', 60).nullable();
    // SHA-256 of a 256-bit random token: the token is never stored.
    t.string('token_hash', 64).notNullable().unique();
    t.boolean('active').notNullable().defaultTo(true);
    t.string('created_at', 30).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('users');
}
