import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Redis } from 'ioredis';
import { configSchema } from '../src/config.js';
import { createContext, type AppContext } from '../src/context.js';
import { createUser } from '../src/application/create-user.js';
import { createGuarantee, createGuaranteeSchema } from '../src/application/manage-guarantees.js';
import { registerCase } from '../src/application/register-case.js';
import { registerCaseSchema, type RegisterCaseInput } from '../src/application/register-case-input.js';
import { updateClocks } from '../src/application/update-clocks.js';
import { txContextOf } from '../src/application/tx-context.js';
import { localDateOf } from '../src/domain/local-date.js';
import type { Actor, Role } from '../src/domain/roles.js';
import { jobIdOf } from '../src/domain/wake-ups.js';
import type { CaseRow } from '../src/infra/db/case-repository.js';
import { nextReference } from '../src/infra/db/reference-counter.js';
import { parseJson, toJson } from '../src/infra/db/rows.js';
import { dispatchOutbox } from '../src/application/dispatch-outbox.js';
import { companyCaseBody } from '../test/support/fixtures.js';

/** Every key this benchmark writes starts with this, so leftovers of an interrupted run are recognised as its own. */
export const PREFIX_STEM = 'bench-reminders-';
const CLONE_CHUNK = 1_000; // cases per transaction when cloning
const INSERT_ROWS = 100; // rows per multi-row INSERT, well inside SQLite's limits

export type SetupMode = 'clone' | 'register';

// ---------------------------------------------------------------------------------------------
// Redis: the bench's own database, and what the server says about itself

export interface RedisStats {
  usedMemory: number;
  cpuSeconds: number;
  /** Calls per command since the server started, from INFO commandstats. */
  calls: Map<string, number>;
}

/** An administrative connection to the Redis database the benchmark owns for its run. */
export interface BenchRedis {
  url: string;
  version: string;
  stats(): Promise<RedisStats>;
  dbsize(): Promise<number>;
  flushdb(): Promise<void>;
  deletePrefix(prefix: string): Promise<number>;
  close(): Promise<void>;
}

function parseInfo(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith('#')) continue;
    const at = line.indexOf(':');
    if (at > 0) out.set(line.slice(0, at), line.slice(at + 1));
  }
  return out;
}

/** `redis://host:port/...` with the database index replaced. */
export function redisUrlWithDb(url: string, db: number): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/**
 * Connects to the bench's database and makes sure it holds nothing but leftovers of this
 * benchmark, which are removed: the run flushes this database in the middle, so it must not
 * share it with anything.
 */
