import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // When a mail was first handed to a worker: retries go on for a fixed time from here, however
  // often the row goes back to pending in between.
  await knex.schema.alterTable('notifications', (t) => {
    t.string('first_claimed_at', 30).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('notifications', (t) => {
    t.dropColumn('first_claimed_at');
  });
}
