import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { reconcile, type ReconcileReport } from '../src/application/reconcile.js';
import { startWorker, type RunningWorker } from '../src/worker.js';
import { codeVersion, fixed, machine, mib, table } from './report.js';
import { envInt } from './workspace.js';
import {
  claimBenchRedis,
  deadlineJobCounts,
  dispatchUntilEmpty,
  measure,
  measureLateness,
  openCases,
  redisUrlWithDb,
  startRemindersApp,
  until,
  withTimeout,
  type BenchRedis,
  type JobCounts,
  type LatenessResult,
  type OpenCasesResult,
  type PhaseCost,
  type RemindersApp,
  type SetupMode,
} from './reminders.js';

const seconds = (ms: number) => fixed(ms / 1000, 1);

function envSetup(): SetupMode {
  const raw = process.env.BENCH_REMINDERS_SETUP || 'clone';
  if (raw !== 'clone' && raw !== 'register')
    throw new Error(`BENCH_REMINDERS_SETUP must be clone or register, got "${raw}"`);
  return raw;
}

function readSettings() {
  const cases = envInt('BENCH_REMINDERS_CASES', 100_000, 1);
  return {
    cases,
    setup: envSetup(),
    dueCount: envInt('BENCH_REMINDERS_DUE', 1_000, 1),
    leadSeconds: envInt('BENCH_REMINDERS_LEAD', 30, 5),
    spreadSeconds: envInt('BENCH_REMINDERS_SPREAD', 60, 0),
    graceSeconds: envInt('BENCH_REMINDERS_GRACE', 120, 10),
    // Six hours: the worker's scheduled reconciler does not run while lateness is measured.
    reconcileEverySeconds: envInt('BENCH_REMINDERS_RECONCILE_EVERY', 6 * 3600, 1),
    // Bounds each timed phase; generous, since it is there to end a hung run, not to judge one.
    phaseTimeoutSeconds: envInt('BENCH_REMINDERS_PHASE_TIMEOUT', 600 + Math.ceil(cases * 0.03), 10),
    redisUrl: redisUrlWithDb(process.env.REDIS_URL || 'redis://127.0.0.1:6379', envInt('BENCH_REDIS_DB', 9, 0)),
  };
}
type Settings = ReturnType<typeof readSettings>;

interface Phase {
  name: string;
  /** What the phase went through: outbox rows or live deadlines. */
  handled: string;
  /** Deadline jobs the phase added to Redis, or checked there. */
  reminders: number;
  jobsAdded: number;
  cost: PhaseCost;
}

interface Measured {
  setup: OpenCasesResult;
  phases: Phase[];
  jobsAfterDispatch: JobCounts;
  jobsAfterRebuild: JobCounts;
  reconcileSteady: ReconcileReport;
  reconcileRebuild: ReconcileReport;
  memory: {
    dispatchDeltaBytes: number;
    dispatchBytesPerJob: number;
    rebuildDeltaBytes: number;
    rebuildBytesPerJob: number;
    usedMemoryAfterDispatch: number;
  };
  workerStartMs: number;
  workerSettledMs: number;
  /** False when reconciles were still running as the lateness run began. */
  workerSettled: boolean;
  lateness: LatenessResult;
}

