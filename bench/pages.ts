import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configSchema } from '../src/config.js';
import { createContext, type AppContext } from '../src/context.js';
import { createUser } from '../src/application/create-user.js';
import { requestEscalation } from '../src/application/open-escalation.js';
import { registerCase } from '../src/application/register-case.js';
import { registerCaseSchema } from '../src/application/register-case-input.js';
import { sendCaseEvent } from '../src/application/send-case-event.js';
import type { DbClient } from '../src/infra/db/knex-factory.js';
import type { Actor, Role } from '../src/domain/roles.js';
import { createApp } from '../src/create-app.js';
import { companyCaseBody } from '../test/support/fixtures.js';
import { codeVersion, fixed, machine, mib, table } from './report.js';
import { seedPages, type PagesSeedSpec } from './pages-seed.js';
import { benchWorkspace, count, envInt, median, sizeOf } from './workspace.js';

function readSettings() {
  const pg = process.env.BENCH_PAGES_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  return {
    seed: {
      open: envInt('BENCH_PAGES_OPEN', 100_000, 100),
      closed: envInt('BENCH_PAGES_CLOSED', 100_000, 0),
      companies: envInt('BENCH_PAGES_COMPANIES', 20_000, 1),
    } satisfies PagesSeedSpec,
    officersPerUnit: envInt('BENCH_PAGES_OFFICERS', 8, 1),
    /** Rounds of complement requested and received on the case whose page is measured. */
    historyRounds: envInt('BENCH_PAGES_HISTORY_ROUNDS', 15, 0),
    runs: envInt('BENCH_PAGES_RUNS', 20, 1),
    limitMs: envInt('BENCH_PAGES_LIMIT_MS', 200, 1),
    /** `none` measures SQLite only. */
    postgresUrl: pg === 'none' ? null : pg,
  };
}
type Settings = ReturnType<typeof readSettings>;

// The units that own the seeded categories (src/domain/categories.ts).
const caseUnits = [
  'bygglov',
  'livsmedel',
  'miljo-halsoskydd',
  'serveringstillstand',
  'raddningstjanst',
  'mark-exploatering',
  'naringsliv',
  'upphandling',
];
const PASSWORD = 'bänkens lösenord för mätning';
// The lowest scrypt cost the config allows: logging in is not what is measured.
const SCRYPT_LOG2N = 14;

type Who = 'officer' | 'manager' | 'registrar' | 'coordinator';
interface PageSpec {
  page: string;
  who: Who;
  /** A path, or one worked out from what the pages before it showed. */
  path: string | ((found: Found) => string | null);
}
interface Found {
  caseReference: string;
  secondPage: string | null;
}

/** Company 12 345 of the seed, which has five open cases; searched for as the desk types it, without the hyphen. */
const SEEDED_ORG_NUMBER = '550001-2345';
const SEARCHED_ORG_NUMBER = '552001-2344';

const pages: PageSpec[] = [
  { page: 'queue: officer, Mina ärenden', who: 'officer', path: '/arenden' },
  { page: 'queue: officer, Min enhets ärenden', who: 'officer', path: '/arenden?vy=enhet' },
  { page: 'queue: officer, Min enhets ärenden, page 2', who: 'officer', path: (f) => f.secondPage },
  { page: 'queue: officer, Utan handläggare', who: 'officer', path: '/arenden?vy=otilldelade' },
  // The manager's start page: the unit's late and soon-due cases, complaints and tables.
  { page: 'start: manager, overview', who: 'manager', path: '/' },
  { page: 'queue: manager, unit, Försenade', who: 'manager', path: '/arenden?vy=enhet&frist=forsenade' },
  { page: 'queue: manager, unit, Försenade eller snart', who: 'manager', path: '/arenden?vy=enhet&frist=snart' },
  { page: 'queue: registrar, Utan handläggare', who: 'registrar', path: '/arenden?vy=otilldelade' },
  { page: 'queue: registrar, Alla, Försenade', who: 'registrar', path: '/arenden?vy=alla&frist=forsenade' },
  { page: 'queue: registrar, Alla, search "lagerhall"', who: 'registrar', path: '/arenden?vy=alla&sok=lagerhall' },
  // The desk's search when a company calls: its organisation number as the company says it.
  {
    page: 'queue: registrar, Alla, search org. number',
    who: 'registrar',
    path: `/arenden?vy=alla&sok=${SEARCHED_ORG_NUMBER.replace('-', '')}`,
  },
  { page: 'case page, long history', who: 'officer', path: (f) => `/arenden/${f.caseReference}` },
  { page: 'Registrera ärende', who: 'registrar', path: '/arenden/ny' },
  { page: 'Klagomål', who: 'registrar', path: '/klagomal' },
  { page: 'Rapporter', who: 'manager', path: '/rapporter' },
  { page: 'Dukat bord', who: 'coordinator', path: '/dukat-bord' },
];

