import { beforeAll, describe, expect, it } from 'vitest';
import { attachmentHeader, toCsv } from '../../src/application/reports/csv.js';
import { field } from '../../src/application/reports/report-table.js';
import { addMonths, monthCount, monthSpans } from '../../src/domain/stockholm-months.js';
import { type TestUser } from '../support/test-app.js';
import { expectProblem } from '../support/problem.js';
import { insertCase, insertDeadline, insertEvent, parseCsv } from './reports-fixtures.js';
import { useTestApp } from '../support/use-test-app.js';

const reports = [
  '/api/reports/guarantees?from=2026-01&to=2026-03',
  '/api/reports/lead-times?from=2026-01&to=2026-03',
  '/api/reports/open-cases',
  '/api/reports/complaints?from=2026-01&to=2026-03',
  '/api/reports/nki?from=2026-01&to=2026-03',
  '/api/reports/fee-reductions?from=2026-01&to=2026-03',
  '/api/reports/survey-comments?from=2026-01&to=2026-03',
  '/api/reports/visits?year=2026',
];

describe('reports: who may read them and what they accept', () => {
  let users: Record<'registrar' | 'officer' | 'manager' | 'coordinator' | 'admin', TestUser>;

  const { app } = useTestApp({});
  beforeAll(async () => {
    users = {
      registrar: await app.user('registrar'),
      officer: await app.user('officer', 'bygglov'),
      manager: await app.user('manager', 'bygglov'),
      coordinator: await app.user('coordinator'),
      admin: await app.user('admin'),
    };
  });

  it.each(['manager', 'coordinator', 'admin'] as const)('gives a %s every report, as JSON and as CSV', async (role) => {
    for (const path of reports) {
      const json = await app.request('GET', path, { token: users[role].token });
      expect(json.status, `${path}: ${JSON.stringify(json.body).slice(0, 300)}`).toBe(200);
      expect(json.body).toMatchObject({
        report: expect.any(String),
        title: expect.any(String),
        rows: expect.any(Array),
      });
      const csv = await app.request('GET', `${path}${path.includes('?') ? '&' : '?'}format=csv`, {
        token: users[role].token,
      });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(csv.headers.get('content-disposition')).toMatch(
        /^attachment; filename="[\x20-\x7e]+\.csv"; filename\*=UTF-8''\S+\.csv$/,
      );
    }
  });

  it.each(['registrar', 'officer'] as const)('refuses a %s with 403', async (role) => {
    for (const path of [...reports, '/api/reports'])
      expectProblem(await app.request('GET', path, { token: users[role].token }), 403);
  });

  it('asks for a token first', async () => {
    for (const path of [...reports, '/api/reports']) expectProblem(await app.request('GET', path), 401);
  });

  it('lists the reports', async () => {
    const res = await app.request('GET', '/api/reports', { token: users.manager.token });
    expect(res.body.items.map((i: { path: string }) => i.path)).toEqual(reports.map((p) => p.split('?')[0]));
  });

  it.each([
    [
      '/api/reports/guarantees?to=2026-03',
      'query.from',
      'Obligatoriskt: Ange månaden som ÅÅÅÅ-MM, till exempel 2026-01.',
    ],
    [
      '/api/reports/guarantees?from=2026-13&to=2026-03',
      'query.from',
      'Ange månaden som ÅÅÅÅ-MM, till exempel 2026-01.',
    ],
    ['/api/reports/guarantees?from=2026-1&to=2026-03', 'query.from', 'Ange månaden som ÅÅÅÅ-MM, till exempel 2026-01.'],
    ['/api/reports/lead-times?from=2026-04&to=2026-03', 'query.to', 'Slutmånaden får inte ligga före startmånaden.'],
    ['/api/reports/lead-times?from=2020-01&to=2025-01', 'query.to', 'En rapport omfattar högst 60 månader.'],
    ['/api/reports/fee-reductions?from=2026-01&to=2026-03&category=bilar', 'query.category', ''],
    ['/api/reports/nki?from=2026-01&to=2026-03&unit=ekonomi', 'query.unit', ''],
    ['/api/reports/nki?from=2026-01&to=2026-03&format=xlsx', 'query.format', ''],
    ['/api/reports/guarantees?from=2026-01&to=2026-03&form=2026-01', 'query.form', 'Okänt fält.'],
    ['/api/reports/guarantees?from=2026-01&from=2026-02&to=2026-03', 'query.from', ''],
    ['/api/reports/complaints?from=2026-01&to=2026-03&category=klagomal', 'query.category', 'Okänt fält.'],
    ['/api/reports/open-cases?from=2026-01', 'query.from', 'Okänt fält.'],
    ['/api/reports/visits', 'query.year', 'Ange året med fyra siffror, till exempel 2026.'],
    ['/api/reports/visits?year=tjugo', 'query.year', 'Ange året med fyra siffror, till exempel 2026.'],
    ['/api/reports/visits?year=1999', 'query.year', 'Året måste vara 2000 eller senare.'],
    ['/api/reports/visits?year=2026.5', 'query.year', 'Ange året med fyra siffror, till exempel 2026.'],
  ])('answers %s with 400 naming %s', async (path, field, message) => {
    const res = await app.request('GET', path, { token: users.manager.token });
    expectProblem(res, 400, field);
    const error = res.body.errors.find((e: { path: string }) => e.path === field);
    expect(error.message).toContain(message);
  });

  it('documents every report in the OpenAPI document', async () => {
    const { body } = await app.request('GET', '/api/openapi.json');
    for (const path of ['/api/reports', ...reports.map((p) => p.split('?')[0]!)]) {
      expect(body.paths[path]?.get, path).toBeDefined();
    }
    expect(Object.keys(body.paths['/api/reports/guarantees'].get.responses['200'].content)).toEqual([
      'application/json',
      'text/csv',
    ]);
    expect(body.paths['/api/reports/guarantees'].get.parameters.map((p: { name: string }) => p.name)).toEqual([
      'from',
      'to',
      'category',
      'unit',
      'format',
    ]);
  });
});