async function runPhases(
  settings: Settings,
  app: RemindersApp,
  redis: BenchRedis,
  setWorker: (w: RunningWorker) => void,
): Promise<Measured> {
  const { ctx } = app;
  const limitMs = settings.phaseTimeoutSeconds * 1000;
  const timed = <T>(label: string, fn: () => Promise<T>) => withTimeout(label, limitMs, measure(ctx, redis, fn));
  const phases: Phase[] = [];

  process.stdout.write(`  opening ${settings.cases} cases (${settings.setup}) …\n`);
  const setup = await withTimeout('opening the cases', limitMs, openCases(app, settings.cases, settings.setup));
  process.stdout.write(
    `    ${setup.cases} cases, ${setup.deadlines} running clocks, ${setup.outboxRows} outbox rows in ${seconds(setup.ms)} s\n`,
  );
  if ((await deadlineJobCounts(ctx)).delayed !== 0) throw new Error('the deadline queue is not empty before dispatch');

  process.stdout.write('  dispatchOutbox until empty …\n');
  const dispatch = await timed('dispatchOutbox', () => dispatchUntilEmpty(ctx, setup.outboxRows));
  if (dispatch.result.rows !== setup.outboxRows)
    throw new Error(`dispatched ${dispatch.result.rows} outbox rows, expected ${setup.outboxRows}`);
  const jobsAfterDispatch = await deadlineJobCounts(ctx);
  if (jobsAfterDispatch.waiting !== 0 || jobsAfterDispatch.active !== 0)
    throw new Error(`jobs due at once after dispatch: ${JSON.stringify(jobsAfterDispatch)}`);
  if (jobsAfterDispatch.delayed < setup.deadlines)
    throw new Error(`${jobsAfterDispatch.delayed} delayed jobs for ${setup.deadlines} running clocks`);
  const reminders = jobsAfterDispatch.delayed;
  phases.push({
    name: 'dispatchOutbox until empty',
    handled: `${dispatch.result.rows} outbox rows`,
    reminders,
    jobsAdded: reminders,
    cost: dispatch.cost,
  });

  process.stdout.write('  reconcile with every job present …\n');
  const steady = await timed('reconcile (steady state)', () => reconcile(ctx));
  if (steady.result.added !== 0 || steady.result.promoted !== 0)
    throw new Error(`the steady-state reconcile changed the queue: ${JSON.stringify(steady.result)}`);
  phases.push({
    name: 'reconcile, all jobs present',
    handled: `${steady.result.deadlines} deadlines`,
    reminders,
    jobsAdded: 0,
    cost: steady.cost,
  });

  process.stdout.write(`  FLUSHDB on ${settings.redisUrl}, then reconcile …\n`);
  await redis.flushdb();
  if ((await redis.dbsize()) !== 0) throw new Error('the bench database is not empty after FLUSHDB');
  const rebuild = await timed('reconcile (after FLUSHDB)', () => reconcile(ctx));
  const jobsAfterRebuild = await deadlineJobCounts(ctx);
  if (rebuild.result.added !== jobsAfterDispatch.delayed || jobsAfterRebuild.delayed !== jobsAfterDispatch.delayed) {
    throw new Error(
      `reconcile after FLUSHDB added ${rebuild.result.added} jobs (${jobsAfterRebuild.delayed} delayed); dispatch had made ${jobsAfterDispatch.delayed}`,
    );
  }
  phases.push({
    name: 'reconcile after FLUSHDB',
    handled: `${rebuild.result.deadlines} deadlines`,
    reminders,
    jobsAdded: rebuild.result.added,
    cost: rebuild.cost,
  });

  const dispatchDeltaBytes = dispatch.cost.usedMemoryAfter - dispatch.cost.usedMemoryBefore;
  const rebuildDeltaBytes = rebuild.cost.usedMemoryAfter - rebuild.cost.usedMemoryBefore;
  const memory = {
    dispatchDeltaBytes,
    dispatchBytesPerJob: dispatchDeltaBytes / jobsAfterDispatch.delayed,
    rebuildDeltaBytes,
    rebuildBytesPerJob: rebuildDeltaBytes / jobsAfterRebuild.delayed,
    usedMemoryAfterDispatch: dispatch.cost.usedMemoryAfter,
  };

  process.stdout.write('  starting the worker (it reconciles at start) …\n');
  const t0 = performance.now();
  const worker = await withTimeout('starting the worker', limitMs, startWorker(ctx));
  setWorker(worker);
  const workerStartMs = performance.now() - t0;
  // The reconciler's schedule also runs once at once, as a job; the lateness run starts when the
  // queue is quiet. With a reconciler interval shorter than a reconcile, it never is: then it
  // starts after one interval, with reconciles running.
  const reconcileEveryMs = settings.reconcileEverySeconds * 1000;
  const settleMs = Math.min(limitMs, reconcileEveryMs);
  let settled = true;
  try {
    await until('the worker to settle', settleMs, 200, async () => {
      const c = await deadlineJobCounts(ctx);
      return c.active === 0 && c.waiting === 0;
    });
  } catch (err) {
    if (settleMs === limitMs) throw err;
    settled = false;
    process.stdout.write(
      `    the queue was still busy after one reconciler interval (${settings.reconcileEverySeconds} s); measuring with reconciles running\n`,
    );
  }
  const workerSettledMs = performance.now() - t0;

  const spreadText = settings.spreadSeconds > 0 ? `spread over ${settings.spreadSeconds} s` : 'all on one instant';
  process.stdout.write(`  ${settings.dueCount} reminders due ${settings.leadSeconds} s from now, ${spreadText} …\n`);
  const lateness = await measureLateness(app, {
    count: settings.dueCount,
    leadMs: settings.leadSeconds * 1000,
    spreadMs: settings.spreadSeconds * 1000,
    graceMs: settings.graceSeconds * 1000,
  });
  if (lateness.jobResults.breached !== settings.dueCount)
    throw new Error(`due jobs ended ${JSON.stringify(lateness.jobResults)}, expected ${settings.dueCount} breached`);

  return {
    setup,
    phases,
    jobsAfterDispatch,
    jobsAfterRebuild,
    reconcileSteady: steady.result,
    reconcileRebuild: rebuild.result,
    memory,
    workerStartMs,
    workerSettledMs,
    workerSettled: settled,
    lateness,
  };
}

