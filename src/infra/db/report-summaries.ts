import type { Knex } from 'knex';
import { monthSpans } from '../../domain/stockholm-months.js';
import { clientOf } from './knex-factory.js';
import { lockTablesForWrite } from './table-lock.js';

/*
 * Summary rows for the two reports whose cost would otherwise grow with the period: the
 * guarantee report (clocks met, met late and breached per month) and the lead-time report
 * (one row per first decision). The database keeps them with triggers, in the same
 * transaction as the change that moves them, so every writer (the case-event core, the
 * deadline job, an import) keeps them right without knowing about them, and a report over
 * five years reads a few thousand counts and one narrow row per decision instead of joining
 * a million deadlines and audit events to their cases.
 *
 * The Stockholm month of an instant comes from `report_months`, the first instant of every
 * month worked out by src/domain/stockholm-months.ts: the same answer on SQLite, which
 * knows no time zones, and on PostgreSQL, and the same as the period bounds the reports use.
 *
 * A case's category and unit are copied into the summaries and follow the case when it is
 * routed elsewhere, as the reports always showed a case under its present unit.
 */

/** Months covered by `report_months`; an instant outside them would have no month. */
export const REPORT_MONTHS_FROM = '1900-01';
export const REPORT_MONTHS_TO = '2299-12';

const CONTRIBUTES = (r: string) =>
  `(${r}.case_id IS NOT NULL AND ((${r}.state IN ('met', 'met_late') AND ${r}.met_at ` +
  `IS NOT NULL) OR (${r}.state = 'breached' AND ${r}.breached_at IS NOT NULL)))`;
const COUNTED_AT = (r: string) => `CASE WHEN ${r}.state = 'breached' THEN ${r}.breached_at ELSE ${r}.met_at END`;
const monthLookup = (ts: string) =>
  `(SELECT m.month FROM report_months m WHERE m.start_at <= ${ts} ORDER BY m.start_at DESC LIMIT 1)`;
const counts = (r: string, sign: string) =>
  `${sign} * (CASE WHEN ${r}.state = 'met' THEN 1 ELSE 0 END), ${sign} * (CASE WHEN ${r}.state ` +
  `= 'met_late' THEN 1 ELSE 0 END), ${sign} * (CASE WHEN ${r}.state = 'breached' THEN 1 ELSE 0 END)`;
const namedCounts = (r: string) =>
  `CASE WHEN ${r}.state = 'met' THEN 1 ELSE 0 END AS met, CASE WHEN ${r}.state = 'met_late' ` +
  `THEN 1 ELSE 0 END AS met_late, CASE WHEN ${r}.state = 'breached' THEN 1 ELSE 0 END AS breached`;
const ADD_COUNTS = `ON CONFLICT (month, category, unit, clock) DO UPDATE SET met = guarantee_month_counts.met + excluded.met,
  met_late = guarantee_month_counts.met_late + excluded.met_late, breached = guarantee_month_counts.breached + excluded.breached`;

interface Dialect {
  msBetween(from: string, to: string): string;
}
const sqliteDialect: Dialect = {
  msBetween: (from, to) => `CAST(round((julianday(${to}) - julianday(${from})) * 86400000.0) AS INTEGER)`,
};
const postgresDialect: Dialect = {
  msBetween: (from, to) =>
    `CAST(round(extract(epoch FROM (CAST(${to} AS timestamptz) - CAST(${from} AS timestamptz))) * 1000) AS bigint)`,
};

/** The decision row of a DECIDE event `e` on case `c`, the complete application from a stopped decision clock. */
const decisionSelect = (
  d: Dialect,
  e: string,
) => `SELECT c.id, ${e}.created_at, ${monthLookup(`${e}.created_at`)}, c.category, COALESCE(c.unit, ''),
    ${d.msBetween('c.received_at', `${e}.created_at`)},
    (SELECT ${d.msBetween('k.started_at', `${e}.created_at`)} FROM deadlines k
      WHERE k.case_id = c.id AND k.clock = 'decision' AND k.state IN ('met', 'met_late'))
  FROM cases c WHERE c.id = ${e}.case_id`;
