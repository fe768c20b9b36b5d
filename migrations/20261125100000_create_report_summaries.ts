import type { Knex } from 'knex';
import { createReportSummaries, dropReportSummaries } from '../src/infra/db/report-summaries.js';

// Summary rows the database keeps for the guarantee and lead-time reports, filled from what
// is already recorded; src/infra/db/report-summaries.ts explains them.
export async function up(knex: Knex): Promise<void> {
  await createReportSummaries(knex);
}

export async function down(knex: Knex): Promise<void> {
  await dropReportSummaries(knex);
}
