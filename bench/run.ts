import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKnex } from '../src/infra/db/knex-factory.js';
import { migrateLatest } from '../src/infra/db/migrate.js';
import { migrationSource } from '../migrations/index.js';
import { companyCaseBody } from '../test/support/fixtures.js';
import { baselineStatements, startBareBaseline, type BareBaseline } from './bare-baseline.js';
import { startHandslag, type HandslagUnderTest } from './handslag-server.js';
import { runLoad, type LoadResult, type LoadSpec } from './load.js';
import { codeVersion, fixed, machine, mib, table } from './report.js';
import { envInt } from './workspace.js';

const settings = {
  durationSeconds: envInt('BENCH_DURATION', 10, 1),
  warmupSeconds: envInt('BENCH_WARMUP', 2, 0),
  connections: envInt('BENCH_CONNECTIONS', 10, 1),
};
// Transitions are stocked from the registration rate; a transition does less work than a
// registration on both sides, so three times that rate leaves room. Running out fails the run.
const POOL_FACTOR = 3;

type Target = 'handslag' | 'baseline';
type Scenario = 'register' | 'transition';

interface Measured {
  scenario: Scenario;
  target: Target;
  warmup: LoadResult | null;
  run: LoadResult;
}

/** Both servers behind one face, so each scenario is written once. */
interface Side {
  target: Target;
  url: string;
  token: string | null;
  registerDirect(n: number): Promise<void>;
  routableCaseIds(): Promise<string[]>;
  countCases(): Promise<number>;
  countRoutes(): Promise<number>;
}

const handslagSide = (h: HandslagUnderTest): Side => ({
  target: 'handslag',
  url: h.url,
  // The desk routes: an officer sees a case only once it belongs to the officer's unit.
  token: h.registrar.token,
  registerDirect: (n) => h.registerDirect(n),
  routableCaseIds: () => h.routableCaseIds(),
  countCases: () => h.count('cases'),
  countRoutes: () => h.countEvents('ROUTE'),
});

const baselineSide = (b: BareBaseline): Side => ({
  target: 'baseline',
  url: b.url,
  token: null,
  registerDirect: async (n) => b.registerDirect(n),
  routableCaseIds: async () => b.routableCaseIds(),
  countCases: async () => b.count('cases'),
  countRoutes: async () => b.countEvents('ROUTE'),
});

function headersFor(side: Side): Record<string, string> {
  return { 'content-type': 'application/json', ...(side.token ? { authorization: `Bearer ${side.token}` } : {}) };
}

function assertClean(label: string, r: LoadResult): void {
  if (r.non2xx === 0 && r.errors === 0 && r.timeouts === 0 && r.status2xx > 0) return;
  const detail = r.failures.length ? `\n  first failures:\n    ${r.failures.join('\n    ')}` : '';
  throw new Error(
    `${label}: ${r.status2xx} ok, ${r.non2xx} non-2xx, ${r.errors} connection errors, ${r.timeouts} timeouts${detail}`,
  );
}

// Requests in flight when autocannon stops are still served but not counted, so the database
// may hold up to one more row per connection and run than the 2xx count.
function assertWritten(label: string, written: number, answered: number, runs: number): void {
  const slack = settings.connections * runs;
  if (written < answered || written > answered + slack) {
    throw new Error(`${label}: ${answered} requests answered 2xx but ${written} rows were written`);
  }
}

async function benchRegister(side: Side): Promise<Measured> {
  const label = `register on ${side.target}`;
  const spec = (durationSeconds: number): LoadSpec => ({
    url: `${side.url}/api/cases`,
    method: 'POST',
    headers: headersFor(side),
    body: JSON.stringify(companyCaseBody()),
    connections: settings.connections,
    durationSeconds,
  });
  const before = await side.countCases();
  const warmup = settings.warmupSeconds > 0 ? await runLoad(spec(settings.warmupSeconds)) : null;
  if (warmup) assertClean(`${label} (warm-up)`, warmup);
  const run = await runLoad(spec(settings.durationSeconds));
  assertClean(label, run);
  assertWritten(label, (await side.countCases()) - before, (warmup?.status2xx ?? 0) + run.status2xx, warmup ? 2 : 1);
  return { scenario: 'register', target: side.target, warmup, run };
}

