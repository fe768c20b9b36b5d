import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configSchema } from '../src/config.js';
import { fixedClock } from '../src/domain/clock.js';
import { createKnex, type DbClient } from '../src/infra/db/knex-factory.js';
import { migrateLatest } from '../src/infra/db/migrate.js';
import { migrationSource } from '../migrations/index.js';
import { complaintReport } from '../src/application/reports/complaint-report.js';
import { feeReductionReport } from '../src/application/reports/fee-reduction-report.js';
import { guaranteeReport } from '../src/application/reports/guarantee-report.js';
import { leadTimeReport } from '../src/application/reports/lead-time-report.js';
import { nkiReport } from '../src/application/reports/nki-report.js';
import { openCasesReport } from '../src/application/reports/open-cases-report.js';
import { visitReport } from '../src/application/reports/visit-report.js';
import { addMonths } from '../src/domain/stockholm-months.js';
import { codeVersion, fixed, machine, mib, table } from './report.js';
import { seedReports, type SeedSpec } from './reports-seed.js';
import { benchWorkspace, count, envInt, median, sizeOf } from './workspace.js';

function readSettings() {
  const pg = process.env.BENCH_REPORTS_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  return {
    seed: {
      closed: envInt('BENCH_REPORTS_CASES', 1_000_000, 100),
      open: envInt('BENCH_REPORTS_OPEN', 20_000, 1),
      answers: envInt('BENCH_REPORTS_ANSWERS', 50_000, 100),
      visits: envInt('BENCH_REPORTS_VISITS', 200, 1),
    } satisfies SeedSpec,
    runs: envInt('BENCH_REPORTS_RUNS', 7, 1),
    months: envInt('BENCH_REPORTS_MONTHS', 12, 1),
    limitMs: envInt('BENCH_REPORTS_LIMIT_MS', 1000, 1),
    /** `none` measures SQLite only. */
    postgresUrl: pg === 'none' ? null : pg,
  };
}
type Settings = ReturnType<typeof readSettings>;

// The reports as a manager asks for them: the last whole months before the run's "now"
// (twelve unless BENCH_REPORTS_MONTHS says otherwise), the open cases now, this year's visits.
const NOW = '2026-11-20T09:00:00+01:00';
type Ctx = Parameters<typeof visitReport>[0];
interface Scenario {
  report: string;
  period: string;
  run: (ctx: Ctx) => Promise<{ rows: unknown[] }>;
}
function scenariosFor(months: number): Scenario[] {
  const p = { from: addMonths('2026-10', 1 - months), to: '2026-10' };
  const label = `${p.from}–${p.to}`;
  return [
    { report: 'guarantees', period: label, run: (ctx) => guaranteeReport(ctx, p) },
    { report: 'lead-times', period: label, run: (ctx) => leadTimeReport(ctx, p) },
    { report: 'open-cases', period: 'now', run: (ctx) => openCasesReport(ctx, {}) },
    { report: 'complaints', period: label, run: (ctx) => complaintReport(ctx, p) },
    { report: 'nki', period: label, run: (ctx) => nkiReport(ctx, p) },
    { report: 'fee-reductions', period: label, run: (ctx) => feeReductionReport(ctx, p) },
    { report: 'visits', period: 'year 2026', run: (ctx) => visitReport(ctx, { year: 2026 }) },
  ];
}