function printReport(settings: Settings, m: Measured): void {
  const pct = (part: number, whole: number) => `${fixed((part / whole) * 100, 0)} %`;
  const per = (n: number, d: number) => fixed(n / d, 2);
  const phaseRows = m.phases.map((p) => [
    p.name,
    seconds(p.cost.ms),
    p.handled,
    String(p.jobsAdded),
    fixed(p.reminders / (p.cost.ms / 1000), 0),
    String(p.cost.sqlStatements),
    per(p.cost.redisCalls, p.reminders),
    String(p.cost.redisWrites),
    pct(p.cost.nodeCpuMs, p.cost.ms),
    pct(p.cost.redisCpuMs, p.cost.ms),
  ]);
  const l = m.lateness;
  const late = (label: string, s: LatenessResult['breachedLateMs']) => [
    label,
    fixed(s.p50, 0),
    fixed(s.p90, 0),
    fixed(s.p99, 0),
    fixed(s.max, 0),
  ];
  process.stdout.write(
    '\n' +
      (`Reminder scheduling: ${m.setup.cases} open cases (${m.setup.mode}), ${m.setup.deadlines} ` +
        `running clocks, ${m.jobsAfterDispatch.delayed} pending reminders (delayed jobs)\n`) +
      ('Per reminder: divided by the delayed jobs, whether the phase added them or checked ' +
        'them. Redis writes: a command sent alone counts one, a pipeline one. CPU: share ' +
        'of wall time.\n\n') +
      table([
        [
          'Phase',
          'Time s',
          'Went through',
          'Jobs added',
          'Reminders/s',
          'SQL statements',
          'Redis cmds sent/reminder',
          'Redis writes',
          'Node CPU',
          'Redis CPU',
        ],
        ...phaseRows,
        ['startWorker (reconciles at start)', seconds(m.workerStartMs), '', '', '', '', '', '', '', ''],
        [
          m.workerSettled ? '… until the queue is quiet again' : '… one reconciler interval, still busy',
          seconds(m.workerSettledMs),
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
        ],
      ]) +
      '\n\n' +
      m.phases
        .map(
          (p) =>
            `${p.name}: Redis ran ${fixed(p.cost.redisCommands / p.reminders, 1)} commands per reminder, most ${p.cost.topRedisCommands.map((c) => `${c.command} ${c.calls}`).join(', ')}`,
        )
        .join('\n') +
      '\n\n' +
      `Redis used_memory (server-wide, difference across the phase):\n` +
      (`  dispatch:                +${fixed(mib(m.memory.dispatchDeltaBytes), 1)} MiB for ${m.jobsAfterDispatch.delayed} delayed jobs = ${fixed(m.memory.dispatchBytesPerJob, 0)} ` +
        `B per pending reminder\n`) +
      (`  reconcile after FLUSHDB: +${fixed(mib(m.memory.rebuildDeltaBytes), 1)} MiB for ${m.jobsAfterRebuild.delayed} delayed jobs = ${fixed(m.memory.rebuildBytesPerJob, 0)} ` +
        `B per pending reminder\n\n`) +
      `${l.breached} reminders due within ${seconds(l.dueSpanMs)} s (${settings.spreadSeconds > 0 ? 'spread evenly' : 'one instant'}); ` +
      (`registered in ${seconds(l.registerMs)} s; every due job was in Redis at least ${seconds(l.minHeadStartMs)} ` +
        `s before its time (${l.addedLate} added late)\n\n`) +
      table([
        ['Lateness, ms', 'p50', 'p90', 'p99', 'max'],
        late('marked breached (breached_at − due_at)', l.breachedLateMs),
        late('job finished (finishedOn − due_at)', l.finishedLateMs),
      ]) +
      '\n',
  );
}