const DECISION_COLUMNS =
  'decision_lead_times (case_id, decided_at, month, category, unit, from_received_ms, from_complete_ms)';

/** Counts of one deadline row `r` for case `c` with the sign, grouped so one INSERT touches a key once. */
const countsOf = (r: string, c: { category: string; unit: string }, sign: string, where: string) =>
  `INSERT INTO guarantee_month_counts (month, category, unit, clock, met, met_late, breached)
  SELECT ${monthLookup(COUNTED_AT(r))}, ${c.category}, COALESCE(${c.unit}, ''), ${r}.clock, ${counts(r, sign)}
  ${where}
  ${ADD_COUNTS}`;

export async function createReportSummaries(knex: Knex): Promise<void> {
  await knex.schema.createTable('report_months', (t) => {
    t.string('month', 7).primary();
    t.string('start_at', 30).notNullable().unique();
  });
  const spans = monthSpans(REPORT_MONTHS_FROM, REPORT_MONTHS_TO);
  for (let i = 0; i < spans.length; i += 500) {
    await knex('report_months').insert(spans.slice(i, i + 500).map((s) => ({ month: s.month, start_at: s.startAt })));
  }
  // Clocks that stopped (met, met late) or broke (breached, not yet stopped), per Stockholm
  // month, the case's category and unit ('' before routing), and clock.
  await knex.schema.createTable('guarantee_month_counts', (t) => {
    t.string('month', 7).notNullable();
    t.string('category', 60).notNullable();
    t.string('unit', 60).notNullable();
    t.string('clock', 40).notNullable();
    t.integer('met').notNullable();
    t.integer('met_late').notNullable();
    t.integer('breached').notNullable();
    t.primary(['month', 'category', 'unit', 'clock']);
  });
  // A case's first decision: a case reopened and decided again keeps its first, since its
  // clocks stopped there. The times are whole milliseconds; from_complete_ms is null for a
  // case without a decision clock.
  await knex.schema.createTable('decision_lead_times', (t) => {
    t.uuid('case_id').primary();
    t.string('decided_at', 30).notNullable();
    t.string('month', 7).notNullable();
    t.string('category', 60).notNullable();
    t.string('unit', 60).notNullable();
    t.bigInteger('from_received_ms').notNullable();
    t.bigInteger('from_complete_ms').nullable();
    t.index(['month', 'category', 'unit', 'from_received_ms', 'from_complete_ms'], 'decision_lead_times_report_index');
  });
  if (clientOf(knex) === 'postgres') await createPostgresTriggers(knex);
  else await createSqliteTriggers(knex);
  await rebuildReportSummaries(knex);
}

export async function dropReportSummaries(knex: Knex): Promise<void> {
  if (clientOf(knex) === 'postgres') {
    for (const [trigger, table] of pgTriggers) await knex.raw(`DROP TRIGGER IF EXISTS ${trigger} ON ${table}`);
    for (const f of pgFunctions) await knex.raw(`DROP FUNCTION IF EXISTS ${f}`);
  } else {
    for (const [trigger] of sqliteTriggerNames) await knex.raw(`DROP TRIGGER IF EXISTS ${trigger}`);
  }
  await knex.schema.dropTable('decision_lead_times');
  await knex.schema.dropTable('guarantee_month_counts');
  await knex.schema.dropTable('report_months');
}

/**
 * Recomputes both summaries from the deadlines and the audit trail, in one transaction:
 * after the migration that creates them, and whenever an administrator wants to check that
 * the triggers kept them right (`npm run cli -- reports rebuild`).
 */