async function benchTransition(side: Side, registerRate: number): Promise<Measured> {
  const label = `transition on ${side.target}`;
  const needed =
    Math.ceil(registerRate * (settings.warmupSeconds + settings.durationSeconds) * POOL_FACTOR) +
    2 * settings.connections;
  let pool = await side.routableCaseIds();
  if (pool.length < needed) {
    process.stdout.write(`  stocking ${needed - pool.length} cases on ${side.target} for the transition scenario\n`);
    await side.registerDirect(needed - pool.length);
    pool = await side.routableCaseIds();
  }
  const spec = (durationSeconds: number, paths: string[]): LoadSpec => ({
    url: side.url,
    method: 'POST',
    headers: headersFor(side),
    body: JSON.stringify({ type: 'ROUTE', expectedVersion: 1, unit: 'bygglov' }),
    paths: paths.map((id) => `/api/cases/${id}/events`),
    connections: settings.connections,
    durationSeconds,
    // autocannon builds a request only when it sends it, so capping at the pool size means no case is sent twice.
    maxRequests: paths.length,
  });
  const before = await side.countRoutes();
  let rest = pool;
  let warmup: LoadResult | null = null;
  if (settings.warmupSeconds > 0) {
    warmup = await runLoad(spec(settings.warmupSeconds, rest));
    assertClean(`${label} (warm-up)`, warmup);
    rest = rest.slice(warmup.pathsUsed);
  }
  const run = await runLoad(spec(settings.durationSeconds, rest));
  assertClean(label, run);
  if (run.pathsUsed >= rest.length) {
    throw new Error(
      `${label}: the ${rest.length} prepared cases ran out before ${settings.durationSeconds} s; raise POOL_FACTOR in bench/run.ts`,
    );
  }
  assertWritten(label, (await side.countRoutes()) - before, (warmup?.status2xx ?? 0) + run.status2xx, warmup ? 2 : 1);
  return { scenario: 'transition', target: side.target, warmup, run };
}

