import type { Knex } from 'knex';
import { categories } from '../src/domain/categories.js';
import { clientOf } from '../src/infra/db/knex-factory.js';
import { applyEvent, currentLifecycle, persistSnapshot, startCase } from '../workflows/registry.js';
import { postgres, sqlite, type Dialect } from './reports-seed.js';

// Seeds the open work of a busy municipality for the staff pages' benchmark with INSERT …
// SELECT over a generated sequence, as reports-seed.ts does: every value is integer
// arithmetic on the row number and "now", so SQLite and PostgreSQL hold the same cases.
// Unlike the report seed, the rows are what the pages read back: snapshots the lifecycle
// restores, the catalogue's guarantee codes, units, officers and company names.

export interface PagesSeedSpec {
  /** Open company cases, in every open state. */
  open: number;
  /** Closed cases before them, received over the three years before the open ones. */
  closed: number;
  /** Organisation numbers 550000-0001 upwards, in the stored form (NNNNNN-NNNN). */
  companies: number;
}

export interface SeedPeople {
  /** Who registered the cases and routed them. */
  registrarId: string;
  /** Officers by unit; each unit's cases are assigned among its officers in turn. */
  officers: Record<string, string[]>;
}

const DAY = 86_400;

/** A hundred slots, each a category: the company cases of a municipality's business desk. */
const mix: [string, number][] = [
  ['bygglov', 30],
  ['anmalan', 8],
  ['forhandsbesked', 3],
  ['livsmedel', 12],
  ['miljo-halsoskydd', 12],
  ['serveringstillstand', 5],
  ['brandskydd', 5],
  ['markupplatelse', 5],
  ['etablering', 6],
  ['upphandling', 4],
  ['ovrigt', 10],
];
/** The default decision limit of each category in calendar days, roughly (default-guarantees.ts); 0 for none. */
const decisionDays: Record<string, number> = {
  bygglov: 70,
  anmalan: 28,
  forhandsbesked: 70,
  livsmedel: 14,
  'miljo-halsoskydd': 42,
  serveringstillstand: 56,
  brandskydd: 42,
  markupplatelse: 21,
};

/** The open states in lifecycle order, then closed; a case's rank says which events it has had. */
const states = ['registered', 'routed', 'assigned', 'in_progress', 'awaiting_complement', 'decided', 'closed'] as const;
const subjects = [
  'Ny lagerhall',
  'Tillbyggnad av kontor',
  'Registrering av restaurang',
  'Skylt på fasaden',
  'Uteservering i sommar',
  'Etablering av verkstad',
];

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** One persisted snapshot per state, with placeholders for the unit and the officer. */
function snapshotTemplates(): Record<(typeof states)[number], string> {
  const lc = currentLifecycle('company_case');
  let snap = startCase('company_case', { anonymous: false, unit: null }).snapshot;
  const out = {} as Record<(typeof states)[number], string>;
  const step = (event: Record<string, unknown> & { type: string }) => {
    const r = applyEvent(lc, snap, event);
    if (!r.accepted) throw new Error(`seed: the company case lifecycle refused ${event.type}`);
    snap = r.snapshot;
  };
  const keep = (state: (typeof states)[number]) => (out[state] = JSON.stringify(persistSnapshot(lc, snap)));
  keep('registered');
  step({ type: 'ROUTE', unit: '__UNIT__' });
  keep('routed');
  step({ type: 'ASSIGN', assigneeId: '__ASSIGNEE__' });
  keep('assigned');
  step({ type: 'START' });
  keep('in_progress');
  const inProgress = snap;
  step({ type: 'REQUEST_COMPLEMENT', message: 'Vi behöver en situationsplan.' });
  keep('awaiting_complement');
  snap = inProgress;
  step({ type: 'DECIDE', outcome: 'approved', reasoning: 'Ansökan uppfyller kraven.' });
  keep('decided');
  step({ type: 'CLOSE' });
  keep('closed');
  return out;
}

