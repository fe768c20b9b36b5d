import type { Knex } from 'knex';
import { serviceFactors } from '../../domain/nki.js';
import { monthSpans, type YearMonth } from '../../domain/stockholm-months.js';
import { caseJoin } from './case-join.js';
import {
  caseFilter,
  empty,
  inPeriod,
  joinSql,
  monthOf,
  nullsLast,
  periodOf,
  raw,
  rawRows,
  reportSql,
  shareTenthsSql,
  sql,
  summaryFilter,
  type Sql,
} from './report-sql.js';

/*
 * The queries behind the reports in src/application/reports/, one a report. Each returns the
 * rows as the driver gives them (counts may be strings on PostgreSQL; report-sql.ts `num`
 * reads them); the report module gives them labels, columns and its notes.
 */

type Row = Record<string, unknown>;

interface PeriodFilter {
  from: YearMonth;
  to: YearMonth;
  category?: string | undefined;
  unit?: string | undefined;
}

/**
 * The rows of `byMonth` (one per month and category) and then of `wholePeriod` (one per
 * category, month NULL), in month order with the whole period last.
 */
const withWholePeriod = (byMonth: Sql, wholePeriod: Sql) => sql`SELECT * FROM (
      ${byMonth}
      UNION ALL
      ${wholePeriod}
    ) AS grouped
    ORDER BY ${raw(nullsLast('month'))}, category`;

/** Complaints received in the period by subject, by unit and in total, with their answer times. */
export async function complaintReportRows(db: Knex, q: Omit<PeriodFilter, 'category'>): Promise<Row[]> {
  const dialect = reportSql(db);
  const spans = monthSpans(q.from, q.to);
  const measures = raw(`COUNT(*) AS received, SUM(anonymous) AS anonymous, COUNT(answer_ms) AS answered,
      SUM(CASE WHEN anonymous = 0 AND answer_state = 'met' THEN 1 ELSE 0 END) AS in_time,
      ${dialect.percentileCont('answer_ms', 0.5)} AS p50, ${dialect.percentileCont('answer_ms', 0.9)} AS p90`);
  return rawRows(
    db,
    sql`WITH answers AS MATERIALIZED (
      -- An answer never comes before its complaint: answers from the period's start on are all that can belong to it.
      SELECT e.case_id, MIN(e.created_at) AS answered_at
      FROM case_events e WHERE e.type = 'ANSWER' AND e.created_at >= ${periodOf(spans).startAt}
      GROUP BY e.case_id
    ),
    complaints AS MATERIALIZED (
      SELECT c.unit, c.concerns, CASE WHEN c.anonymous THEN 1 ELSE 0 END AS anonymous, d.state AS answer_state,
        CASE WHEN a.answered_at IS NULL THEN NULL ELSE ${raw(dialect.msBetween('c.received_at', 'a.answered_at'))} END AS answer_ms
      FROM cases c
      LEFT JOIN deadlines d ON d.case_id = c.id AND d.clock = 'complaint_answer'
      LEFT JOIN answers a ON a.case_id = c.id
      WHERE c.kind = 'complaint' AND ${inPeriod('c.received_at', spans)}${caseFilter({ unit: q.unit })}
    )
    SELECT 1 AS grouping_order, 'subject' AS group_by, j.value AS group_key, ${measures}
    FROM complaints ${raw(dialect.eachJsonText('complaints.concerns', 'j'))} GROUP BY j.value
    UNION ALL
    SELECT 2, 'unit', unit, ${measures} FROM complaints GROUP BY unit
    UNION ALL
    SELECT 3, 'total', NULL, ${measures} FROM complaints
    ORDER BY grouping_order, group_key`,
  );
}

/** Decisions whose fee was reduced, per Stockholm month of the late decision and category. */
export async function feeReductionRows(db: Knex, q: PeriodFilter): Promise<Row[]> {
  const spans = monthSpans(q.from, q.to);
  const cases = caseJoin(db, spans, q);
  return rawRows(
    db,
    sql`WITH ${cases.ctes}
    reduced AS MATERIALIZED (
      SELECT ${monthOf('d.met_at', spans)} AS month, d.case_id, d.fee_reduction_fifths AS fifths
      FROM deadlines d
      WHERE d.state = 'met_late' AND ${inPeriod('d.met_at', spans)} AND d.fee_reduction_fifths > 0
      ${cases.probeOrder('d.case_id')}
    ),
    counted AS (
      SELECT r.month, c.category, COUNT(*) AS reductions, SUM(r.fifths) AS fifths
      FROM reduced r ${cases.from}
      WHERE ${cases.match('r.case_id')}
      GROUP BY r.month, c.category
    )
    ${withWholePeriod(
      sql`SELECT month, category, reductions, fifths FROM counted`,
      sql`SELECT NULL, category, CAST(SUM(reductions) AS bigint), CAST(SUM(fifths) AS bigint) FROM counted GROUP BY category`,
    )}`,
  );
}

