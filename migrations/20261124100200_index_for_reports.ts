import type { Knex } from 'knex';
import { clientOf, type DbClient } from '../src/infra/db/knex-factory.js';

// The reports (src/application/reports) read a period at a time. The first indexes turn "what
// happened in these months" into one range scan; the trailing columns let the scan answer from
// the index alone, without the wide rows. The last ones serve how each database reaches the
// cases of those rows (src/infra/db/case-join.ts): SQLite looks each one up,
// PostgreSQL reads the cases active in the period as a range. docs/performance.md has the plans.
const indexes: { table: string; columns: string[]; name: string; only?: DbClient }[] = [
  // Decisions (DECIDE), complaint answers (ANSWER) and reopenings (REOPEN) in a period.
  { table: 'case_events', columns: ['type', 'created_at', 'case_id', 'id'], name: 'case_events_type_created_at_index' },
  // Clocks stopped in a period: how, which, whose, since when, and the fee reduction.
  {
    table: 'deadlines',
    columns: ['state', 'met_at', 'clock', 'case_id', 'started_at', 'fee_reduction_fifths'],
    name: 'deadlines_state_met_at_index',
  },
  // Clocks breached in a period and not yet stopped.
  {
    table: 'deadlines',
    columns: ['state', 'breached_at', 'clock', 'case_id'],
    name: 'deadlines_state_breached_at_index',
  },
  // Complaints received in a period.
  { table: 'cases', columns: ['kind', 'received_at'], name: 'cases_kind_received_at_index' },
  // Open cases now: a few among many closed ones.
  {
    table: 'cases',
    columns: ['status', 'kind', 'category', 'unit', 'received_at'],
    name: 'cases_status_kind_report_index',
  },
  // SQLite: a case, and a case's decision clock, looked up by case id.
  {
    table: 'cases',
    columns: ['id', 'category', 'unit', 'received_at', 'closed_at'],
    name: 'cases_report_lookup_index',
    only: 'sqlite',
  },
  {
    table: 'deadlines',
    columns: ['case_id', 'clock', 'state', 'met_at', 'started_at'],
    name: 'deadlines_case_clock_report_index',
    only: 'sqlite',
  },
  // PostgreSQL: the cases open when a period began or closed since.
  {
    table: 'cases',
    columns: ['closed_at', 'received_at', 'id', 'category', 'unit'],
    name: 'cases_closed_at_report_index',
    only: 'postgres',
  },
];

const mine = (knex: Knex) => indexes.filter((i) => !i.only || i.only === clientOf(knex));

export async function up(knex: Knex): Promise<void> {
  for (const i of mine(knex)) await knex.schema.alterTable(i.table, (t) => t.index(i.columns, i.name));
}

export async function down(knex: Knex): Promise<void> {
  for (const i of mine(knex).reverse()) await knex.schema.alterTable(i.table, (t) => t.dropIndex(i.columns, i.name));
}