/** Seeds companies, cases, their clocks and audit events, in one transaction. */
export async function seedPages(
  db: Knex,
  spec: PagesSeedSpec,
  people: SeedPeople,
  nowMs: number,
  onStep: (label: string, ms: number) => void,
): Promise<void> {
  const d: Dialect = clientOf(db) === 'postgres' ? postgres : sqlite;
  const now = Math.floor(nowMs / 1000);
  const total = spec.open + spec.closed;
  const pad = (x: string, width: number) =>
    d === sqlite ? `printf('%0${width}d', ${x})` : `lpad(CAST(${x} AS text), ${width}, '0')`;

  const slots: string[] = [];
  for (const [code, n] of mix) {
    const c = categories.find((x) => x.code === code)!;
    for (let k = 0; k < n; k++)
      slots.push(`(${slots.length}, '${code}', '${c.unit}', ${decisionDays[code] ?? 0}, ${c.pbl ? 1 : 0})`);
  }
  const officerRows = Object.entries(people.officers).flatMap(([unit, ids]) =>
    ids.map((id, k) => `('${unit}', ${k}, '${id}')`),
  );
  const perUnit = Math.min(...Object.values(people.officers).map((ids) => ids.length));
  for (const c of mix)
    if (!people.officers[categories.find((x) => x.code === c[0])!.unit]?.length)
      throw new Error(`seed: no officer for ${c[0]}`);

  // The case's state: 10 % registered, 15 % routed, 15 % assigned, 30 % in progress, 15 % awaiting a complement, 15 % decided.
  const r = `((i / 100) % 20)`;
  const st =
    `CASE WHEN i > ${spec.open} THEN 6 WHEN ${r} < 2 THEN 0 WHEN ${r} < 5 THEN 1 WHEN ${r} ` +
    `< 8 THEN 2 WHEN ${r} < 14 THEN 3 WHEN ${r} < 17 THEN 4 ELSE 5 END`;
  // How long the case has been in the house: new ones wait for routing, worked ones are due from
  // ten days ago to their limit ahead, closed ones are one to three years old.
  const span = `(CASE WHEN s.dlen = 0 THEN 30 ELSE s.dlen END)`;
  const received = `CASE
      WHEN t.st <= 1 THEN ${now} - ((t.i * 13) % 6) * ${DAY} - (t.i * 7919) % 36000 - 600
      WHEN t.st <= 5 THEN ${now} + (((t.i * 7919) % (${span} + 10)) - 10 - ${span}) * ${DAY} - (t.i * 7) % 36000
      ELSE ${now} - 40 * ${DAY} - ((t.i * 7919) % 1095) * ${DAY} - (t.i * 7) % 36000 END`;
  const stagingSql = `CREATE TABLE bench_pages_case AS
    WITH RECURSIVE seq(i) AS (${d.seq(1, total)}),
      slots(slot, category, unit, dlen, pbl) AS (VALUES ${slots.join(', ')}),
      officers(unit, k, id) AS (VALUES ${officerRows.join(', ')})
    SELECT u.*, ${d.uuid('u.i', '4')} AS id, o.id AS officer_id,
      ((u.received + 4 * ${DAY}) / ${DAY}) * ${DAY} + 82799 AS fc_due,
      ((u.received + u.dlen * ${DAY}) / ${DAY}) * ${DAY} + 82799 AS dec_due,
      CASE WHEN u.st = 5 THEN u.received + (${now} - u.received) / 2 ELSE u.received + ((u.i % 20) + 3) * ${DAY} END AS decided,
      u.received + (${now} - u.received) / 3 AS paused
    FROM (
      SELECT t.i, t.st, s.category, s.unit, s.dlen, s.pbl, ${received} AS received
      FROM (SELECT i, ${st} AS st FROM seq) AS t JOIN slots AS s ON s.slot = t.i % 100
    ) AS u JOIN officers AS o ON o.unit = u.unit AND o.k = u.i % ${perUnit}`;

  const templates = snapshotTemplates();
  const stateName = `CASE st ${states.map((s, k) => `WHEN ${k} THEN '${s}'`).join(' ')} END`;
  const snapshot =
    `REPLACE(REPLACE(CASE st ${states.map((s, k) => `WHEN ${k} THEN ${quote(templates[s])}`).join(' ')} ` +
    `END, '__UNIT__', unit), '__ASSIGNEE__', officer_id)`;
  const version =
    'CASE st WHEN 0 THEN 1 WHEN 1 THEN 2 WHEN 2 THEN 3 WHEN 3 THEN 4 WHEN 4 THEN 5 WHEN 5 THEN 5 ELSE 6 END';
  const closedAt = `received + ((i % 20) + 5) * ${DAY}`;
  const registrar = d.asUuid(quote(people.registrarId));
  const event = (
    type: string,
    from: string,
    to: string,
    version: number,
    at: string,
    where: string,
    actor: string,
    payload = `'{}'`,
  ) =>
    `INSERT INTO case_events (case_id, actor_id, type, payload, from_state, to_state, case_version, created_at)
     SELECT ${d.asUuid('id')}, ${actor}, '${type}', ${d.asJson(payload)}, ${from}, '${to}', ${version}, ${d.ts(at)} FROM bench_pages_case WHERE ${where}`;
  const deadline = (
    variant: string,
    clock: string,
    code: string,
    where: string,
    due: string,
    state: string,
    extra: { metAt: string; breachedAt: string; pausedAt?: string; remaining?: string; ruleVersion?: string },
  ) =>
    `INSERT INTO deadlines (id, case_id, guarantee_code, guarantee_version, clock, state, started_at,
       due_date, due_at, paused_at, remaining, complement_requested_at,
       extension_weeks, met_at, breached_at, fee_reduction_fifths, rule_version, version, updated_at)
     SELECT ${d.asUuid(d.uuid('i', variant))}, ${d.asUuid('id')}, category || '-${code}', 1, '${clock}', ${state}, ${d.ts('received')}, ${d.date(`(${due} / ${DAY}) * ${DAY}`)}, ${d.ts(due)},
       ${extra.pausedAt ?? 'NULL'}, ${extra.remaining ?? 'NULL'}, ${extra.pausedAt ?? 'NULL'}, 0, ${extra.metAt}, ${extra.breachedAt}, NULL, ${extra.ruleVersion ?? 'NULL'}, 2, ${d.ts('received')}
     FROM bench_pages_case WHERE ${where}`;

  const statements: [string, string][] = [
    ['staging rows', stagingSql],
    [
      'companies',
      `WITH RECURSIVE seq(i) AS (${d.seq(1, spec.companies)})
       INSERT INTO companies (id, org_number, id_kind, name, created_at, updated_at)
       SELECT ${d.asUuid(d.uuid('i', 'c'))}, '55' || ${pad(`i / 10000`, 4)} || '-' || ${pad(`i % 10000`, 4)}, 'organisation',
         CASE i % 5 WHEN 0 THEN 'Byggnads AB Nr ' WHEN 1 THEN 'Restaurang Solsidan ' WHEN 2 THEN 'Verkstäder i Norr ' WHEN 3 THEN 'Handelsbolaget Kvarn ' ELSE 'Fastighets AB Ek ' END || i,
         ${d.ts(String(now - 800 * DAY))}, ${d.ts(String(now - 800 * DAY))}
       FROM seq`,
    ],
    [
      'cases',
      `INSERT INTO cases (id, reference, kind, category, channel, status, machine_id, machine_version,
         snapshot, version, unit, assignee_id, company_id, contact_id,
         subject, description, concerns, anonymous, created_by, received_at, created_at, updated_at, closed_at)
       SELECT ${d.asUuid('id')}, 'HS-1999-' || ${pad('i', 6)}, 'company_case', category, CASE i % 4 WHEN 0 THEN 'phone' WHEN 1 THEN 'email' WHEN 2 THEN 'eservice' ELSE 'visit' END,
         ${stateName}, 'company_case', '1', ${d.asJson(snapshot)}, ${version},
         CASE WHEN st = 0 THEN NULL ELSE unit END, CASE WHEN st >= 2 THEN ${d.asUuid('officer_id')} ELSE NULL END,
         ${d.asUuid(d.uuid(`(i * 31) % ${spec.companies} + 1`, 'c'))}, NULL,
         CASE i % 6 ${subjects.map((s, k) => `WHEN ${k} THEN '${s}'`).join(' ')} END || ' ' || i, 'Företaget har hört av sig och vill ha besked.', NULL, ${d.bool(false)}, ${registrar},
         ${d.ts('received')}, ${d.ts('received')}, ${d.ts(`CASE WHEN st = 6 THEN ${closedAt} ELSE received END`)}, CASE WHEN st = 6 THEN ${d.ts(closedAt)} ELSE NULL END
       FROM bench_pages_case`,
    ],
    // Clocks before the decisions: the report summaries' triggers read a decision's stopped clock.
    [
      'deadlines: first contact',
      deadline(
        '5',
        'first_contact',
        'first-contact',
        '1 = 1',
        'fc_due',
        `CASE WHEN st >= 2 THEN 'met' WHEN fc_due < ${now} THEN 'breached' ELSE 'running' END`,
        {
          metAt: `CASE WHEN st >= 2 THEN ${d.ts(`received + ${DAY}`)} ELSE NULL END`,
          breachedAt: `CASE WHEN st < 2 AND fc_due < ${now} THEN ${d.ts('fc_due')} ELSE NULL END`,
        },
      ),
    ],
    [
      'deadlines: decision',
      deadline(
        '6',
        'decision',
        'decision',
        'dlen > 0',
        'dec_due',
        `CASE WHEN st >= 5 THEN (CASE WHEN decided > dec_due THEN 'met_late' ELSE 'met' ` +
          `END) WHEN st = 4 THEN 'paused' WHEN dec_due < ${now} THEN 'breached' ELSE 'running' END`,
        {
          metAt: `CASE WHEN st >= 5 THEN ${d.ts('decided')} ELSE NULL END`,
          breachedAt: `CASE WHEN st <= 3 AND dec_due < ${now} THEN ${d.ts('dec_due')} ELSE NULL END`,
          pausedAt: `CASE WHEN st = 4 THEN ${d.ts('paused')} ELSE NULL END`,
          remaining: `CASE WHEN st = 4 THEN (CASE WHEN dec_due > paused THEN dec_due - paused ELSE ${DAY} END) * 1000 ELSE NULL END`,
          ruleVersion: `CASE WHEN pbl = 1 THEN 'PBL-2025' ELSE NULL END`,
        },
      ),
    ],
    ['events: REGISTERED', event('REGISTERED', 'NULL', 'registered', 1, 'received', '1 = 1', registrar)],
    [
      'events: ROUTE',
      event(
        'ROUTE',
        `'registered'`,
        'routed',
        2,
        'received + 600',
        'st >= 1',
        registrar,
        `'{"unit":"' || unit || '"}'`,
      ),
    ],
    [
      'events: ASSIGN',
      event(
        'ASSIGN',
        `'routed'`,
        'assigned',
        3,
        'received + 3600',
        'st >= 2',
        d.asUuid('officer_id'),
        `'{"assigneeId":"' || officer_id || '"}'`,
      ),
    ],
    [
      'events: START',
      event('START', `'assigned'`, 'in_progress', 4, 'received + 7200', 'st >= 3', d.asUuid('officer_id')),
    ],
    [
      'events: REQUEST_COMPLEMENT',
      event(
        'REQUEST_COMPLEMENT',
        `'in_progress'`,
        'awaiting_complement',
        5,
        'paused',
        'st = 4',
        d.asUuid('officer_id'),
        `'{"message":"Vi behöver en situationsplan."}'`,
      ),
    ],
    [
      'events: DECIDE',
      event(
        'DECIDE',
        `'in_progress'`,
        'decided',
        5,
        'decided',
        'st >= 5',
        d.asUuid('officer_id'),
        `'{"outcome":"approved","reasoning":"Ansökan uppfyller kraven."}'`,
      ),
    ],
    ['events: CLOSE', event('CLOSE', `'decided'`, 'closed', 6, closedAt, 'st = 6', d.asUuid('officer_id'))],
    ['drop staging', 'DROP TABLE bench_pages_case'],
  ];

  await db.transaction(async (trx) => {
    for (const [label, sql] of statements) {
      const t0 = performance.now();
      await trx.raw(sql);
      onStep(label, performance.now() - t0);
    }
  });
}
