import type { Knex } from 'knex';
import { categories } from '../src/domain/categories.js';
import { clientOf } from '../src/infra/db/knex-factory.js';
import { rebuildReportSummaries } from '../src/infra/db/report-summaries.js';

// Seeds a database for the report benchmark with INSERT … SELECT over a generated sequence:
// generate_series on PostgreSQL, a recursive CTE on SQLite. Every value is integer arithmetic
// on the row number, the same on both databases, so the two hold the same cases.

export interface SeedSpec {
  /** Closed cases, received evenly from 1 November 2006 to 31 August 2026: 50 000 a year for a million. */
  closed: number;
  /** Open cases, received from 1 October 2025 to 19 November 2026. */
  open: number;
  answers: number;
  visits: number;
}

const epoch = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const CLOSED_FROM = epoch('2006-11-01T06:00:00Z');
const CLOSED_SPAN = epoch('2026-08-31T06:00:00Z') - CLOSED_FROM;
const OPEN_FROM = epoch('2025-10-01T06:00:00Z');
const OPEN_SPAN = epoch('2026-11-19T06:00:00Z') - OPEN_FROM;
const DAY = 86_400;

/** A hundred slots, each a category: the mix of a municipality's business cases. */
const mix: [string, number][] = [
  ['bygglov', 28],
  ['anmalan', 8],
  ['forhandsbesked', 3],
  ['livsmedel', 12],
  ['miljo-halsoskydd', 12],
  ['serveringstillstand', 5],
  ['brandskydd', 5],
  ['markupplatelse', 5],
  ['etablering', 6],
  ['upphandling', 4],
  ['ovrigt', 9],
  ['klagomal', 3],
];
const withDecisionClock = new Set([
  'bygglov',
  'anmalan',
  'forhandsbesked',
  'livsmedel',
  'miljo-halsoskydd',
  'serveringstillstand',
  'brandskydd',
  'markupplatelse',
]);
const openStatuses = ['registered', 'routed', 'assigned', 'in_progress', 'awaiting_complement', 'decided'];

function slotsValues(): string {
  const rows: string[] = [];
  for (const [code, n] of mix) {
    const c = categories.find((x) => x.code === code)!;
    for (let k = 0; k < n; k++)
      rows.push(
        `(${rows.length}, '${code}', '${c.unit}', ${c.kind === 'complaint' ? 1 : 0}, ${c.pbl ? 1 : 0}, ${withDecisionClock.has(code) ? 1 : 0})`,
      );
  }
  return rows.join(', ');
}

export interface Dialect {
  /** The body of a CTE `seq(i)` counting from `from` to `to`; the statement starts WITH RECURSIVE. */
  seq(from: number, to: number): string;
  /** A UUID from a row number; `variant` tells the tables apart. The first group spreads them over the key space, like random ids. */
  uuid(i: string, variant: string): string;
  ts(seconds: string): string;
  date(seconds: string): string;
  /** Casts for the uuid, jsonb and boolean columns of the shared INSERTs. */
  asUuid(x: string): string;
  asJson(x: string): string;
  bool(b: boolean): string;
}

export const sqlite: Dialect = {
  seq: (from, to) => `SELECT ${from} UNION ALL SELECT i + 1 FROM seq WHERE i < ${to}`,
  uuid: (i, v) =>
    `printf('%08x-%04x-${v}%03x-8%03x-%012x', ((${i}) * 2654435761) % 4294967296, (${i}) % 65536, (${i}) % 4096, ((${i}) / 4096) % 4096, ${i})`,
  ts: (s) => `strftime('%Y-%m-%dT%H:%M:%S.000Z', ${s}, 'unixepoch')`,
  date: (s) => `date(${s}, 'unixepoch')`,
  asUuid: (x) => x,
  asJson: (x) => x,
  bool: (b) => (b ? '1' : '0'),
};