interface Timing {
  page: string;
  who: Who;
  path: string;
  status: number;
  bytes: number;
  /** Links to cases on the page: 25 on a full queue page. */
  caseLinks: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** From the app's Server-Timing header (app;dur), when it sends one. */
  appMedianMs: number | null;
  appMaxMs: number | null;
}

interface DbResult {
  client: DbClient;
  seedMs: number;
  steps: { label: string; ms: number }[];
  historyMs: number;
  /** Audit events of the case whose page is measured. */
  historyEvents: number;
  analyzeMs: number;
  sizeBytes: number;
  rows: Record<string, number>;
  openCases: number;
  overdueOpenCases: number;
  timings: Timing[];
}

/** A browser in miniature: one cookie jar, redirects not followed. */
class Browser {
  private cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  async request(method: 'GET' | 'POST', urlPath: string, form?: Record<string, string>) {
    const headers: Record<string, string> = { accept: 'text/html' };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const t0 = performance.now();
    const res = await fetch(`${this.base}${urlPath}`, {
      method,
      headers,
      body: form ? new URLSearchParams(form).toString() : undefined,
      redirect: 'manual',
    });
    const text = await res.text();
    const ms = performance.now() - t0;
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0]!;
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const timing = /(?:^|,)\s*app;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '');
    return {
      status: res.status,
      text,
      ms,
      appMs: timing ? Number(timing[1]) : null,
      location: res.headers.get('location'),
    };
  }

  /** The login form with its token, then the post, as a person does it. */
  async login(email: string, password: string): Promise<void> {
    const form = await this.request('GET', '/login');
    const token = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1];
    if (form.status !== 200 || !token)
      throw new Error(`login page answered ${form.status}${token ? '' : ' without a form token'}`);
    const res = await this.request('POST', '/login', { email, password, next: '/', _csrf: token });
    if (res.status !== 303) throw new Error(`login of ${email} answered ${res.status}, not 303`);
  }
}

/**
 * The case whose page is measured, made with the real use cases so that its snapshot, clocks,
 * audit events and e-mails are what a case that has been worked on a while holds: routed,
 * assigned, started, complements asked for and received again and again, the decision limit
 * extended, and a "dukat bord" asked for.
 */
async function caseWithHistory(ctx: AppContext, actors: Record<Who, Actor>, rounds: number): Promise<string> {
  const { registrar, officer, manager } = actors;
  let row = await registerCase(
    ctx,
    registrar,
    registerCaseSchema.parse(companyCaseBody({ subject: 'Bygglov för ny lagerhall med lång historik' })),
  );
  const send = async (actor: Actor, type: string, payload: Record<string, unknown> = {}) => {
    row = await sendCaseEvent(ctx, actor, row.id, { type, expectedVersion: row.version, ...payload });
  };
  await send(registrar, 'ROUTE', { unit: 'bygglov' });
  await send(manager, 'ASSIGN', { assigneeId: officer.id });
  await send(officer, 'START');
  for (let k = 1; k <= rounds; k++) {
    await send(officer, 'REQUEST_COMPLEMENT', {
      message: `Komplettering ${k}: vi behöver en reviderad situationsplan och en fasadritning i skala 1:100.`,
    });
    await send(officer, 'COMPLEMENT_RECEIVED', { note: `Komplettering ${k} kom in per e-post.` });
  }
  await send(officer, 'EXTEND_DEADLINE', { reason: 'Ärendet kräver samråd med grannar.', weeks: 10 });
  await requestEscalation(ctx, officer, {
    caseId: row.id,
    reason: 'Företaget behöver träffa bygglov, miljö och räddningstjänsten samtidigt.',
  });
  return row.reference;
}