export async function rebuildReportSummaries(db: Knex): Promise<{ counts: number; decisions: number }> {
  const d = clientOf(db) === 'postgres' ? postgresDialect : sqliteDialect;
  return db.transaction(async (trx) => {
    // The triggers that keep the summaries wait while they are rebuilt, and so does a second rebuild.
    await lockTablesForWrite(trx, 'guarantee_month_counts', 'decision_lead_times');
    await trx('guarantee_month_counts').delete();
    await trx('decision_lead_times').delete();
    await trx.raw(`INSERT INTO guarantee_month_counts (month, category, unit, clock, met, met_late, breached)
      SELECT x.month, x.category, x.unit, x.clock, SUM(x.met), SUM(x.met_late), SUM(x.breached) FROM (
        SELECT ${monthLookup(COUNTED_AT('r'))} AS month, c.category, COALESCE(c.unit, '') AS unit, r.clock, ${namedCounts('r')}
        FROM deadlines r JOIN cases c ON c.id = r.case_id
        WHERE ${CONTRIBUTES('r')}
      ) x GROUP BY x.month, x.category, x.unit, x.clock`);
    // Joins rather than a look-up per decision: a million of them rebuild in seconds.
    await trx.raw(`INSERT INTO ${DECISION_COLUMNS}
      SELECT c.id, e.created_at, ${monthLookup('e.created_at')}, c.category, COALESCE(c.unit, ''),
        ${d.msBetween('c.received_at', 'e.created_at')}, CASE WHEN k.started_at IS NULL THEN NULL ELSE ${d.msBetween('k.started_at', 'e.created_at')} END
      FROM (SELECT f.case_id, MIN(f.id) AS id FROM case_events f WHERE f.type = 'DECIDE' GROUP BY f.case_id) first
      JOIN case_events e ON e.id = first.id
      JOIN cases c ON c.id = e.case_id
      LEFT JOIN deadlines k ON k.case_id = c.id AND k.clock = 'decision' AND k.state IN ('met', 'met_late')`);
    const [a] = await trx('guarantee_month_counts').count({ n: '*' });
    const [b] = await trx('decision_lead_times').count({ n: '*' });
    return { counts: Number(a?.n ?? 0), decisions: Number(b?.n ?? 0) };
  });
}

const sqliteTriggerNames = [
  ['deadlines_report_insert'],
  ['deadlines_report_update'],
  ['deadlines_report_delete'],
  ['case_events_report_decision'],
  ['cases_report_update'],
] as const;