const hex = (x: string, width: number) => `lpad(to_hex(${x}), ${width}, '0')`;
export const postgres: Dialect = {
  // bigint: the arithmetic on the row number passes 2^31.
  seq: (from, to) => `SELECT generate_series(CAST(${from} AS bigint), ${to})`,
  uuid: (i, v) =>
    `${hex(`((${i})::bigint * 2654435761) % 4294967296`, 8)} || '-' || ${hex(`(${i}) % 65536`, 4)} || '-${v}' || ${hex(`(${i}) % 4096`, 3)} || '-8' || ${hex(`((${i}) / 4096) % 4096`, 3)} || '-' || ${hex(`${i}`, 12)}`,
  ts: (s) => `to_char(to_timestamp(${s}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS".000Z"')`,
  date: (s) => `to_char(to_timestamp(${s}) AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
  asUuid: (x) => `CAST(${x} AS uuid)`,
  asJson: (x) => `CAST(${x} AS jsonb)`,
  bool: (b) => (b ? 'true' : 'false'),
};

const withSeq = (d: Dialect, from: number, to: number) =>
  `WITH RECURSIVE seq(i) AS (${d.seq(from, to)}), slots(slot, category, unit, complaint, pbl, decision_clock) AS (VALUES ${slotsValues()})`;

/** One row per case with every instant the tables need, as seconds; dropped when seeding ends. */
function caseTableSql(d: Dialect, spec: SeedSpec): string {
  const n = spec.closed;
  const lead = `(${DAY} * (3 + (i * 7919) % 80) + (i * 104729) % ${DAY})`;
  return `CREATE TABLE bench_case AS
    ${withSeq(d, 1, n + spec.open)}
    SELECT i, ${d.uuid('i', '4')} AS id, s.category, s.unit, s.complaint, s.pbl, s.decision_clock,
      CASE WHEN i > ${n} THEN 1 ELSE 0 END AS is_open, received, received + ${lead} AS decided, received + ${lead} + ${DAY} * (1 + i % 5) AS closed,
      received + CASE WHEN i % 5 = 0 AND (i * 7919) % 80 >= 20 THEN ${DAY} * (7 + i % 10) ELSE 0 END AS complete
    FROM (
      SELECT i, CASE WHEN i <= ${n} THEN ${CLOSED_FROM} + (i * ${CLOSED_SPAN}) / ${n} ELSE ${OPEN_FROM} + ((i - ${n}) * ${OPEN_SPAN}) / ${Math.max(spec.open, 1)} END + (i * 7) % 3600 AS received
      FROM seq
    ) AS t
    JOIN slots AS s ON s.slot = t.i % 100`;
}

function statements(d: Dialect, spec: SeedSpec, userId: string): string[] {
  const openStatus = `CASE i % ${openStatuses.length} ${openStatuses.map((s, k) => `WHEN ${k} THEN '${s}'`).join(' ')} END`;
  const concerns =
    `CASE i % 4 WHEN 0 THEN '["treatment"]' WHEN 1 THEN '["efficiency","information"]' ` +
    `WHEN 2 THEN '["competence"]' ELSE '["accessibility","treatment"]' END`;
  const complaintUnit = `CASE i % 3 WHEN 0 THEN 'bygglov' WHEN 1 THEN 'livsmedel' ELSE 'naringsliv' END`;
  const now = epoch('2026-11-20T08:00:00Z');
  const events = (type: string, at: string, where: string, fromState = 'x') =>
    `INSERT INTO case_events (case_id, actor_id, type, payload, from_state, to_state, case_version, created_at)
     SELECT ${d.asUuid('id')}, NULL, '${type}', ${d.asJson(`'{}'`)}, '${fromState}', 'x', 1, ${d.ts(at)} FROM bench_case WHERE ${where}`;
  const deadline = (
    variant: string,
    clock: string,
    where: string,
    state: string,
    startedAt: string,
    metAt: string,
    breachedAt: string,
    fee: string,
  ) =>
    `INSERT INTO deadlines (id, case_id, guarantee_code, guarantee_version, clock, state, started_at,
       due_date, due_at, met_at, breached_at, fee_reduction_fifths, extension_weeks, version, updated_at)
     SELECT ${d.asUuid(d.uuid('i', variant))}, ${d.asUuid('id')}, category || '-${clock}', 1, '${clock}', ${state}, ${d.ts(startedAt)}, NULL, ${d.ts(startedAt)},
       ${metAt}, ${breachedAt}, ${fee}, 0, 2, ${d.ts('received')}
     FROM bench_case WHERE ${where}`;
  const late = (k: number) => `i % ${k} = 0`;
  return [
    caseTableSql(d, spec),
    `INSERT INTO cases (id, reference, kind, category, channel, status, machine_id, machine_version,
       snapshot, version, unit, subject, description, concerns, anonymous, created_by, received_at,
       created_at, updated_at, closed_at)
     SELECT ${d.asUuid('id')}, 'B-' || i, CASE WHEN complaint = 1 THEN 'complaint' ELSE 'company_case' END, category, 'email',
       CASE WHEN is_open = 1 THEN (CASE WHEN complaint = 1 THEN 'investigating' ELSE ${openStatus} END) ELSE 'closed' END,
       CASE WHEN complaint = 1 THEN 'complaint' ELSE 'company_case' END, '1', ${d.asJson(`'{}'`)}, 6,
       CASE WHEN complaint = 1 THEN ${complaintUnit} WHEN is_open = 1 AND i % ${openStatuses.length} = 0 THEN NULL ELSE unit END,
       'Benchmark', '', CASE WHEN complaint = 1 THEN ${d.asJson(concerns)} ELSE NULL END, ${d.bool(false)}, ${d.asUuid(`'${userId}'`)},
       ${d.ts('received')}, ${d.ts('received')}, ${d.ts('closed')}, CASE WHEN is_open = 1 THEN NULL ELSE ${d.ts('closed')} END
     FROM bench_case`,
    events('REGISTERED', 'received', '1 = 1'),
    events('DECIDE', 'decided', 'is_open = 0 AND complaint = 0'),
    events('ANSWER', 'decided', 'is_open = 0 AND complaint = 1'),
    events('CLOSE', 'closed', 'is_open = 0'),
    // One case in two hundred is reopened after it closed and decided again.
    events('REOPEN', `closed + ${5 * DAY}`, 'is_open = 0 AND complaint = 0 AND i % 200 = 0', 'closed'),
    events('DECIDE', `closed + ${10 * DAY}`, 'is_open = 0 AND complaint = 0 AND i % 200 = 0'),
    deadline(
      '5',
      'first_contact',
      'complaint = 0',
      `CASE WHEN ${late(20)} THEN 'met_late' ELSE 'met' END`,
      'received',
      d.ts(`received + ${DAY} * (1 + i % 3)`),
      'NULL',
      'NULL',
    ),
    deadline(
      '6',
      'decision',
      'complaint = 0 AND decision_clock = 1',
      `CASE WHEN is_open = 1 THEN (CASE WHEN received + ${70 * DAY} < ${now} AND ${late(2)} ` +
        `THEN 'breached' ELSE 'running' END) WHEN ${late(8)} THEN 'met_late' ELSE 'met' END`,
      'complete',
      `CASE WHEN is_open = 1 THEN NULL ELSE ${d.ts('decided')} END`,
      `CASE WHEN is_open = 1 AND received + ${70 * DAY} < ${now} AND ${late(2)} THEN ${d.ts(`received + ${70 * DAY}`)} ` +
        `WHEN is_open = 0 AND ${late(8)} THEN ${d.ts(`decided - ${DAY}`)} ELSE NULL END`,
      `CASE WHEN is_open = 0 AND ${late(8)} AND pbl = 1 THEN 1 + (i / 8) % 5 ELSE NULL END`,
    ),
    deadline('7', 'complaint_ack', 'complaint = 1', `'met'`, 'received', d.ts(`received + ${DAY}`), 'NULL', 'NULL'),
    deadline(
      '8',
      'complaint_answer',
      'complaint = 1 AND is_open = 0',
      `CASE WHEN ${late(6)} THEN 'met_late' ELSE 'met' END`,
      'received',
      d.ts('decided'),
      'NULL',
      'NULL',
    ),
    `${withSeq(d, 1, spec.answers)}
     INSERT INTO survey_answers (id, area, unit, closed_month, answered_at, nki_overall, nki_expectations, nki_ideal,
       f_information, f_tillganglighet, f_bemotande, f_kompetens, f_rattssakerhet, f_effektivitet, comment)
     SELECT ${d.asUuid(d.uuid('i', '9'))}, s.category, s.unit, substr(${d.ts(`${CLOSED_FROM + 30 * DAY} + (i * ${CLOSED_SPAN}) / ${spec.answers}`)}, 1, 7),
       ${d.ts(`${CLOSED_FROM + 40 * DAY} + (i * ${CLOSED_SPAN}) / ${spec.answers}`)}, 1 + (i * 7) % 10, 1 + (i * 11) % 10, 1 + (i * 13) % 10,
       ${['information', 'tillganglighet', 'bemotande', 'kompetens', 'rattssakerhet', 'effektivitet']
         .map((_, k) => `CASE WHEN (i * ${k + 3}) % 7 = 0 THEN NULL ELSE 1 + (i * ${k + 5}) % 6 END`)
         .join(', ')}, NULL
     FROM seq JOIN slots AS s ON s.slot = (seq.i * 37) % 97 AND s.complaint = 0`,
    `${withSeq(d, 1, spec.visits)}
     INSERT INTO cases (id, reference, kind, category, channel, status, machine_id, machine_version,
       snapshot, version, unit, subject, description, concerns, anonymous, created_by, received_at,
       created_at, updated_at, closed_at)
     SELECT ${d.asUuid(d.uuid('i', 'a'))}, 'V-' || i, 'company_visit', 'foretagsbesok', 'company_visit', 'closed', 'company_visit', '1', ${d.asJson(`'{}'`)}, 3, 'naringsliv',
       'Besök', '', NULL, ${d.bool(false)}, ${d.asUuid(`'${userId}'`)}, ${d.ts(`${epoch('2024-12-01T08:00:00Z')} + i * 3600`)}, ${d.ts(`${epoch('2024-12-01T08:00:00Z')} + i * 3600`)},
       ${d.ts(`${epoch('2024-12-01T08:00:00Z')} + i * 3600`)}, NULL
     FROM seq`,
    `${withSeq(d, 1, spec.visits)}
     INSERT INTO company_visits (case_id, visited_on, summary, growth_needs, recorded_at)
     SELECT ${d.asUuid(d.uuid('i', 'a'))}, ${d.date(`${epoch('2025-01-02T08:00:00Z')} + (i * ${epoch('2026-11-19T08:00:00Z') - epoch('2025-01-02T08:00:00Z')}) / ${spec.visits}`)}, 'Besök.', ${d.asJson(`'[]'`)},
       ${d.ts(`${epoch('2025-01-02T08:00:00Z')} + (i * ${epoch('2026-11-19T08:00:00Z') - epoch('2025-01-02T08:00:00Z')}) / ${spec.visits}`)}
     FROM seq`,
    'DROP TABLE bench_case',
  ];
}

const seededTables = ['cases', 'case_events', 'deadlines', 'survey_answers', 'company_visits'];

/**
 * The secondary indexes of the seeded tables, as the statements that create them. Loading a
 * million rows into a dozen indexes keyed by random ids is many times slower than building the
 * indexes afterwards from sorted data. Keys that back a constraint on PostgreSQL stay.
 */
async function secondaryIndexes(trx: Knex, d: Dialect): Promise<{ name: string; sql: string }[]> {
  if (d === sqlite) {
    const rows = (await trx.raw(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${seededTables.map(() => '?').join(', ')})`,
      seededTables,
    )) as {
      name: string;
      sql: string;
    }[];
    return rows;
  }
  const r = (await trx.raw(
    `SELECT i.indexname AS name, i.indexdef AS sql FROM pg_indexes i
     WHERE i.schemaname = current_schema() AND i.tablename IN (${seededTables.map(() => '?').join(', ')})
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.connamespace = CAST(current_schema() AS regnamespace))`,
    seededTables,
  )) as { rows: { name: string; sql: string }[] };
  return r.rows;
}