/** Guarantee clocks met, met late and breached, per month, category and clock, from `guarantee_month_counts`. */
export async function guaranteeCountRows(db: Knex, q: PeriodFilter): Promise<Row[]> {
  return rawRows(
    db,
    sql`WITH counted AS (
      SELECT g.month, g.category, g.clock,
        CAST(SUM(g.met) AS bigint) AS met, CAST(SUM(g.met_late) AS bigint) AS met_late, CAST(SUM(g.breached) AS bigint) AS breached
      FROM guarantee_month_counts g
      WHERE g.month >= ${q.from} AND g.month <= ${q.to}${summaryFilter('g', q)}
      GROUP BY g.month, g.category, g.clock
      -- A month whose clocks all moved on (a breach later met, a case routed elsewhere) keeps a row of zeros.
      HAVING SUM(g.met) + SUM(g.met_late) + SUM(g.breached) > 0
    ),
    grouped AS (
      SELECT month, category, clock, met, met_late, breached FROM counted
      UNION ALL
      SELECT NULL, category, clock, CAST(SUM(met) AS bigint), CAST(SUM(met_late) AS bigint), CAST(SUM(breached) AS bigint)
      FROM counted GROUP BY category, clock
    )
    SELECT month, category, clock, met, met_late, breached, met + met_late + breached AS total,
      ${raw(shareTenthsSql('met', 'met + met_late + breached'))} AS kept_tenths
    FROM grouped
    ORDER BY ${raw(nullsLast('month'))}, category, clock`,
  );
}

/**
 * Count, median and 90th percentile of the milliseconds from registration (`rec_`) and from
 * the complete application (`com_`) to the first decision, per month and category, from
 * `decision_lead_times`.
 */
export async function leadTimeRows(db: Knex, q: PeriodFilter): Promise<Row[]> {
  const dialect = reportSql(db);
  const stats = (col: string, alias: string) =>
    raw(
      `COUNT(${col}) AS ${alias}_n, ${dialect.percentileCont(col, 0.5)} AS ${alias}_p50, ${dialect.percentileCont(col, 0.9)} AS ${alias}_p90`,
    );
  const measures = sql`${stats('from_received_ms', 'rec')}, ${stats('from_complete_ms', 'com')}`;
  return rawRows(
    db,
    sql`WITH decisions AS ${raw(dialect.client === 'postgres' ? 'MATERIALIZED' : '')} (
      SELECT t.month, t.category, t.from_received_ms, t.from_complete_ms
      FROM decision_lead_times t
      WHERE t.month >= ${q.from} AND t.month <= ${q.to}${summaryFilter('t', q)}
    )
    ${withWholePeriod(
      sql`SELECT month, category, ${measures} FROM decisions GROUP BY month, category`,
      sql`SELECT NULL, category, ${measures} FROM decisions GROUP BY category`,
    )}`,
  );
}

/** The measures of the NKI report: each comes back as `<measure>_n` (answers) and `<measure>` (0–100). */
export const nkiMeasures = ['nki', ...serviceFactors] as const;

// The sums stay integers in the database and one integer division rounds them half up, the
// same arithmetic as src/domain/nki.ts: NKI = 100 · Σ(o + e + i − 3) / (27 · n), a factor
// = 100 · Σ(x − 1) / (5 · m) over the m who answered it.
const nkiSums = `COUNT(*) AS nki_n, SUM(nki_sum) AS nki_sum, ${serviceFactors.map((f) => `COUNT(f_${f}) AS ${f}_n, SUM(f_${f} - 1) AS ${f}_sum`).join(', ')}`;
const nkiScaled = (m: string, span: number) =>
  `CASE WHEN ${m}_n = 0 THEN NULL ELSE (200 * ${m}_sum + ${span} * ${m}_n) / (${2 * span} * ${m}_n) END AS ${m}`;

/**
 * The NKI measures per area of the survey answers about cases closed from `previousFrom` to
 * `to`, apart for the period (`is_current` 1, from `from`) and the months before it (0); plus
 * the area `total.area` for the answers of the areas `total.of` together.
 */
export async function nkiRows(
  db: Knex,
  q: PeriodFilter & { previousFrom: YearMonth; total: { area: string; of: readonly string[] } },
): Promise<Row[]> {
  const filters = joinSql(
    [q.category ? sql` AND a.area = ${q.category}` : empty, q.unit ? sql` AND a.unit = ${q.unit}` : empty],
    '',
  );
  return rawRows(
    db,
    sql`WITH answers AS (
      SELECT CASE WHEN a.closed_month >= ${q.from} THEN 1 ELSE 0 END AS is_current, a.area,
        a.nki_overall + a.nki_expectations + a.nki_ideal - 3 AS nki_sum,
        ${raw(serviceFactors.map((f) => `a.f_${f}`).join(', '))}
      FROM survey_answers a
      WHERE a.closed_month >= ${q.previousFrom} AND a.closed_month <= ${q.to}${filters}
    ),
    grouped AS (
      SELECT is_current, area, ${raw(nkiSums)} FROM answers GROUP BY is_current, area
      UNION ALL
      SELECT is_current, ${q.total.area}, ${raw(nkiSums)} FROM answers WHERE area IN (${joinSql(
        q.total.of.map((x) => sql`${x}`),
        ', ',
      )}) GROUP BY is_current
    )
    SELECT is_current, area, ${raw(nkiMeasures.map((m) => `${m}_n, ${nkiScaled(m, m === 'nki' ? 27 : 5)}`).join(', '))}
    FROM grouped`,
  );
}