async function measureOne(
  settings: Settings,
  client: DbClient,
  url: string,
  schema: string | undefined,
  tmpDir: string,
): Promise<DbResult> {
  const tag = randomUUID().slice(0, 8);
  const config = configSchema.parse({
    DATABASE_URL: url,
    REDIS_URL: process.env.REDIS_URL,
    REDIS_PREFIX: `bench-pages-${tag}`,
    MAIL_DIR: path.join(tmpDir, 'outbox'),
    LOG_LEVEL: 'silent',
    PASSWORD_SCRYPT_LOG2N: String(SCRYPT_LOG2N),
    PORT: '0',
    HOST: '127.0.0.1',
  });
  // createContext migrates the fresh database with the real migrations, as the app's start does.
  const ctx = await createContext(config, { dbSchema: schema });
  let server: Server | undefined;
  try {
    const emails = new Map<string, string>();
    const user = async (role: Role, unit: string | null, name: string, withPassword: boolean): Promise<Actor> => {
      const email = `${role}.${emails.size + 1}.${tag}@kommun.example`;
      const { id } = await createUser(
        ctx.db,
        ctx.clock,
        { name, email, role, ...(unit ? { unit } : {}), ...(withPassword ? { password: PASSWORD } : {}) },
        { scryptLog2N: SCRYPT_LOG2N },
      );
      emails.set(id, email);
      return { id, name, role, unit };
    };
    const actors: Record<Who, Actor> = {
      officer: await user('officer', 'bygglov', 'Olle Mätare', true),
      manager: await user('manager', 'bygglov', 'Maja Mätare', true),
      registrar: await user('registrar', null, 'Rut Mätare', true),
      coordinator: await user('coordinator', null, 'Kim Mätare', true),
    };
    const officers: Record<string, string[]> = {};
    for (const unit of caseUnits) {
      officers[unit] = unit === 'bygglov' ? [actors.officer.id] : [];
      while (officers[unit]!.length < settings.officersPerUnit)
        officers[unit]!.push(
          (await user('officer', unit, `Handläggare ${unit} ${officers[unit]!.length + 1}`, false)).id,
        );
    }

    process.stdout.write(
      `  ${client}: seeding ${settings.seed.open} open and ${settings.seed.closed} closed cases …\n`,
    );
    const steps: DbResult['steps'] = [];
    const t0 = performance.now();
    await seedPages(
      ctx.db,
      settings.seed,
      { registrarId: actors.registrar.id, officers },
      ctx.clock.now().getTime(),
      (label, ms) => steps.push({ label, ms }),
    );
    const seedMs = performance.now() - t0;
    // The seed's numbers are only unique, not valid (no check digit); the company the desk
    // searches for gets a real one, as every registered company has.
    await ctx.db('companies').where({ org_number: SEEDED_ORG_NUMBER }).update({ org_number: SEARCHED_ORG_NUMBER });
    const h0 = performance.now();
    const caseReference = await caseWithHistory(ctx, actors, settings.historyRounds);
    const historyMs = performance.now() - h0;
    const historyEvents = Number(
      (
        (await ctx
          .db('case_events')
          .join('cases', 'cases.id', 'case_events.case_id')
          .where('cases.reference', caseReference)
          .count({ n: '*' })) as { n: number | string }[]
      )[0]?.n ?? 0,
    );
    // As in the report benchmark: PostgreSQL's autovacuum would analyze the new rows soon after;
    // SQLite gets no ANALYZE, since Handslag never runs one.
    const a0 = performance.now();
    if (client === 'postgres') await ctx.db.raw('VACUUM ANALYZE');
    const analyzeMs = performance.now() - a0;
    const rows: Record<string, number> = {};
    for (const t of ['cases', 'case_events', 'deadlines', 'companies', 'users']) rows[t] = await count(ctx.db, t);
    const nowIso = ctx.clock.now().toISOString();
    const countOf = (rows: { n: number | string }[]) => Number(rows[0]?.n ?? 0);
    const openCases = countOf(
      (await ctx.db('cases').whereNull('closed_at').count({ n: '*' })) as { n: number | string }[],
    );
    const overdueOpenCases = countOf(
      (await ctx
        .db('cases')
        .whereNull('closed_at')
        .whereExists((q) =>
          q
            .select(ctx.db.raw('1'))
            .from('deadlines')
            .whereRaw('deadlines.case_id = cases.id')
            .andWhere((w) =>
              w.where('state', 'breached').orWhere((x) => x.where('state', 'running').andWhere('due_at', '<', nowIso)),
            ),
        )
        .count({ n: '*' })) as { n: number | string }[],
    );
    const sizeBytes = await sizeOf(ctx.db, client, schema);
    process.stdout.write(
      `    seeded in ${fixed(seedMs / 1000, 1)} s (+ ${fixed(historyMs / 1000, 1)} s for ${caseReference} with ${historyEvents} events${client === 'postgres' ? `, ${fixed(analyzeMs / 1000, 1)} s VACUUM ANALYZE` : ''}); ` +
        `${Object.entries(rows)
          .map(([t, n]) => `${t} ${n}`)
          .join(', ')}; ${openCases} open, ${overdueOpenCases} of them overdue; ${fixed(mib(sizeBytes), 0)} MiB\n`,
    );

    server = createApp(ctx).listen(0, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      server!.once('listening', resolve);
      server!.once('error', reject);
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browsers = {} as Record<Who, Browser>;
    for (const who of Object.keys(actors) as Who[]) {
      browsers[who] = new Browser(base);
      await browsers[who].login(emails.get(actors[who].id)!, PASSWORD);
    }

    const found: Found = { caseReference, secondPage: null };
    const timings: Timing[] = [];
    for (const p of pages) {
      const pagePath = typeof p.path === 'string' ? p.path : p.path(found);
      if (pagePath === null) throw new Error(`${p.page}: no path (the page before it showed no link to it)`);
      const b = browsers[p.who];
      // The first two requests warm the caches (the reference data, prepared plans) and are not counted.
      const first = await b.request('GET', pagePath);
      await b.request('GET', pagePath);
      if (p.path === '/arenden?vy=enhet')
        found.secondPage = /href="(\/arenden\?[^"]*fran=[^"]+)"/.exec(first.text)?.[1]?.replace(/&amp;/g, '&') ?? null;
      const ms: number[] = [];
      const app: number[] = [];
      const statuses = new Set<number>([first.status]);
      for (let i = 0; i < settings.runs; i++) {
        const r = await b.request('GET', pagePath);
        statuses.add(r.status);
        ms.push(r.ms);
        if (r.appMs !== null) app.push(r.appMs);
      }
      const status = [...statuses].find((s) => s !== 200) ?? 200;
      timings.push({
        page: p.page,
        who: p.who,
        path: pagePath,
        status,
        bytes: Buffer.byteLength(first.text),
        caseLinks: new Set([...first.text.matchAll(/href="\/arenden\/(HS-\d{4}-\d{6})"/g)].map((m) => m[1])).size,
        medianMs: median(ms),
        minMs: Math.min(...ms),
        maxMs: Math.max(...ms),
        appMedianMs: app.length ? median(app) : null,
        appMaxMs: app.length ? Math.max(...app) : null,
      });
    }
    return {
      client,
      seedMs,
      steps,
      historyMs,
      historyEvents,
      analyzeMs,
      sizeBytes,
      rows,
      openCases,
      overdueOpenCases,
      timings,
    };
  } finally {
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
    }
    // Sessions and whatever else the app kept under its own prefix.
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await ctx.redis.scan(cursor, 'MATCH', `${config.REDIS_PREFIX}:*`, 'COUNT', 1000);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    if (keys.length) await ctx.redis.del(...keys);
    await ctx.close();
  }
}

