import type { Knex } from 'knex';

// The reconciler pages through live clocks one state at a time in id order; without this index
// every page sorted all live deadlines again.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('deadlines', (t) => t.index(['state', 'id'], 'deadlines_state_id_index'));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('deadlines', (t) => t.dropIndex(['state', 'id'], 'deadlines_state_id_index'));
}
