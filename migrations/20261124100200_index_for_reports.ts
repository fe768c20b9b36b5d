import type { Knex } from 'knex';

// The reports (src/application/reports) read a period at a time. The first indexes turn "what
// happened in these months" into one range scan per month; the others answer the look-ups
// that follow, per case, from the index alone, without reading the wide case and deadline
// rows. docs/performance.md has the plans and what each index saves.
const indexes: { table: string; columns: string[]; name: string }[] = [
  // Decisions (DECIDE) and complaint answers (ANSWER) in a period.
  { table: 'case_events', columns: ['type', 'created_at', 'case_id'], name: 'case_events_type_created_at_index' },
  // Whether a decision is the case's first.
  { table: 'case_events', columns: ['case_id', 'type', 'id'], name: 'case_events_case_id_type_index' },
  // Clocks stopped in a period (met, met late, with the fee reduction), and clocks breached.
  { table: 'deadlines', columns: ['state', 'met_at', 'case_id', 'clock', 'fee_reduction_fifths'], name: 'deadlines_state_met_at_index' },
  { table: 'deadlines', columns: ['state', 'breached_at', 'case_id', 'clock'], name: 'deadlines_state_breached_at_index' },
  // A case's clock of one kind: when it last started, how it ended.
  { table: 'deadlines', columns: ['case_id', 'clock', 'started_at', 'state'], name: 'deadlines_case_clock_report_index' },
  // A case's category, unit and arrival, for each clock or decision counted.
  { table: 'cases', columns: ['id', 'category', 'unit', 'received_at'], name: 'cases_report_lookup_index' },
  // Complaints received in a period.
  { table: 'cases', columns: ['kind', 'received_at'], name: 'cases_kind_received_at_index' },
  // Open cases now: a few among many closed ones.
  { table: 'cases', columns: ['status', 'kind', 'category', 'unit', 'received_at'], name: 'cases_status_kind_report_index' },
];

export async function up(knex: Knex): Promise<void> {
  for (const i of indexes) await knex.schema.alterTable(i.table, (t) => t.index(i.columns, i.name));
}

export async function down(knex: Knex): Promise<void> {
  for (const i of [...indexes].reverse()) await knex.schema.alterTable(i.table, (t) => t.dropIndex(i.columns, i.name));
}