/** The age columns of the open-cases query: `key` counts the cases that arrived from `since` on, up to the previous bucket's `since`. */
export type AgeBucketKey = 'days0to7' | 'days8to30' | 'days31to90' | 'days91to180';

/**
 * Company cases and complaints in one of `statuses`, by category and unit, counted per age
 * bucket and `over180` (arrived before the last bucket's `since`), then a total row (`is_total` 1).
 */
export async function openCaseRows(
  db: Knex,
  q: {
    statuses: string[];
    buckets: { key: AgeBucketKey; since: string }[];
    category?: string | undefined;
    unit?: string | undefined;
  },
): Promise<Row[]> {
  const since = q.buckets.map((b) => b.since);
  const buckets = joinSql(
    q.buckets.map(
      (b, i) =>
        sql`SUM(CASE WHEN c.received_at >= ${since[i]}${i > 0 ? sql` AND c.received_at < ${since[i - 1]}` : empty} THEN 1 ELSE 0 END) AS ${raw(b.key)}`,
    ),
    ',\n      ',
  );
  return rawRows(
    db,
    sql`WITH open_cases AS (
      SELECT c.category, c.unit,
      ${buckets},
      SUM(CASE WHEN c.received_at < ${since[since.length - 1]} THEN 1 ELSE 0 END) AS over180,
      COUNT(*) AS total
      FROM cases c
      WHERE c.kind IN ('company_case', 'complaint') AND c.status IN (${joinSql(
        q.statuses.map((st) => sql`${st}`),
        ', ',
      )})${caseFilter(q)}
      GROUP BY c.category, c.unit
    )
    SELECT * FROM (
      SELECT category, unit, days0to7, days8to30, days31to90, days91to180, over180, total, 0 AS is_total FROM open_cases
      UNION ALL
      SELECT NULL, NULL, CAST(SUM(days0to7) AS bigint), CAST(SUM(days8to30) AS bigint), CAST(SUM(days31to90) AS bigint),
        CAST(SUM(days91to180) AS bigint), CAST(SUM(over180) AS bigint), CAST(SUM(total) AS bigint), 1 FROM open_cases
    ) AS grouped
    ORDER BY is_total, category, ${raw(nullsLast('unit'))}`,
  );
}

/**
 * Company visits carried out in `year`, for each of `months` (in order): `done`, `cumulative`,
 * `target_to_date` (the yearly `target` spread evenly, rounded half up) and `cumulative_tenths`
 * (cumulative / target in tenths of a per cent). No months, no rows.
 */
export async function visitMonthRows(
  db: Knex,
  q: { year: number; months: YearMonth[]; target: number },
): Promise<Row[]> {
  if (!q.months.length) return [];
  return rawRows(
    db,
    sql`WITH months(month, ordinal) AS (VALUES ${joinSql(
      q.months.map((m, i) => sql`(${m}, ${i + 1})`),
      ', ',
    )}),
        done AS (
          SELECT substr(v.visited_on, 1, 7) AS month, COUNT(*) AS n
          FROM company_visits v JOIN cases c ON c.id = v.case_id
          WHERE c.kind = 'company_visit' AND v.visited_on >= ${`${q.year}-01-01`} AND v.visited_on <= ${`${q.year}-12-31`}
          GROUP BY substr(v.visited_on, 1, 7)
        ),
        running AS (
          SELECT m.month, m.ordinal, COALESCE(d.n, 0) AS done,
            SUM(COALESCE(d.n, 0)) OVER (ORDER BY m.month ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cumulative
          FROM months m LEFT JOIN done d ON d.month = m.month
        )
        SELECT month, done, cumulative,
          (2 * ${raw(String(q.target))} * CAST(ordinal AS integer) + 12) / 24 AS target_to_date,
          ${raw(shareTenthsSql('CAST(cumulative AS bigint)', String(q.target)))} AS cumulative_tenths
        FROM running ORDER BY month`,
  );
}

export interface SurveyCommentEntry {
  closed_month: string;
  area: string;
  unit: string | null;
  comment: string;
}

/** The survey answers with a comment about cases closed in the period: newest month first, then area and the answer's random id. */
export async function surveyComments(db: Knex, q: PeriodFilter): Promise<SurveyCommentEntry[]> {
  const query = db('survey_answers')
    .whereNotNull('comment')
    .where('closed_month', '>=', q.from)
    .where('closed_month', '<=', q.to)
    .orderBy([{ column: 'closed_month', order: 'desc' }, { column: 'area' }, { column: 'id' }])
    .select('closed_month', 'area', 'unit', 'comment');
  if (q.category) query.where('area', q.category);
  if (q.unit) query.where('unit', q.unit);
  return (await query) as SurveyCommentEntry[];
}