/** An officer of the unit the cases were routed to now sees one, in its new state: the writes were real. */
async function checkOfficerSeesRoutedCase(h: HandslagUnderTest): Promise<void> {
  const row = (await h.ctx.db('cases').where({ status: 'routed', unit: 'bygglov' }).first('id')) as
    { id: string } | undefined;
  if (!row) throw new Error('no routed case found after the transition scenario');
  const res = await fetch(`${h.url}/api/cases/${row.id}`, { headers: { authorization: `Bearer ${h.officer.token}` } });
  const body = (await res.json()) as { status?: string; version?: number };
  if (res.status !== 200 || body.status !== 'routed' || body.version !== 2) {
    throw new Error(`officer read of routed case ${row.id}: HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  }
}

/** One request of each kind with nothing else running, to count what Handslag asks of the database. */
async function handslagStatements(h: HandslagUnderTest): Promise<Record<Scenario, number>> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${h.registrar.token}` };
  const send = async (urlPath: string, body: unknown, expected: number) => {
    const res = await fetch(`${h.url}${urlPath}`, { method: 'POST', headers, body: JSON.stringify(body) });
    const text = await res.text();
    if (res.status !== expected) throw new Error(`probe POST ${urlPath}: HTTP ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as { id: string };
  };
  const register = await h.statementsDuring(() => send('/api/cases', companyCaseBody(), 201));
  const transition = await h.statementsDuring(() =>
    send(`/api/cases/${register.result.id}/events`, { type: 'ROUTE', expectedVersion: 1, unit: 'bygglov' }, 200),
  );
  return { register: register.statements, transition: transition.statements };
}

/** The baseline gets a schema from the real migrations, then never sees knex again. */
async function prepareBaselineSchema(file: string): Promise<void> {
  const db = createKnex({ url: `sqlite:${file}` });
  try {
    await migrateLatest(db, migrationSource);
  } finally {
    await db.destroy();
  }
}

async function main(): Promise<number> {
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'handslag-bench-'));
  const onSigint = () => {
    fs.rmSync(tmpDir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', onSigint);
  let handslag: HandslagUnderTest | undefined;
  let baseline: BareBaseline | undefined;
  try {
    const started = new Date();
    const loadAverageAtStart = os.loadavg()[0] ?? 0;
    process.stdout.write(
      `Handslag benchmark: ${settings.durationSeconds} s per run after ${settings.warmupSeconds} s warm-up, ${settings.connections} connections\n`,
    );
    // Server and load generator need both cores; anything else running skews both columns.
    if (loadAverageAtStart > 1)
      process.stdout.write(
        `  note: load average is ${fixed(loadAverageAtStart, 2)} before starting; the machine is not idle\n`,
      );
    handslag = await startHandslag(tmpDir, `bench-${randomUUID().slice(0, 8)}`);
    const redisReady = handslag.ctx.redis.status === 'ready';
    if (!redisReady) process.stdout.write('  note: Redis is not reachable; the measured routes do not use it\n');
    const baselineFile = path.join(tmpDir, 'baseline.sqlite');
    await prepareBaselineSchema(baselineFile);
    baseline = await startBareBaseline(baselineFile);
    const sides = [handslagSide(handslag), baselineSide(baseline)];
    const statements = await handslagStatements(handslag);

    const results: Measured[] = [];
    for (const side of sides) {
      process.stdout.write(`  register on ${side.target} …\n`);
      results.push(await benchRegister(side));
    }
    for (const side of sides) {
      process.stdout.write(`  transition on ${side.target} …\n`);
      const registerRate = results.find((r) => r.scenario === 'register' && r.target === side.target)!.run.reqPerSec;
      results.push(await benchTransition(side, registerRate));
    }
    await checkOfficerSeesRoutedCase(handslag);

    const peakRssBytes = process.resourceUsage().maxRSS * 1024;
    const of = (scenario: Scenario, target: Target) =>
      results.find((r) => r.scenario === scenario && r.target === target)!.run;
    const scenarios: Scenario[] = ['register', 'transition'];
    const summary = scenarios.map((scenario) => {
      const h = of(scenario, 'handslag');
      const b = of(scenario, 'baseline');
      return {
        scenario,
        handslag: h,
        baseline: b,
        ratio: h.reqPerSec / b.reqPerSec,
        statements: { handslag: statements[scenario], baseline: baselineStatements[scenario] },
      };
    });

    const latency = (r: LoadResult) => `${fixed(r.latencyMs.p50, 0)} / ${fixed(r.latencyMs.p99, 0)}`;
    process.stdout.write(
      '\n' +
        table([
          [
            'Scenario',
            'Handslag req/s',
            'Baseline req/s',
            'Ratio',
            'Handslag p50/p99 ms',
            'Baseline p50/p99 ms',
            'SQL statements H/B',
          ],
          ...summary.map((s) => [
            s.scenario,
            fixed(s.handslag.reqPerSec, 0),
            fixed(s.baseline.reqPerSec, 0),
            fixed(s.ratio, 3),
            latency(s.handslag),
            latency(s.baseline),
            `${s.statements.handslag} / ${s.statements.baseline}`,
          ]),
        ]) +
        '\n\n' +
        summary
          .map(
            (s) =>
              `${s.scenario}: Handslag does ${fixed(s.ratio * 100, 1)} % of the baseline's requests per second (baseline ${fixed(1 / s.ratio, 1)}× faster)`,
          )
          .join('\n') +
        `\nPeak RSS of the bench process (both servers and the load generator): ${fixed(mib(peakRssBytes), 0)} MiB\n`,
    );

    const report = {
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      commit: codeVersion(),
      settings,
      machine: machine(),
      loadAverageAtStart,
      redisReady,
      peakRssBytes,
      summary: summary.map((s) => ({
        scenario: s.scenario,
        handslagReqPerSec: Number(fixed(s.handslag.reqPerSec, 1)),
        baselineReqPerSec: Number(fixed(s.baseline.reqPerSec, 1)),
        ratio: Number(fixed(s.ratio, 4)),
        handslagLatencyMs: { p50: s.handslag.latencyMs.p50, p99: s.handslag.latencyMs.p99 },
        baselineLatencyMs: { p50: s.baseline.latencyMs.p50, p99: s.baseline.latencyMs.p99 },
        sqlStatementsPerRequest: s.statements,
      })),
      runs: results,
    };
    const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
    fs.mkdirSync(resultsDir, { recursive: true });
    const out = path.join(resultsDir, 'latest.json');
    // Written beside and renamed, so an interrupted run never leaves half a file.
    fs.writeFileSync(`${out}.tmp`, `${JSON.stringify(report, null, 2)}\n`);
    fs.renameSync(`${out}.tmp`, out);
    process.stdout.write(`Results written to ${path.relative(process.cwd(), out)}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`\nBENCHMARK FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  } finally {
    await baseline
      ?.close()
      .catch((err: unknown) => process.stderr.write(`closing the baseline failed: ${String(err)}\n`));
    await handslag?.close().catch((err: unknown) => process.stderr.write(`closing Handslag failed: ${String(err)}\n`));
    fs.rmSync(tmpDir, { recursive: true, force: true });
    process.removeListener('SIGINT', onSigint);
  }
}

process.exitCode = await main();
