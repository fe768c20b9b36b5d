import type { Knex } from 'knex';

// The staff queue (/arenden, src/application/list-cases.ts) shows a unit's cases, or one
// officer's, newest first, 25 at a time. With only (unit, status) and (assignee_id, status)
// the database read every case of the unit or the officer, open and closed, and sorted them
// all to show 25: at 100 000 open cases, tens of thousands of rows per page. Ending each
// index in the queue's order (created_at, id) lets it walk the newest cases of that unit or
// officer and stop at the page's end. `assignee_id IS NULL` ("Utan handläggare") uses the
// same index. docs/performance.md ("Staff pages at 100 000 open cases") has the plans.
const indexes = [
  { columns: ['unit', 'created_at', 'id'], name: 'cases_unit_created_at_index' },
  { columns: ['assignee_id', 'created_at', 'id'], name: 'cases_assignee_created_at_index' },
];

export async function up(knex: Knex): Promise<void> {
  for (const i of indexes) await knex.schema.alterTable('cases', (t) => t.index(i.columns, i.name));
}

export async function down(knex: Knex): Promise<void> {
  for (const i of [...indexes].reverse()) await knex.schema.alterTable('cases', (t) => t.dropIndex(i.columns, i.name));
}