interface Timing {
  report: string;
  period: string;
  rows: number;
  /** SHA-256 of the report's rows: SQLite and PostgreSQL must give the same figures. */
  digest: string;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

interface DbResult {
  client: DbClient;
  seedMs: number;
  steps: { label: string; ms: number }[];
  analyzeMs: number;
  sizeBytes: number;
  rows: Record<string, number>;
  timings: Timing[];
}

async function measureOne(
  settings: Settings,
  client: DbClient,
  url: string,
  schema: string | undefined,
): Promise<DbResult> {
  const db = createKnex({ url, schema });
  try {
    await migrateLatest(db, migrationSource, schema);
    const userId = randomUUID();
    await db('users').insert({
      id: userId,
      name: 'Bänk Mätare',
      email: 'bench@kommun.example',
      role: 'manager',
      unit: 'bygglov',
      token_hash: 'x'.repeat(64),
      active: true,
      created_at: new Date().toISOString(),
    });

    process.stdout.write(
      `  ${client}: seeding ${settings.seed.closed} closed and ${settings.seed.open} open cases …\n`,
    );
    const steps: DbResult['steps'] = [];
    const t0 = performance.now();
    await seedReports(db, settings.seed, userId, (label, ms) => steps.push({ label, ms }));
    const seedMs = performance.now() - t0;
    // PostgreSQL's autovacuum would analyze and vacuum the new rows soon after; done here at
    // once so the plans are those of a settled database. SQLite gets no ANALYZE: Handslag never
    // runs one, so its planner works without statistics in production too.
    const a0 = performance.now();
    if (client === 'postgres') await db.raw('VACUUM ANALYZE');
    const analyzeMs = performance.now() - a0;
    const rows: Record<string, number> = {};
    for (const t of ['cases', 'case_events', 'deadlines', 'survey_answers', 'company_visits'])
      rows[t] = await count(db, t);
    const sizeBytes = await sizeOf(db, client, schema);
    process.stdout.write(
      `    seeded in ${fixed(seedMs / 1000, 1)} s; ${Object.entries(rows)
        .map(([t, n]) => `${t} ${n}`)
        .join(', ')}; ${fixed(mib(sizeBytes), 0)} MiB\n`,
    );

    const ctx: Ctx = { db, clock: fixedClock(NOW), config: configSchema.parse({}) };
    const timings: Timing[] = [];
    for (const s of scenariosFor(settings.months)) {
      // The first run warms the caches and is not counted.
      const first = await s.run(ctx);
      const ms: number[] = [];
      for (let i = 0; i < settings.runs; i++) {
        const r0 = performance.now();
        await s.run(ctx);
        ms.push(performance.now() - r0);
      }
      timings.push({
        report: s.report,
        period: s.period,
        rows: first.rows.length,
        digest: createHash('sha256').update(JSON.stringify(first.rows)).digest('hex'),
        medianMs: median(ms),
        minMs: Math.min(...ms),
        maxMs: Math.max(...ms),
      });
    }
    return { client, seedMs, steps, analyzeMs, sizeBytes, rows, timings };
  } finally {
    await db.destroy();
  }
}

function printReport(settings: Settings, results: DbResult[]): void {
  const ms = (n: number) => fixed(n, 1);
  const header = [
    'Report',
    'Period',
    ...results.flatMap((r) => [`${r.client} rows`, `${r.client} median ms`, 'min', 'max']),
  ];
  const rows = scenariosFor(settings.months).map((s, i) => [
    s.report,
    s.period,
    ...results.flatMap((r) => [
      String(r.timings[i]!.rows),
      ms(r.timings[i]!.medianMs),
      ms(r.timings[i]!.minMs),
      ms(r.timings[i]!.maxMs),
    ]),
  ]);
  process.stdout.write(
    `\nReports over ${settings.seed.closed} closed and ${settings.seed.open} open cases, ${settings.seed.answers} ` +
      `survey answers, ${settings.seed.visits} visits; ` +
      `warm, median of ${settings.runs} runs after one not counted\n\n${table([header, ...rows])}\n\n` +
      table([
        ['Database', 'Seeding s', 'VACUUM ANALYZE s', 'Size MiB', ...Object.keys(results[0]!.rows)],
        ...results.map((r) => [
          r.client,
          fixed(r.seedMs / 1000, 1),
          r.client === 'postgres' ? fixed(r.analyzeMs / 1000, 1) : '-',
          fixed(mib(r.sizeBytes), 0),
          ...Object.values(r.rows).map(String),
        ]),
      ]) +
      '\n',
  );
}

/** The report scenario: every report over a million closed cases, on SQLite and PostgreSQL. */
export async function runReportsBench(): Promise<number> {
  let settings: Settings;
  try {
    settings = readSettings();
  } catch (err) {
    process.stderr.write(`\nBENCHMARK FAILED: ${(err as Error).message}\n`);
    return 2;
  }
  const { tmpDir, schema, release } = benchWorkspace('reports', settings.postgresUrl);
  try {
    const started = new Date();
    const commit = codeVersion();
    const loadAverageAtStart = os.loadavg()[0] ?? 0;
    process.stdout.write(
      `\nReport benchmark: SQLite${settings.postgresUrl ? ` and PostgreSQL (${settings.postgresUrl}, schema ${schema})` : ' only'}\n`,
    );
    if (loadAverageAtStart > 1)
      process.stdout.write(
        `  note: load average is ${fixed(loadAverageAtStart, 2)} before starting; the machine is not idle\n`,
      );
    const results = [await measureOne(settings, 'sqlite', `sqlite:${path.join(tmpDir, 'reports.sqlite')}`, undefined)];
    fs.rmSync(tmpDir, { recursive: true, force: true });
    if (settings.postgresUrl) results.push(await measureOne(settings, 'postgres', settings.postgresUrl, schema));
    printReport(settings, results);

    const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
    fs.mkdirSync(resultsDir, { recursive: true });
    const out = path.join(
      resultsDir,
      settings.months === 12 ? 'reports-latest.json' : `reports-${settings.months}-months-latest.json`,
    );
    const report = {
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      commit,
      settings,
      machine: machine(),
      loadAverageAtStart,
      results,
    };
    fs.writeFileSync(`${out}.tmp`, `${JSON.stringify(report, null, 2)}\n`);
    fs.renameSync(`${out}.tmp`, out);
    process.stdout.write(`Results written to ${path.relative(process.cwd(), out)}\n`);

    const differing =
      results.length > 1
        ? results[0]!.timings
            .filter((t, i) => results.some((r) => r.timings[i]!.digest !== t.digest))
            .map((t) => t.report)
        : [];
    if (differing.length) {
      process.stderr.write(
        `\nBENCHMARK FAILED: SQLite and PostgreSQL give different figures for: ${differing.join(', ')}\n`,
      );
      return 1;
    }
    const slow = results.flatMap((r) =>
      r.timings
        .filter((t) => t.medianMs >= settings.limitMs)
        .map((t) => `${r.client} ${t.report} (${t.period}): ${fixed(t.medianMs, 0)} ms`),
    );
    if (slow.length) {
      process.stderr.write(`\nBENCHMARK FAILED: reports at or over ${settings.limitMs} ms:\n  ${slow.join('\n  ')}\n`);
      return 1;
    }
    return 0;
  } catch (err) {
    process.stderr.write(`\nBENCHMARK FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  } finally {
    await release();
  }
}