export async function claimBenchRedis(url: string): Promise<BenchRedis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 5_000,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    throw new Error(`Redis is not reachable at ${url} (${(err as Error).message}); the reminder benchmark needs it`);
  }

  const scanKeys = async (match: string, onBatch: (keys: string[]) => Promise<void>) => {
    let cursor = '0';
    // A full SCAN visits every key once; the bound only guards against a server that never ends one.
    for (let i = 0; i < 1_000_000; i++) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 1000);
      if (keys.length) await onBatch(keys);
      cursor = next;
      if (cursor === '0') return;
    }
    throw new Error('SCAN did not finish');
  };
  const deletePrefix = async (prefix: string) => {
    let n = 0;
    await scanKeys(`${prefix}*`, async (keys) => {
      n += await redis.unlink(...keys);
    });
    return n;
  };

  const size = await redis.dbsize();
  if (size > 0) {
    let foreign: string | null = null;
    await scanKeys('*', async (keys) => {
      foreign ??= keys.find((k) => !k.startsWith(PREFIX_STEM)) ?? null;
    });
    if (foreign !== null) {
      redis.disconnect();
      throw new Error(
        `the Redis database ${url} holds ${size} keys that are not this benchmark's (for one, "${foreign}"); choose an empty one with BENCH_REDIS_DB`,
      );
    }
    process.stdout.write(`  removing ${await deletePrefix(PREFIX_STEM)} keys left by an earlier run from ${url}\n`);
  }
  const server = parseInfo(await redis.info('server'));

  return {
    url,
    version: server.get('redis_version') ?? 'unknown',
    async stats() {
      // One INFO call for all three sections, so the only command the measurement adds is INFO itself.
      const info = parseInfo((await redis.call('INFO', 'memory', 'cpu', 'commandstats')) as string);
      const calls = new Map<string, number>();
      for (const [k, v] of info) {
        if (!k.startsWith('cmdstat_')) continue;
        const m = /(?:^|,)calls=(\d+)/.exec(v);
        if (m) calls.set(k.slice('cmdstat_'.length), Number(m[1]));
      }
      return {
        usedMemory: Number(info.get('used_memory')),
        cpuSeconds: Number(info.get('used_cpu_user')) + Number(info.get('used_cpu_sys')),
        calls,
      };
    },
    dbsize: () => redis.dbsize(),
    async flushdb() {
      await redis.flushdb('SYNC');
    },
    deletePrefix,
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Measuring one phase

export interface PhaseCost {
  ms: number;
  /** CPU time of this Node process (user + system) during the phase. */
  nodeCpuMs: number;
  /** CPU time of the Redis server during the phase. */
  redisCpuMs: number;
  sqlStatements: number;
  /** Commands the app sent to Redis. */
  redisCalls: number;
  /** Writes that carried them: one per command sent alone, one per pipeline; awaited one after another, each is a round trip. */
  redisWrites: number;
  /** Commands the Redis server ran during the phase, those inside Lua scripts included and INFO excluded; server-wide. */
  redisCommands: number;
  topRedisCommands: { command: string; calls: number }[];
  usedMemoryBefore: number;
  usedMemoryAfter: number;
}

/**
 * Counts what the app sends through its Redis connections until `stop`: every command, and the
 * writes that carry them (one per command, or one per pipeline). ioredis sends every command,
 * pipelined or not, through `sendCommand`; a pipelined one comes with the pipeline's stream.
 */
function countRedisCalls(clients: Redis[]): { stop(): { commands: number; writes: number } } {
  let commands = 0;
  let writes = 0;
  const pipelines = new WeakSet<object>();
  const restore = clients.map((client) => {
    const original = client.sendCommand;
    client.sendCommand = function (this: Redis, ...args: Parameters<Redis['sendCommand']>) {
      commands++;
      const stream = args[1] as { isPipeline?: boolean } | undefined;
      if (!stream?.isPipeline) writes++;
      else if (!pipelines.has(stream)) {
        pipelines.add(stream);
        writes++;
      }
      return original.apply(this, args);
    };
    return () => {
      client.sendCommand = original;
    };
  });
  return {
    stop() {
      for (const r of restore) r();
      return { commands, writes };
    },
  };
}

/** Runs `fn` and records wall time, CPU on both sides, SQL statements and Redis commands. */
export async function measure<T>(
  ctx: AppContext,
  redis: BenchRedis,
  fn: () => Promise<T>,
): Promise<{ result: T; cost: PhaseCost }> {
  let sqlStatements = 0;
  const onQuery = () => {
    sqlStatements++;
  };
  const before = await redis.stats();
  ctx.db.on('query', onQuery);
  const redisCalls = countRedisCalls([ctx.queues.connection, ctx.redis]);
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  let result: T;
  let calls = { commands: 0, writes: 0 };
  try {
    result = await fn();
  } finally {
    ctx.db.off('query', onQuery);
    calls = redisCalls.stop();
  }
  const ms = performance.now() - t0;
  const used = process.cpuUsage(cpu);
  const after = await redis.stats();
  const delta = [...after.calls]
    .filter(([command]) => command !== 'info')
    .map(([command, calls]) => ({ command, calls: calls - (before.calls.get(command) ?? 0) }))
    .filter((c) => c.calls > 0)
    .sort((a, b) => b.calls - a.calls);
  return {
    result,
    cost: {
      ms,
      nodeCpuMs: (used.user + used.system) / 1000,
      redisCpuMs: (after.cpuSeconds - before.cpuSeconds) * 1000,
      sqlStatements,
      redisCalls: calls.commands,
      redisWrites: calls.writes,
      redisCommands: delta.reduce((s, c) => s + c.calls, 0),
      topRedisCommands: delta.slice(0, 4),
      usedMemoryBefore: before.usedMemory,
      usedMemoryAfter: after.usedMemory,
    },
  };
}

/** Rejects if `promise` has not settled after `ms`; the work itself is not stopped. */
export async function withTimeout<T>(label: string, ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label} did not finish within ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Lets timers and signals in. better-sqlite3 answers synchronously, so a loop of database work
 * alone runs on promise callbacks and would never let a timeout or Ctrl-C through.
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Prints a line each time another tenth of `total` is done. */
export function progress(label: string, total: number): (done: number) => void {
  let shown = 0;
  return (done) => {
    const tenth = Math.floor((done * 10) / total);
    if (tenth > shown && done < total) {
      shown = tenth;
      process.stdout.write(`    ${label}: ${done}/${total}\n`);
    }
  };
}

// ---------------------------------------------------------------------------------------------
// The application under test

export interface RemindersApp {
  ctx: AppContext;
  prefix: string;
  registrar: Actor;
  admin: Actor;
}

export async function startRemindersApp(
  tmpDir: string,
  redisUrl: string,
  reconcileEveryMs: number,
): Promise<RemindersApp> {
  const prefix = `${PREFIX_STEM}${randomUUID().slice(0, 8)}`;
  const config = configSchema.parse({
    DATABASE_URL: `sqlite:${path.join(tmpDir, 'reminders.sqlite')}`,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    MAIL_DIR: path.join(tmpDir, 'outbox'),
    LOG_LEVEL: 'silent',
    RECONCILE_EVERY_MS: String(reconcileEveryMs),
  });
  const ctx = await createContext(config);
  try {
    if (ctx.redis.status !== 'ready') throw new Error(`the app could not connect to Redis at ${redisUrl}`);
    const user = async (role: Role): Promise<Actor> => {
      const name = `Bench ${role}`;
      const { id } = await createUser(ctx.db, ctx.clock, { name, email: `bench.${role}@kommun.example`, role });
      return { id, name, role, unit: null };
    };
    return { ctx, prefix, registrar: await user('registrar'), admin: await user('admin') };
  } catch (err) {
    await ctx.close();
    throw err;
  }
}

/**
 * A company case whose contact has a telephone number and no e-mail address, so registering it
 * queues no receipt: the queues then hold reminders only.
 */
export function reminderCaseInput(overrides: Record<string, unknown> = {}): RegisterCaseInput {
  return registerCaseSchema.parse(
    companyCaseBody({ contact: { name: 'Anna Svensson', phone: '+46701234567' }, ...overrides }),
  );
}

export interface OpenCasesResult {
  mode: SetupMode;
  cases: number;
  deadlines: number;
  outboxRows: number;
  ms: number;
}

async function countOf(
  ctx: AppContext,
  table: string,
  where: (q: ReturnType<AppContext['db']>) => void = () => undefined,
): Promise<number> {
  const q = ctx.db(table);
  where(q);
  const [row] = (await q.count({ n: '*' })) as { n: number | string }[];
  return Number(row?.n ?? 0);
}

/**
 * The cases and their REGISTERED events copied from one real registration, with fresh ids and
 * references drawn from the real counter; their clocks are then started by `updateClocks`, the
 * code `registerCase` runs, which writes the deadlines and their `deadline.changed` outbox rows.
 */
async function cloneRegistrations(
  ctx: AppContext,
  template: CaseRow,
  count: number,
  onProgress: (done: number) => void,
): Promise<void> {
  const caseRow = (await ctx.db('cases').where({ id: template.id }).first()) as Record<string, unknown> | undefined;
  const event = (await ctx.db('case_events').where({ case_id: template.id, type: 'REGISTERED' }).first()) as
    Record<string, unknown> | undefined;
  if (!caseRow || !event) throw new Error('the template registration left no case row or REGISTERED event');
  const { id: _eventId, ...eventShape } = event;
  const eventPayload = parseJson<Record<string, unknown>>(event.payload);
  const year = Number(localDateOf(new Date(template.createdAt)).slice(0, 4));
  const insertAll = async (trx: AppContext['db'], table: string, rows: Record<string, unknown>[]) => {
    for (let i = 0; i < rows.length; i += INSERT_ROWS) await trx(table).insert(rows.slice(i, i + INSERT_ROWS));
  };

  for (let done = 0; done < count;) {
    const n = Math.min(CLONE_CHUNK, count - done);
    await ctx.db.transaction(async (trx) => {
      const now = ctx.clock.now();
      const nowIso = now.toISOString();
      const cases: { id: string; reference: string }[] = [];
      for (let i = 0; i < n; i++) cases.push({ id: randomUUID(), reference: await nextReference(trx, year) });
      await insertAll(
        trx,
        'cases',
        cases.map((c) => ({
          ...caseRow,
          id: c.id,
          reference: c.reference,
          received_at: nowIso,
          created_at: nowIso,
          updated_at: nowIso,
        })),
      );
      await insertAll(
        trx,
        'case_events',
        cases.map((c) => ({
          ...eventShape,
          case_id: c.id,
          payload: toJson({ ...eventPayload, receivedAt: nowIso }),
          created_at: nowIso,
        })),
      );
      for (const c of cases) {
        const row = {
          id: c.id,
          kind: template.kind,
          category: template.category,
          anonymous: template.anonymous,
          receivedAt: nowIso,
        };
        await updateClocks(txContextOf(ctx, trx), row, null, template.status, { type: 'REGISTERED' }, now);
      }
    });
    done += n;
    onProgress(done);
    await yieldToEventLoop();
  }
}

/** `count` open bygglov cases, each with its default guarantee clocks running and its outbox rows waiting. */
export async function openCases(app: RemindersApp, count: number, mode: SetupMode): Promise<OpenCasesResult> {
  const { ctx } = app;
  const input = reminderCaseInput();
  const report = progress(mode === 'clone' ? 'cases cloned' : 'cases registered', count);
  const t0 = performance.now();
  const template = await registerCase(ctx, app.registrar, input);
  if (mode === 'register') {
    for (let i = 1; i < count; i++) {
      await registerCase(ctx, app.registrar, input);
      report(i + 1);
      if (i % 100 === 0) await yieldToEventLoop();
    }
  } else if (count > 1) {
    await cloneRegistrations(ctx, template, count - 1, (done) => report(done + 1));
  }
  const ms = performance.now() - t0;

  const cases = await countOf(ctx, 'cases');
  const deadlines = await countOf(ctx, 'deadlines');
  const outboxRows = await countOf(ctx, 'outbox', (q) => q.whereNull('dispatched_at'));
  const perCase = await countOf(ctx, 'deadlines', (q) => q.where({ case_id: template.id }));
  if (perCase === 0)
    throw new Error(`a ${template.category} case started no guarantee clock; the catalogue has none for it`);
  if (cases !== count || deadlines !== perCase * count || outboxRows !== (perCase + 1) * count) {
    throw new Error(
      `expected ${count} cases, ${perCase * count} deadlines and ${(perCase + 1) * count} outbox rows; found ${cases}, ${deadlines} and ${outboxRows}`,
    );
  }
  return { mode, cases, deadlines, outboxRows, ms };
}

/** `dispatchOutbox` until it returns 0, as the worker's poll would, in a bounded number of calls. */
export async function dispatchUntilEmpty(
  ctx: AppContext,
  expectedRows: number,
): Promise<{ rows: number; calls: number }> {
  const report = progress('outbox rows dispatched', expectedRows);
  // Every call that returns rows dispatches at least one, whatever its page size.
  const maxCalls = expectedRows + 10;
  let rows = 0;
  for (let calls = 1; calls <= maxCalls; calls++) {
    const n = await dispatchOutbox(ctx);
    if (n === 0) return { rows, calls };
    rows += n;
    report(rows);
  }
  throw new Error(`dispatchOutbox still returned rows after ${maxCalls} calls for ${expectedRows} expected rows`);
}

export interface JobCounts {
  delayed: number;
  waiting: number;
  active: number;
  completed: number;
  failed: number;
}

export async function deadlineJobCounts(ctx: AppContext): Promise<JobCounts> {
  const c = await ctx.queues.deadlines.getJobCounts('delayed', 'wait', 'prioritized', 'active', 'completed', 'failed');
  return {
    delayed: c.delayed ?? 0,
    waiting: (c.wait ?? 0) + (c.prioritized ?? 0),
    active: c.active ?? 0,
    completed: c.completed ?? 0,
    failed: c.failed ?? 0,
  };
}

/** Polls `check` every `everyMs` until it returns true; fails after `ms`. */
export async function until(label: string, ms: number, everyMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${label} after ${Math.round(ms / 1000)} s`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

// ---------------------------------------------------------------------------------------------
// Lateness of reminders due together

export interface Spread {
  min: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles. */
export function spreadOf(values: number[]): Spread {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) throw new Error('no values');
  const at = (p: number) => s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)]!;
  return {
    min: s[0]!,
    p50: at(50),
    p90: at(90),
    p99: at(99),
    max: s[s.length - 1]!,
    mean: s.reduce((a, b) => a + b, 0) / s.length,
  };
}

export interface LatenessSpec {
  count: number;
  /** From the start of registration to the first due instant. */
  leadMs: number;
  /** The due instants are spread evenly over this much time; 0 puts them all on one millisecond. */
  spreadMs: number;
  /** How long after the last due instant to wait for the last breach. */
  graceMs: number;
}

export interface LatenessResult {
  guarantee: string;
  registerMs: number;
  /** From the first due instant back to when the last outbox row was dispatched; negative means some jobs were added late. */
  scheduledBeforeFirstDueMs: number;
  dueSpanMs: number;
  /** Due jobs added to BullMQ at or after their due instant. */
  addedLate: number;
  /** The least time, over all due jobs, between being added to BullMQ and falling due. */
  minHeadStartMs: number;
  breached: number;
  /** `breached_at − due_at`: when the job marked the clock breached (the job reads the clock before its transaction). */
  breachedLateMs: Spread;
  /** `finishedOn − due_at`: when BullMQ recorded the job done, transaction committed. */
  finishedLateMs: Spread;
  jobResults: Record<string, number>;
}

/**
 * A continuous guarantee whose clocks run out `leadMs`…`leadMs + spreadMs` after now; `count`
 * cases registered through `registerCase`, with `receivedAt` staggered so their due instants
 * spread evenly. The running worker breaches them; lateness is read from the deadlines and the jobs.
 */
export async function measureLateness(app: RemindersApp, spec: LatenessSpec): Promise<LatenessResult> {
  const { ctx } = app;
  const code = 'bench-reminder';
  await createGuarantee(
    ctx,
    app.admin,
    createGuaranteeSchema.parse({
      code,
      definition: {
        label: 'Benchmark: the clock runs out in the measured minute',
        kind: 'company_case',
        category: 'ovrigt',
        clock: 'custom_bench_reminder',
        length: { value: (spec.leadMs + spec.spreadMs) / 3_600_000, unit: 'hours' },
        startsOn: { event: 'REGISTERED' },
        stopsOn: ['decided'],
        warnings: [],
        // No breach notice: the measurement stops at the job that marks the clock breached.
        onBreach: [],
      },
    }),
  );

  const t0 = Date.now();
  const firstDue = t0 + spec.leadMs;
  const lastDue = firstDue + spec.spreadMs;
  for (let i = 0; i < spec.count; i++) {
    // receivedAt is never in the future: the earliest is spreadMs before t0, the latest just before t0.
    const receivedAt = new Date(t0 - spec.spreadMs + Math.floor((i * spec.spreadMs) / spec.count));
    await registerCase(
      ctx,
      app.registrar,
      reminderCaseInput({ category: 'ovrigt', subject: `Fråga ${i + 1}`, receivedAt: receivedAt.toISOString() }),
    );
    // The worker dispatches and runs jobs meanwhile, as it would beside a registering desk.
    if (i % 50 === 0) await yieldToEventLoop();
  }
  const registerMs = Date.now() - t0;

  const waitMs = lastDue + spec.graceMs - Date.now();
  let scheduledAt = Date.now();
  await until('the worker to dispatch the outbox', waitMs, 50, async () => {
    scheduledAt = Date.now();
    return (await countOf(ctx, 'outbox', (q) => q.whereNull('dispatched_at'))) === 0;
  });
  const scheduledBeforeFirstDueMs = firstDue - scheduledAt;
  if (scheduledBeforeFirstDueMs < 0)
    process.stdout.write(
      `  note: the outbox was dispatched ${-scheduledBeforeFirstDueMs} ms after the first due instant; raise BENCH_REMINDERS_LEAD\n`,
    );

  const breachedCount = () => countOf(ctx, 'deadlines', (q) => q.where({ guarantee_code: code, state: 'breached' }));
  await until(
    `${spec.count} breaches`,
    Math.max(lastDue + spec.graceMs - Date.now(), 1_000),
    500,
    async () => (await breachedCount()) >= spec.count,
  );

  const rows = (await ctx
    .db('deadlines')
    .where({ guarantee_code: code })
    .select('id', 'version', 'state', 'due_at', 'breached_at')) as {
    id: string;
    version: number | string;
    state: string;
    due_at: string;
    breached_at: string | null;
  }[];
  if (rows.length !== spec.count) throw new Error(`expected ${spec.count} clocks of ${code}, found ${rows.length}`);
  const breachedLate: number[] = [];
  const finishedLate: number[] = [];
  const jobResults: Record<string, number> = {};
  let addedLate = 0;
  let minHeadStartMs = Infinity;
  for (const r of rows) {
    const due = Date.parse(r.due_at);
    if (r.state !== 'breached' || !r.breached_at) throw new Error(`deadline ${r.id} is ${r.state}, not breached`);
    breachedLate.push(Date.parse(r.breached_at) - due);
    // The due job belongs to the version that was running: the breach is the version after it.
    const job = await ctx.queues.deadlines.getJob(jobIdOf(r.id, Number(r.version) - 1, 'due'));
    if (!job?.finishedOn) throw new Error(`the due job of deadline ${r.id} is missing or unfinished`);
    finishedLate.push(job.finishedOn - due);
    minHeadStartMs = Math.min(minHeadStartMs, due - job.timestamp);
    if (job.timestamp >= due) addedLate++;
    const result = String((job.returnvalue as { result?: unknown } | null)?.result ?? 'none');
    jobResults[result] = (jobResults[result] ?? 0) + 1;
  }
  const dues = rows.map((r) => Date.parse(r.due_at));
  return {
    guarantee: code,
    registerMs,
    scheduledBeforeFirstDueMs,
    dueSpanMs: Math.max(...dues) - Math.min(...dues),
    addedLate,
    minHeadStartMs,
    breached: rows.length,
    breachedLateMs: spreadOf(breachedLate),
    finishedLateMs: spreadOf(finishedLate),
    jobResults,
  };
}
