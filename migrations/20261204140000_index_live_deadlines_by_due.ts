import type { Knex } from 'knex';

// The late views of the staff queue (most late first, src/application/list-cases.ts) walk the
// live clocks of cases in due order and stop at the page's end. A partial index holds only those
// clocks, so the walk never passes the met and cancelled ones, and the cost of a page follows
// the late clocks before it, not the number of open cases. The condition is written exactly as
// the query writes it, which is what lets SQLite's and PostgreSQL's planners use the index.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    "create index deadlines_live_due_index on deadlines (due_at, id) where state in ('running', 'breached') and case_id is not null",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index deadlines_live_due_index');
}