/** The reminder scenario: scheduling for many open cases, Redis memory per reminder, and lateness. */
export async function runRemindersBench(): Promise<number> {
  let settings: Settings;
  try {
    settings = readSettings();
  } catch (err) {
    process.stderr.write(`\nBENCHMARK FAILED: ${(err as Error).message}\n`);
    return 2;
  }
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'handslag-bench-reminders-'));
  // Interrupted, the run leaves its Redis keys to the next run's start, which removes them.
  const onSignal = (signal: NodeJS.Signals) => {
    fs.rmSync(tmpDir, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let redis: BenchRedis | undefined;
  let app: RemindersApp | undefined;
  let worker: RunningWorker | undefined;
  try {
    const started = new Date();
    // Taken before the run: the modules loaded now are the code measured.
    const commit = codeVersion();
    const loadAverageAtStart = os.loadavg()[0] ?? 0;
    process.stdout.write(
      `\nReminder benchmark: ${settings.cases} open cases, ${settings.dueCount} reminders due together, Redis ${settings.redisUrl}\n`,
    );
    if (loadAverageAtStart > 1)
      process.stdout.write(
        `  note: load average is ${fixed(loadAverageAtStart, 2)} before starting; the machine is not idle\n`,
      );
    redis = await claimBenchRedis(settings.redisUrl);
    app = await startRemindersApp(tmpDir, settings.redisUrl, settings.reconcileEverySeconds * 1000);
    const measured = await runPhases(settings, app, redis, (w) => {
      worker = w;
    });
    const peakRssBytes = process.resourceUsage().maxRSS * 1024;
    printReport(settings, measured);
    process.stdout.write(`Peak RSS of the bench process: ${fixed(mib(peakRssBytes), 0)} MiB\n`);

    const report = {
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      commit,
      settings,
      machine: machine(),
      redisVersion: redis.version,
      loadAverageAtStart,
      peakRssBytes,
      ...measured,
    };
    const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
    fs.mkdirSync(resultsDir, { recursive: true });
    const out = path.join(resultsDir, 'reminders-latest.json');
    // Written beside and renamed, so an interrupted run never leaves half a file.
    fs.writeFileSync(`${out}.tmp`, `${JSON.stringify(report, null, 2)}\n`);
    fs.renameSync(`${out}.tmp`, out);
    process.stdout.write(`Results written to ${path.relative(process.cwd(), out)}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`\nBENCHMARK FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  } finally {
    const quietly = (label: string) => (err: unknown) => process.stderr.write(`${label} failed: ${String(err)}\n`);
    await worker?.close().catch(quietly('closing the worker'));
    if (app && redis) await redis.deletePrefix(app.prefix).catch(quietly('removing the bench keys'));
    await app?.ctx.close().catch(quietly('closing the app'));
    await redis?.close().catch(quietly('closing the Redis connection'));
    fs.rmSync(tmpDir, { recursive: true, force: true });
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}