/** A small linear congruential generator: the same "random" fixture on every run and database. */
function lcg(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** Linear interpolation between the nearest ranks, as percentile_cont: the reference the database must match. */
function percentileCont(values: number[], fraction: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * fraction;
  const lo = Math.floor(h);
  return s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (h - lo);
}

describe('percentiles computed by the database', () => {
  // Groups of 1 to 12 decisions, odd and even, one month each, with durations to the millisecond.
  const durations = new Map<string, number[]>();

  const {
    app,
    users: { manager },
  } = useTestApp({ users: { manager: ['manager', 'bygglov'] } });
  beforeAll(async () => {
    const random = lcg(20261124);
    for (let m = 1; m <= 12; m++) {
      const month = `2025-${String(m).padStart(2, '0')}`;
      const decidedAt = new Date(`${month}-15T12:00:00.000Z`);
      const ms: number[] = [];
      for (let i = 0; i < m; i++) {
        const duration = Math.floor(random() * 200 * 86_400_000);
        ms.push(duration);
        const id = await insertCase(app, manager.id, {
          category: 'bygglov',
          receivedAt: new Date(decidedAt.getTime() - duration).toISOString(),
        });
        await insertEvent(app, id, 'DECIDE', decidedAt.toISOString());
        await insertDeadline(app, id, {
          clock: 'decision',
          state: 'met',
          startedAt: new Date(decidedAt.getTime() - Math.floor(duration / 2)).toISOString(),
          metAt: decidedAt.toISOString(),
        });
      }
      durations.set(month, ms);
    }
  });

  it('matches percentile_cont over the same values, month by month, rounded to tenths of a day', async () => {
    const body = await app.request('GET', '/api/reports/lead-times?from=2025-01&to=2025-12', { token: manager.token });
    const days = (ms: number) => Math.round(ms / 8_640_000) / 10;
    const expected = [...durations].map(([month, ms]) => [
      month,
      ms.length,
      days(percentileCont(ms, 0.5)),
      days(percentileCont(ms, 0.9)),
    ]);
    const monthly = body.body.rows.filter((r: any) => r.month !== null);
    expect(
      monthly.map((r: any) => [r.month, r.fromReceived.n, r.fromReceived.medianDays, r.fromReceived.p90Days]),
    ).toEqual(expected);
    const all = [...durations.values()].flat();
    expect(body.body.rows.at(-1).fromReceived).toEqual({
      n: 78,
      medianDays: days(percentileCont(all, 0.5)),
      p90Days: days(percentileCont(all, 0.9)),
    });
  });
});

describe('Stockholm months and the CSV file', () => {
  it('gives each month its first instant in UTC, summer time included', () => {
    expect(monthSpans('2026-02', '2026-04')).toEqual([
      { month: '2026-02', startAt: '2026-01-31T23:00:00.000Z', endAt: '2026-02-28T23:00:00.000Z' },
      // Summer time starts on 29 March: April begins at 22:00 UTC.
      { month: '2026-03', startAt: '2026-02-28T23:00:00.000Z', endAt: '2026-03-31T22:00:00.000Z' },
      { month: '2026-04', startAt: '2026-03-31T22:00:00.000Z', endAt: '2026-04-30T22:00:00.000Z' },
    ]);
    expect(monthSpans('2026-12', '2027-01').map((m) => m.endAt)).toEqual([
      '2026-12-31T23:00:00.000Z',
      '2027-01-31T23:00:00.000Z',
    ]);
    expect([
      addMonths('2026-01', -1),
      addMonths('2026-11', 14),
      monthCount('2025-11', '2026-10'),
      monthCount('2026-02', '2026-01'),
    ]).toEqual(['2025-12', '2028-01', 12, 0]);
  });

  it('writes what Swedish Excel reads: BOM, semicolons, decimal commas, quotes, no formulas', () => {
    const rows = [
      { name: 'Miljö; hälsa', note: 'sa "nej"', n: 3, share: 33.3, empty: null },
      { name: '=SUMMA(A1)', note: 'två\nrader', n: -2, share: 0.4, empty: null },
    ];
    const text = toCsv(
      [
        field('name', 'Namn', 'text'),
        field('note', 'Not', 'text'),
        field('n', 'Antal', 'integer'),
        field('share', 'Andel (%)', 'decimal'),
        field('empty', 'Tom', 'decimal'),
      ],
      rows,
    );

    expect(text.startsWith('\uFEFFNamn;Not;Antal;Andel (%);Tom\r\n')).toBe(true);
    expect(text.split('\r\n')[1]).toBe('"Miljö; hälsa";"sa ""nej""";3;33,3;');
    expect(parseCsv(text)).toEqual([
      ['Namn', 'Not', 'Antal', 'Andel (%)', 'Tom'],
      ['Miljö; hälsa', 'sa "nej"', '3', '33,3', ''],
      ["'=SUMMA(A1)", 'två\nrader', '-2', '0,4', ''],
    ]);
    expect(attachmentHeader('öppna-ärenden-2026-11-20.csv')).toBe(
      `attachment; filename="oppna-arenden-2026-11-20.csv"; filename*=UTF-8''%C3%B6ppna-%C3%A4renden-2026-11-20.csv`,
    );
  });
});