/** Seeds every table the reports read, in one transaction; `userId` must be an existing user. */
export async function seedReports(
  db: Knex,
  spec: SeedSpec,
  userId: string,
  onStep: (label: string, ms: number) => void,
): Promise<void> {
  const d = clientOf(db) === 'postgres' ? postgres : sqlite;
  // Index builds sort in memory up to SQLite's page cache; the reports are measured at the
  // default again. The generated rows refer only to each other, so foreign keys are not
  // checked row by row while they go in (SQLite cannot switch this inside a transaction).
  if (d === sqlite) {
    await db.raw('PRAGMA cache_size = -1048576');
    await db.raw('PRAGMA foreign_keys = OFF');
  }
  try {
    await db.transaction(async (trx) => {
      const step = async (label: string, sql: string) => {
        const t0 = performance.now();
        await trx.raw(sql);
        onStep(label, performance.now() - t0);
      };
      // On SQLite the report summaries' triggers fire as each row goes in, as they would in use.
      let triggersOff = false;
      if (d === postgres) {
        await trx.raw(`SET LOCAL maintenance_work_mem = '512MB'`);
        // Only a superuser may skip the foreign-key triggers; anyone else seeds with them. The
        // switch skips the report summaries' triggers too, so they are rebuilt after the rows.
        triggersOff = await trx
          .transaction(async (sp) => sp.raw('SET LOCAL session_replication_role = replica'))
          .then(
            () => true,
            () => false,
          );
      }
      const indexes = await secondaryIndexes(trx, d);
      for (const i of indexes) await trx.raw(`DROP INDEX ${i.name}`);
      for (const sql of statements(d, spec, userId)) await step(sql.trim().split('\n')[0]!.slice(0, 60), sql);
      for (const i of indexes) await step(`CREATE INDEX ${i.name}`, i.sql);
      if (triggersOff) {
        const t0 = performance.now();
        await trx.raw('SET LOCAL session_replication_role = origin');
        await rebuildReportSummaries(trx);
        onStep('rebuild report summaries', performance.now() - t0);
      }
    });
  } finally {
    if (d === sqlite) {
      await db.raw('PRAGMA foreign_keys = ON');
      await db.raw('PRAGMA cache_size = -2000');
    }
  }
}
