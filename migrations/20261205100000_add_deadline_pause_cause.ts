import type { Knex } from 'knex';

// A paused clock says why it stands still (the event type that paused it), so texts no longer
// guess "waiting for a complement" from complement_requested_at. Rows paused before this
// column existed keep null and read as waiting for a complement, the only pause there was.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('deadlines', (t) => {
    t.string('paused_cause', 40).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('deadlines', (t) => {
    t.dropColumn('paused_cause');
  });
}