async function createSqliteTriggers(knex: Knex): Promise<void> {
  const d = sqliteDialect;
  const fromCase = (r: string) => `FROM cases c WHERE c.id = ${r}.case_id AND ${CONTRIBUTES(r)}`;
  const completeFrom = (
    r: string,
  ) => `UPDATE decision_lead_times SET from_complete_ms = ${d.msBetween(`${r}.started_at`, 'decided_at')}
      WHERE case_id = ${r}.case_id AND from_complete_ms IS NULL AND ${r}.clock = 'decision' AND ${r}.state IN ('met', 'met_late');`;
  const changed = ['state', 'met_at', 'breached_at', 'clock', 'case_id']
    .map((col) => `OLD.${col} IS NOT NEW.${col}`)
    .join(' OR ');

  await knex.raw(`CREATE TRIGGER deadlines_report_insert AFTER INSERT ON deadlines
    WHEN NEW.case_id IS NOT NULL AND NEW.state IN ('met', 'met_late', 'breached')
    BEGIN
      ${countsOf('NEW', { category: 'c.category', unit: 'c.unit' }, '1', fromCase('NEW'))};
      ${completeFrom('NEW')}
    END`);
  await knex.raw(`CREATE TRIGGER deadlines_report_update AFTER UPDATE ON deadlines
    WHEN (${changed}) AND (${CONTRIBUTES('OLD')} OR ${CONTRIBUTES('NEW')})
    BEGIN
      ${countsOf('OLD', { category: 'c.category', unit: 'c.unit' }, '-1', fromCase('OLD'))};
      ${countsOf('NEW', { category: 'c.category', unit: 'c.unit' }, '1', fromCase('NEW'))};
      ${completeFrom('NEW')}
    END`);
  await knex.raw(`CREATE TRIGGER deadlines_report_delete AFTER DELETE ON deadlines
    WHEN ${CONTRIBUTES('OLD')}
    BEGIN
      ${countsOf('OLD', { category: 'c.category', unit: 'c.unit' }, '-1', fromCase('OLD'))};
    END`);
  await knex.raw(`CREATE TRIGGER case_events_report_decision AFTER INSERT ON case_events
    WHEN NEW.type = 'DECIDE'
    BEGIN
      INSERT INTO ${DECISION_COLUMNS} ${decisionSelect(d, 'NEW')} ON CONFLICT (case_id) DO NOTHING;
    END`);
  // A case routed elsewhere (or recategorised) moves its counts and its decision with it.
  const moved = (sign: string, c: 'OLD' | 'NEW') =>
    `INSERT INTO guarantee_month_counts (month, category, unit, clock, met, met_late, breached)
    SELECT x.month, ${c}.category, COALESCE(${c}.unit, ''), x.clock, ${sign} * SUM(x.met), ${sign} * SUM(x.met_late), ${sign} * SUM(x.breached) FROM (
      SELECT ${monthLookup(COUNTED_AT('r'))} AS month, r.clock, ${namedCounts('r')}
      FROM deadlines r WHERE r.case_id = ${c}.id AND ${CONTRIBUTES('r')}
    ) x WHERE true GROUP BY x.month, x.clock
    ${ADD_COUNTS};`;
  await knex.raw(`CREATE TRIGGER cases_report_update AFTER UPDATE OF category, unit, received_at ON cases
    WHEN OLD.category IS NOT NEW.category OR OLD.unit IS NOT NEW.unit OR OLD.received_at IS NOT NEW.received_at
    BEGIN
      ${moved('-1', 'OLD')}
      ${moved('1', 'NEW')}
      UPDATE decision_lead_times SET category = NEW.category, unit = COALESCE(NEW.unit, ''),
        from_received_ms = ${d.msBetween('NEW.received_at', 'decided_at')}
      WHERE case_id = NEW.id;
    END`);
}

const pgTriggers = [
  ['deadlines_report_insert', 'deadlines'],
  ['deadlines_report_update', 'deadlines'],
  ['deadlines_report_delete', 'deadlines'],
  ['case_events_report_decision', 'case_events'],
  ['cases_report_update', 'cases'],
] as const;
const pgFunctions = [
  'deadlines_report_counts()',
  'case_events_report_decision()',
  'cases_report_update()',
  'guarantee_month_count(text, text, text, text, text, text, int)',
];

