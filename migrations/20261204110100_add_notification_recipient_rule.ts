import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // A staff notice names who should hear it (the case's officer, its unit's managers, the
  // coordinators), not their addresses: the people are looked up when it is sent.
  await knex.schema.alterTable('notifications', (t) => {
    t.text('recipient_rule').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('notifications', (t) => {
    t.dropColumn('recipient_rule');
  });
}