function printReport(settings: Settings, results: DbResult[]): void {
  const ms = (n: number | null) => (n === null ? '-' : fixed(n, 1));
  const header = [
    'Page',
    'User',
    ...results.flatMap((r) => [`${r.client} median ms`, 'max', 'app median', 'app max', 'cases']),
  ];
  const rows = pages.map((p, i) => [
    p.page,
    p.who,
    ...results.flatMap((r) => {
      const t = r.timings[i]!;
      return [ms(t.medianMs), ms(t.maxMs), ms(t.appMedianMs), ms(t.appMaxMs), String(t.caseLinks)];
    }),
  ]);
  process.stdout.write(
    `\nStaff pages over ${settings.seed.open} open and ${settings.seed.closed} closed cases; warm, median and max of ${settings.runs} requests ` +
      `(request to full response on 127.0.0.1; app = Server-Timing app;dur)\n\n${table([header, ...rows])}\n\n` +
      table([
        [
          'Database',
          'Seeding s',
          'History case s',
          'VACUUM ANALYZE s',
          'Size MiB',
          'open',
          'overdue',
          ...Object.keys(results[0]!.rows),
        ],
        ...results.map((r) => [
          r.client,
          fixed(r.seedMs / 1000, 1),
          fixed(r.historyMs / 1000, 1),
          r.client === 'postgres' ? fixed(r.analyzeMs / 1000, 1) : '-',
          fixed(mib(r.sizeBytes), 0),
          String(r.openCases),
          String(r.overdueOpenCases),
          ...Object.values(r.rows).map(String),
        ]),
      ]) +
      '\n',
  );
}