async function createPostgresTriggers(knex: Knex): Promise<void> {
  const d = postgresDialect;
  // One clock's counts, signed; keys touched in a fixed order (month, clock) by every caller.
  await knex.raw(`CREATE FUNCTION guarantee_month_count(p_category text, p_unit text, p_clock text, p_state text, p_met_at text, p_breached_at text, p_sign int)
    RETURNS void LANGUAGE plpgsql AS $$
    DECLARE ts text := CASE WHEN p_state IN ('met', 'met_late') THEN p_met_at WHEN p_state = 'breached' THEN p_breached_at END;
    BEGIN
      IF ts IS NULL THEN RETURN; END IF;
      INSERT INTO guarantee_month_counts (month, category, unit, clock, met, met_late, breached)
      VALUES (${monthLookup('ts')}, p_category, COALESCE(p_unit, ''), p_clock,
        CASE WHEN p_state = 'met' THEN p_sign ELSE 0 END, CASE WHEN p_state = 'met_late' THEN p_sign ELSE 0 END,
        CASE WHEN p_state = 'breached' THEN p_sign ELSE 0 END)
      ${ADD_COUNTS};
    END $$`);
  await knex.raw(`CREATE FUNCTION deadlines_report_counts() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE c record;
    BEGIN
      IF TG_OP <> 'INSERT' AND OLD.case_id IS NOT NULL THEN
        SELECT category, unit INTO c FROM cases WHERE id = OLD.case_id;
        PERFORM guarantee_month_count(c.category, c.unit, OLD.clock, OLD.state, OLD.met_at, OLD.breached_at, -1);
      END IF;
      IF TG_OP <> 'DELETE' AND NEW.case_id IS NOT NULL THEN
        SELECT category, unit INTO c FROM cases WHERE id = NEW.case_id;
        PERFORM guarantee_month_count(c.category, c.unit, NEW.clock, NEW.state, NEW.met_at, NEW.breached_at, 1);
        IF NEW.clock = 'decision' AND NEW.state IN ('met', 'met_late') THEN
          UPDATE decision_lead_times SET from_complete_ms = ${d.msBetween('NEW.started_at', 'decided_at')}
          WHERE case_id = NEW.case_id AND from_complete_ms IS NULL;
        END IF;
      END IF;
      RETURN NULL;
    END $$`);
  const changed = ['state', 'met_at', 'breached_at', 'clock', 'case_id']
    .map((col) => `OLD.${col} IS DISTINCT FROM NEW.${col}`)
    .join(' OR ');
  await knex.raw(`CREATE TRIGGER deadlines_report_insert AFTER INSERT ON deadlines FOR EACH ROW
    WHEN (NEW.case_id IS NOT NULL AND NEW.state IN ('met', 'met_late', 'breached')) EXECUTE FUNCTION deadlines_report_counts()`);
  await knex.raw(`CREATE TRIGGER deadlines_report_update AFTER UPDATE ON deadlines FOR EACH ROW
    WHEN ((${changed}) AND (${CONTRIBUTES('OLD')} OR ${CONTRIBUTES('NEW')})) EXECUTE FUNCTION deadlines_report_counts()`);
  await knex.raw(`CREATE TRIGGER deadlines_report_delete AFTER DELETE ON deadlines FOR EACH ROW
    WHEN (${CONTRIBUTES('OLD')}) EXECUTE FUNCTION deadlines_report_counts()`);

  await knex.raw(`CREATE FUNCTION case_events_report_decision() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO ${DECISION_COLUMNS} ${decisionSelect(d, 'NEW')} ON CONFLICT (case_id) DO NOTHING;
      RETURN NULL;
    END $$`);
  await knex.raw(`CREATE TRIGGER case_events_report_decision AFTER INSERT ON case_events FOR EACH ROW
    WHEN (NEW.type = 'DECIDE') EXECUTE FUNCTION case_events_report_decision()`);

  await knex.raw(`CREATE FUNCTION cases_report_update() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE r record;
    BEGIN
      FOR r IN SELECT * FROM deadlines WHERE case_id = NEW.id AND state IN ('met', 'met_late', 'breached') ORDER BY clock LOOP
        PERFORM guarantee_month_count(OLD.category, OLD.unit, r.clock, r.state, r.met_at, r.breached_at, -1);
        PERFORM guarantee_month_count(NEW.category, NEW.unit, r.clock, r.state, r.met_at, r.breached_at, 1);
      END LOOP;
      UPDATE decision_lead_times SET category = NEW.category, unit = COALESCE(NEW.unit, ''),
        from_received_ms = ${d.msBetween('NEW.received_at', 'decided_at')}
      WHERE case_id = NEW.id;
      RETURN NULL;
    END $$`);
  await knex.raw(`CREATE TRIGGER cases_report_update AFTER UPDATE OF category, unit, received_at ON cases FOR EACH ROW
    WHEN (OLD.category IS DISTINCT FROM NEW.category OR OLD.unit IS DISTINCT FROM NEW.unit OR OLD.received_at IS DISTINCT FROM NEW.received_at)
    EXECUTE FUNCTION cases_report_update()`);
}
