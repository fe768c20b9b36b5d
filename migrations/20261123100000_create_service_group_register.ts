import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Who can sit at a "dukat bord" for a unit, with the title the company reads in the invitation.
  await knex.schema.createTable('service_group_members', (t) => {
    t.string('unit', 60).notNullable();
    t.uuid('user_id').notNullable().references('id').inTable('users');
    t.string('title', 120).notNullable();
    t.string('created_at', 30).notNullable();
    t.primary(['unit', 'user_id']);
    t.index(['user_id']);
  });
  // Which units a case of a category usually involves; the coordinator's starting point.
  await knex.schema.createTable('category_units', (t) => {
    t.string('category', 60).notNullable();
    t.string('unit', 60).notNullable();
    t.primary(['category', 'unit']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('category_units');
  await knex.schema.dropTable('service_group_members');
}