/** The staff pages scenario: every page a person opens in a day, over 100 000 open cases, on SQLite and PostgreSQL. */
export async function runPagesBench(): Promise<number> {
  let settings: Settings;
  try {
    settings = readSettings();
  } catch (err) {
    process.stderr.write(`\nBENCHMARK FAILED: ${(err as Error).message}\n`);
    return 2;
  }
  const { tmpDir, schema, release } = benchWorkspace('pages', settings.postgresUrl);
  try {
    const started = new Date();
    const commit = codeVersion();
    const loadAverageAtStart = os.loadavg()[0] ?? 0;
    process.stdout.write(
      `\nStaff pages benchmark: SQLite${settings.postgresUrl ? ` and PostgreSQL (${settings.postgresUrl}, schema ${schema})` : ' only'}\n`,
    );
    if (loadAverageAtStart > 1)
      process.stdout.write(
        `  note: load average is ${fixed(loadAverageAtStart, 2)} before starting; the machine is not idle\n`,
      );
    const results = [
      await measureOne(settings, 'sqlite', `sqlite:${path.join(tmpDir, 'pages.sqlite')}`, undefined, tmpDir),
    ];
    if (settings.postgresUrl)
      results.push(await measureOne(settings, 'postgres', settings.postgresUrl, schema, tmpDir));
    printReport(settings, results);

    const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
    fs.mkdirSync(resultsDir, { recursive: true });
    const out = path.join(resultsDir, 'pages-latest.json');
    const report = {
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      commit,
      settings,
      machine: machine(),
      loadAverageAtStart,
      loadAverageAtEnd: os.loadavg()[0] ?? 0,
      results,
    };
    fs.writeFileSync(`${out}.tmp`, `${JSON.stringify(report, null, 2)}\n`);
    fs.renameSync(`${out}.tmp`, out);
    process.stdout.write(`Results written to ${path.relative(process.cwd(), out)}\n`);

    const failed = results.flatMap((r) =>
      r.timings.filter((t) => t.status !== 200).map((t) => `${r.client} ${t.page} (${t.path}): answered ${t.status}`),
    );
    if (failed.length) {
      process.stderr.write(`\nBENCHMARK FAILED: pages that did not answer 200:\n  ${failed.join('\n  ')}\n`);
      return 1;
    }
    const slow = results.flatMap((r) =>
      r.timings
        .filter((t) => t.medianMs >= settings.limitMs)
        .map((t) => `${r.client} ${t.page} (${t.path}): median ${fixed(t.medianMs, 0)} ms`),
    );
    if (slow.length) {
      process.stderr.write(`\nBENCHMARK FAILED: pages at or over ${settings.limitMs} ms:\n  ${slow.join('\n  ')}\n`);
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
