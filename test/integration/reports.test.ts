import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app.js';
import { companyCaseBody, register, send } from '../support/fixtures.js';
import {
  csvNumber,
  insertAnswers,
  insertCase,
  insertDeadline,
  insertEvent,
  insertVisit,
  parseCsv,
} from './reports-fixtures.js';
import { useTestApp } from '../support/use-test-app.js';

// Every expected figure below is worked out by hand from the fixture next to it. The same
// file runs on SQLite and on PostgreSQL (DATABASE_URL), so both must give exactly these.

const get = async (app: TestApp, user: TestUser, path: string) => {
  const res = await app.request('GET', path, { token: user.token });
  expect(res.status, JSON.stringify(res.body).slice(0, 600)).toBe(200);
  return res.body;
};
const csvOf = async (app: TestApp, user: TestUser, path: string) => {
  const res = await fetch(`${app.url}${path}${path.includes('?') ? '&' : '?'}format=csv`, {
    headers: { authorization: `Bearer ${user.token}` },
  });
  expect(res.status).toBe(200);
  // res.text() would drop the BOM, which is part of what is tested.
  return {
    headers: res.headers,
    rows: parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer())),
  };
};

describe('guarantee and fee-reduction reports', () => {
  const {
    app,
    users: { manager },
  } = useTestApp({ users: { manager: ['manager', 'bygglov'] } });
  beforeAll(async () => {
    const c = (category: string) =>
      insertCase(app, manager.id, {
        category,
        unit: category === 'anmalan' ? 'bygglov' : category,
        receivedAt: '2025-12-01T09:00:00.000Z',
      });
    const started = '2025-12-01T09:00:00.000Z';

    const g1 = await c('bygglov');
    await insertDeadline(app, g1, {
      clock: 'decision',
      state: 'met',
      startedAt: started,
      metAt: '2026-01-15T10:00:00.000Z',
    });
    await insertDeadline(app, g1, {
      clock: 'first_contact',
      state: 'met',
      startedAt: started,
      metAt: '2026-01-05T08:00:00.000Z',
    });
    // 00:30 on 1 February in Stockholm: a February figure, though the UTC date is in January.
    await insertDeadline(app, await c('bygglov'), {
      clock: 'decision',
      state: 'met',
      startedAt: started,
      metAt: '2026-01-31T23:30:00.000Z',
    });
    // Breached on 10 January, decided late on 20 January: counted once, met late, in January.
    await insertDeadline(app, await c('bygglov'), {
      clock: 'decision',
      state: 'met_late',
      startedAt: started,
      breachedAt: '2026-01-10T23:00:00.000Z',
      metAt: '2026-01-20T12:00:00.000Z',
      feeReductionFifths: 1,
    });
    await insertDeadline(app, await c('bygglov'), {
      clock: 'decision',
      state: 'breached',
      startedAt: started,
      breachedAt: '2026-02-10T08:00:00.000Z',
    });
    await insertDeadline(app, await c('livsmedel'), {
      clock: 'decision',
      state: 'met',
      startedAt: started,
      metAt: '2026-02-03T10:00:00.000Z',
    });
    // 23:59:59.999 on 31 December in Stockholm: outside the period.
    await insertDeadline(app, await c('bygglov'), {
      clock: 'decision',
      state: 'met',
      startedAt: started,
      metAt: '2025-12-31T22:59:59.999Z',
    });
    // 00:00 on 1 March in Stockholm: outside the period.
    await insertDeadline(app, await c('bygglov'), {
      clock: 'decision',
      state: 'met_late',
      startedAt: started,
      metAt: '2026-02-28T23:00:00.000Z',
      feeReductionFifths: 3,
    });
    await insertDeadline(app, await c('bygglov'), {
      clock: 'decision',
      state: 'running',
      startedAt: '2026-01-10T09:00:00.000Z',
    });
    await insertDeadline(app, await c('bygglov'), {
      clock: 'decision',
      state: 'cancelled',
      startedAt: '2026-01-10T09:00:00.000Z',
    });
    await insertDeadline(app, await c('bygglov'), {
      clock: 'decision',
      state: 'met_late',
      startedAt: started,
      metAt: '2026-02-15T10:00:00.000Z',
      feeReductionFifths: 2,
    });
    await insertDeadline(app, await c('anmalan'), {
      clock: 'decision',
      state: 'met_late',
      startedAt: started,
      metAt: '2026-02-20T10:00:00.000Z',
      feeReductionFifths: 5,
    });
    // Late after a 9:102 decision: late, but no reduction.
    await insertDeadline(app, await c('bygglov'), {
      clock: 'decision',
      state: 'met_late',
      startedAt: started,
      metAt: '2026-02-16T10:00:00.000Z',
      feeReductionFifths: 0,
    });
    await insertDeadline(app, await c('livsmedel'), {
      clock: 'decision',
      state: 'met_late',
      startedAt: started,
      metAt: '2026-01-25T10:00:00.000Z',
    });
  });

  const g = (
    month: string | null,
    category: string,
    clock: string,
    met: number,
    metLate: number,
    breached: number,
    keptPercent: number,
  ) => ({
    month,
    category,
    clock,
    met,
    metLate,
    breached,
    total: met + metLate + breached,
    keptPercent,
  });

  it('counts each clock by how it ended, in the Stockholm month it ended, with the share kept', async () => {
    const body = await get(app, manager, '/api/reports/guarantees?from=2026-01&to=2026-02');

    expect(body).toMatchObject({
      report: 'guarantees',
      period: { from: '2026-01', to: '2026-02' },
      filters: { category: null, unit: null },
    });
    expect(
      body.rows.map((r: any) => ({
        month: r.month,
        category: r.category,
        clock: r.clock,
        met: r.met,
        metLate: r.metLate,
        breached: r.breached,
        total: r.total,
        keptPercent: r.keptPercent,
      })),
    ).toEqual([
      g('2026-01', 'bygglov', 'decision', 1, 1, 0, 50),
      g('2026-01', 'bygglov', 'first_contact', 1, 0, 0, 100),
      g('2026-01', 'livsmedel', 'decision', 0, 1, 0, 0),
      g('2026-02', 'anmalan', 'decision', 0, 1, 0, 0),
      g('2026-02', 'bygglov', 'decision', 1, 2, 1, 25),
      g('2026-02', 'livsmedel', 'decision', 1, 0, 0, 100),
      g(null, 'anmalan', 'decision', 0, 1, 0, 0),
      g(null, 'bygglov', 'decision', 2, 3, 1, 33.3),
      g(null, 'bygglov', 'first_contact', 1, 0, 0, 100),
      g(null, 'livsmedel', 'decision', 1, 1, 0, 50),
    ]);
    expect(body.rows[1]).toMatchObject({
      monthLabel: '2026-01',
      categoryLabel: 'Bygglov',
      clockLabel: 'Första kontakt',
    });
    expect(body.rows[6]).toMatchObject({ monthLabel: 'Hela perioden', categoryLabel: 'Anmälan enligt PBL' });
  });

  it('filters by category and by unit', async () => {
    const byCategory = await get(app, manager, '/api/reports/guarantees?from=2026-01&to=2026-02&category=livsmedel');
    expect(byCategory.rows.map((r: any) => [r.month, r.category, r.total, r.keptPercent])).toEqual([
      ['2026-01', 'livsmedel', 1, 0],
      ['2026-02', 'livsmedel', 1, 100],
      [null, 'livsmedel', 2, 50],
    ]);
    // The anmälan case belongs to the bygglov unit.
    const byUnit = await get(app, manager, '/api/reports/guarantees?from=2026-02&to=2026-02&unit=bygglov');
    expect(byUnit.rows.map((r: any) => [r.month, r.category, r.clock, r.total])).toEqual([
      ['2026-02', 'anmalan', 'decision', 1],
      ['2026-02', 'bygglov', 'decision', 4],
      [null, 'anmalan', 'decision', 1],
      [null, 'bygglov', 'decision', 4],
    ]);
  });

  it('writes the same figures as a CSV file for Swedish Excel', async () => {
    const { headers, rows } = await csvOf(app, manager, '/api/reports/guarantees?from=2026-01&to=2026-02');

    expect(headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(headers.get('content-disposition')).toBe(
      `attachment; filename="servicegarantier-2026-01-2026-02.csv"; filename*=UTF-8''servicegarantier-2026-01%E2%80%932026-02.csv`,
    );
    expect(rows).toEqual([
      [
        'Månad',
        'Kategori',
        'Garanti',
        'Hållna',
        'Klara efter utlovad tid',
        'Överskridna, ej klara',
        'Totalt',
        'Andel hållna (%)',
      ],
      ['2026-01', 'Bygglov', 'Beslut', '1', '1', '0', '2', '50'],
      ['2026-01', 'Bygglov', 'Första kontakt', '1', '0', '0', '1', '100'],
      ['2026-01', 'Livsmedelsregistrering', 'Beslut', '0', '1', '0', '1', '0'],
      ['2026-02', 'Anmälan enligt PBL', 'Beslut', '0', '1', '0', '1', '0'],
      ['2026-02', 'Bygglov', 'Beslut', '1', '2', '1', '4', '25'],
      ['2026-02', 'Livsmedelsregistrering', 'Beslut', '1', '0', '0', '1', '100'],
      ['Hela perioden', 'Anmälan enligt PBL', 'Beslut', '0', '1', '0', '1', '0'],
      ['Hela perioden', 'Bygglov', 'Beslut', '2', '3', '1', '6', '33,3'],
      ['Hela perioden', 'Bygglov', 'Första kontakt', '1', '0', '0', '1', '100'],
      ['Hela perioden', 'Livsmedelsregistrering', 'Beslut', '1', '1', '0', '2', '50'],
    ]);
  });

  it('answers CSV to Accept: text/csv as well', async () => {
    const res = await app.request('GET', '/api/reports/guarantees?from=2026-01&to=2026-01', {
      token: manager.token,
      headers: { accept: 'text/csv' },
    });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(String(res.body).split('\r\n')[1]).toBe('2026-01;Bygglov;Beslut;1;1;0;2;50');
  });

  it('sums the fee reductions granted per category and month of the late decision', async () => {
    const body = await get(app, manager, '/api/reports/fee-reductions?from=2026-01&to=2026-02');

    expect(body.rows.map((r: any) => [r.month, r.category, r.reductions, r.fifths, r.wholeFees])).toEqual([
      ['2026-01', 'bygglov', 1, 1, 0.2],
      ['2026-02', 'anmalan', 1, 5, 1],
      ['2026-02', 'bygglov', 1, 2, 0.4],
      [null, 'anmalan', 1, 5, 1],
      [null, 'bygglov', 2, 3, 0.6],
    ]);
    const { rows } = await csvOf(app, manager, '/api/reports/fee-reductions?from=2026-01&to=2026-02&category=bygglov');
    expect(rows).toEqual([
      ['Beslutsmånad', 'Kategori', 'Beslut med reducerad avgift', 'Summa femtedelar', 'Motsvarar hela avgifter'],
      ['2026-01', 'Bygglov', '1', '1', '0,2'],
      ['2026-02', 'Bygglov', '1', '2', '0,4'],
      ['Hela perioden', 'Bygglov', '2', '3', '0,6'],
    ]);
    expect(
      (await get(app, manager, '/api/reports/fee-reductions?from=2026-01&to=2026-02&unit=livsmedel')).rows,
    ).toEqual([]);
  });
});

describe('lead-time report', () => {
  const {
    app,
    users: { coordinator },
  } = useTestApp({ users: { coordinator: 'coordinator' } });
  beforeAll(async () => {
    /** A case decided at `decidedAt`, its decision clock last started at `completeAt` (none: no decision clock). */
    const decided = async (category: string, receivedAt: string, decidedAt: string[], completeAt: string | null) => {
      const id = await insertCase(app, coordinator.id, { category, receivedAt });
      await insertEvent(app, id, 'REGISTERED', receivedAt);
      for (const [i, at] of decidedAt.entries()) {
        // A second decision follows a reopening of the closed case.
        if (i > 0) await insertEvent(app, id, 'REOPEN', at.replace(/T.*/, 'T08:00:00.000Z'), 'closed');
        await insertEvent(app, id, 'DECIDE', at);
      }
      if (completeAt)
        await insertDeadline(app, id, { clock: 'decision', state: 'met', startedAt: completeAt, metAt: decidedAt[0]! });
    };
    // January 2025, bygglov: 10.0, 25.5, 15.0 and 26 days 22 hours from registration;
    // 10.0, 10.5 (restarted by a complement), 15.0 and 11 days 22 hours from the complete application.
    await decided('bygglov', '2025-01-01T09:00:00.000Z', ['2025-01-11T09:00:00.000Z'], '2025-01-01T09:00:00.000Z');
    await decided('bygglov', '2024-12-20T09:00:00.000Z', ['2025-01-14T21:00:00.000Z'], '2025-01-04T09:00:00.000Z');
    await decided('bygglov', '2025-01-02T09:00:00.000Z', ['2025-01-17T09:00:00.000Z'], '2025-01-02T09:00:00.000Z');
    // 23:00 on 31 January in Stockholm: a January decision.
    await decided('bygglov', '2025-01-05T00:00:00.000Z', ['2025-01-31T22:00:00.000Z'], '2025-01-20T00:00:00.000Z');
    // First decided in December, reopened and decided again in February: counts at its first decision only.
    // Resolved at first contact, reopened by the desk and then decided: that is its first decision.
    await decided(
      'bygglov',
      '2024-12-01T09:00:00.000Z',
      ['2024-12-28T09:00:00.000Z', '2025-02-10T09:00:00.000Z'],
      '2024-12-01T09:00:00.000Z',
    );
    const desk = await insertCase(app, coordinator.id, { category: 'ovrigt', receivedAt: '2025-02-10T08:00:00.000Z' });
    await insertEvent(app, desk, 'REOPEN', '2025-02-10T09:00:00.000Z', 'resolved_at_first_contact');
    await insertEvent(app, desk, 'DECIDE', '2025-02-11T20:00:00.000Z');
    // No decision guarantee for Övrigt: a time from registration only.
    await decided('ovrigt', '2025-02-01T08:00:00.000Z', ['2025-02-04T20:00:00.000Z'], null);
    await decided('livsmedel', '2025-02-02T08:00:00.000Z', ['2025-02-09T08:00:00.000Z'], '2025-02-02T08:00:00.000Z');
    // Decided 00:30 on 1 March in Stockholm: outside the period.
    await decided('livsmedel', '2025-02-02T08:00:00.000Z', ['2025-02-28T23:30:00.000Z'], '2025-02-02T08:00:00.000Z');
  });

  it('gives the median and the 90th percentile in days with one decimal, rounded half up', async () => {
    const body = await get(app, coordinator, '/api/reports/lead-times?from=2025-01&to=2025-02');

    const t = (n: number, medianDays: number | null, p90Days: number | null) => ({ n, medianDays, p90Days });
    expect(body.rows.map((r: any) => [r.month, r.category, r.fromReceived, r.fromComplete])).toEqual([
      // Sorted 10.0, 15.0, 25.5, 26.917: median between the middle two is 20.25, half up 20.3;
      // p90 at rank 1 + 0.9 · 3 = 3.7 is 25.5 + 0.7 · 1.417 = 26.49. From the complete
      // application 10.0, 10.5, 11.917, 15.0: median 11.21, p90 11.917 + 0.7 · 3.083 = 14.075.
      ['2025-01', 'bygglov', t(4, 20.3, 26.5), t(4, 11.2, 14.1)],
      ['2025-02', 'livsmedel', t(1, 7, 7), t(1, 7, 7)],
      // 1.5 and 3.5 days: median 2.5, p90 1.5 + 0.9 · 2.0 = 3.3.
      ['2025-02', 'ovrigt', t(2, 2.5, 3.3), t(0, null, null)],
      [null, 'bygglov', t(4, 20.3, 26.5), t(4, 11.2, 14.1)],
      [null, 'livsmedel', t(1, 7, 7), t(1, 7, 7)],
      [null, 'ovrigt', t(2, 2.5, 3.3), t(0, null, null)],
    ]);
  });

  it('writes the nested figures as flat CSV columns', async () => {
    const { rows } = await csvOf(app, coordinator, '/api/reports/lead-times?from=2025-01&to=2025-01');
    expect(rows).toEqual([
      [
        'Beslutsmånad',
        'Kategori',
        'Beslut (antal)',
        'Från registrering: median (dagar)',
        'Från registrering: 90:e percentil (dagar)',
        'Med beslutsgaranti (antal)',
        'Från komplett ansökan: median (dagar)',
        'Från komplett ansökan: 90:e percentil (dagar)',
      ],
      ['2025-01', 'Bygglov', '4', '20,3', '26,5', '4', '11,2', '14,1'],
      ['Hela perioden', 'Bygglov', '4', '20,3', '26,5', '4', '11,2', '14,1'],
    ]);
  });
});

describe('reports over cases that went through their lifecycle', () => {
  const {
    app,
    users: { desk, officer, admin },
  } = useTestApp({
    now: '2026-03-02T10:00:00+01:00',
    users: { desk: 'registrar', officer: ['officer', 'bygglov'], admin: 'admin' },
  });
  beforeAll(async () => {
    const decision = { outcome: 'approved', reasoning: 'Åtgärden följer detaljplanen.' };

    // A: registered 2 March 09:00, complement asked 5 March, received 16 March 13:00 (PBL 9:99
    // restarts the clock), decided 10 April 14:00 CEST: 39 days 4 hours, and 25.0 days.
    const a = await register(app, desk, companyCaseBody({ receivedAt: '2026-03-02T09:00:00+01:00' }));
    await send(app, desk, a.id, 'ROUTE', { unit: 'bygglov' });
    app.clock.set('2026-03-03T10:00:00+01:00');
    await send(app, officer, a.id, 'ASSIGN', { assigneeId: officer.id });
    await send(app, officer, a.id, 'START');
    app.clock.set('2026-03-05T10:00:00+01:00');
    await send(app, officer, a.id, 'REQUEST_COMPLEMENT', { message: 'Skicka en situationsplan.' });
    app.clock.set('2026-03-16T13:00:00+01:00');
    await send(app, officer, a.id, 'COMPLEMENT_RECEIVED');
    app.clock.set('2026-04-10T14:00:00+02:00');
    await send(app, officer, a.id, 'DECIDE', decision);

    // B: registered Friday 10 April, due Monday 22 June (midsommarafton moves it), decided
    // Thursday 25 June: three days late, one started week, one fifth off; 76.0 days.
    const b = await register(app, desk, companyCaseBody({ receivedAt: '2026-04-10T10:00:00+02:00' }));
    await send(app, desk, b.id, 'ROUTE', { unit: 'bygglov' });
    app.clock.set('2026-04-13T09:00:00+02:00');
    await send(app, officer, b.id, 'ASSIGN', { assigneeId: officer.id });
    await send(app, officer, b.id, 'START');
    app.clock.set('2026-06-25T10:00:00+02:00');
    await send(app, officer, b.id, 'DECIDE', decision);
  });

  it('reads the decision times and restarted clocks the lifecycle wrote', async () => {
    const body = await get(app, admin, '/api/reports/lead-times?from=2026-03&to=2026-06');
    expect(body.rows.map((r: any) => [r.month, r.category, r.fromReceived, r.fromComplete])).toEqual([
      ['2026-04', 'bygglov', { n: 1, medianDays: 39.2, p90Days: 39.2 }, { n: 1, medianDays: 25, p90Days: 25 }],
      ['2026-06', 'bygglov', { n: 1, medianDays: 76, p90Days: 76 }, { n: 1, medianDays: 76, p90Days: 76 }],
      // 39.167 and 76.0: median 57.58, p90 39.167 + 0.9 · 36.833 = 72.32; 25.0 and 76.0: 50.5 and 70.9.
      [null, 'bygglov', { n: 2, medianDays: 57.6, p90Days: 72.3 }, { n: 2, medianDays: 50.5, p90Days: 70.9 }],
    ]);
  });

  it('counts the clocks the lifecycle stopped, and the fee reduction it granted', async () => {
    const guarantees = await get(app, admin, '/api/reports/guarantees?from=2026-03&to=2026-06');
    expect(guarantees.rows.map((r: any) => [r.month, r.clock, r.met, r.metLate, r.breached])).toEqual([
      ['2026-03', 'first_contact', 1, 0, 0],
      ['2026-04', 'decision', 1, 0, 0],
      ['2026-04', 'first_contact', 1, 0, 0],
      ['2026-06', 'decision', 0, 1, 0],
      [null, 'decision', 1, 1, 0],
      [null, 'first_contact', 2, 0, 0],
    ]);
    const fees = await get(app, admin, '/api/reports/fee-reductions?from=2026-03&to=2026-06');
    expect(fees.rows.map((r: any) => [r.month, r.category, r.reductions, r.fifths])).toEqual([
      ['2026-06', 'bygglov', 1, 1],
      [null, 'bygglov', 1, 1],
    ]);
  });
});

describe('open cases by age', () => {
  // Now is Friday 20 November 2026, 09:00 in Stockholm.
  const {
    app,
    users: { manager },
  } = useTestApp({ now: '2026-11-20T09:00:00+01:00', users: { manager: ['manager', 'livsmedel'] } });
  beforeAll(async () => {
    const open = (
      category: string,
      unit: string | null,
      status: string,
      receivedAt: string,
      kind: 'company_case' | 'complaint' = 'company_case',
    ) =>
      insertCase(app, manager.id, {
        kind,
        category,
        unit,
        status,
        receivedAt,
        ...(kind === 'complaint' ? { concerns: ['treatment'] } : {}),
      });
    await open('bygglov', 'bygglov', 'in_progress', '2026-11-20T07:00:00.000Z'); // today: 0 days
    await open('bygglov', 'bygglov', 'awaiting_complement', '2026-11-12T23:00:00.000Z'); // 13 Nov 00:00: 7 days
    await open('bygglov', 'bygglov', 'assigned', '2026-11-12T22:59:59.999Z'); // 12 Nov 23:59: 8 days
    await open('bygglov', 'bygglov', 'decided', '2026-09-01T10:00:00.000Z'); // 80 days
    await open('livsmedel', 'livsmedel', 'routed', '2026-06-01T10:00:00.000Z'); // 172 days
    await open('bygglov', null, 'registered', '2026-01-10T10:00:00.000Z'); // not routed yet, 314 days
    await open('klagomal', 'naringsliv', 'investigating', '2026-11-16T10:00:00.000Z', 'complaint'); // 4 days
    // Not open: closed, withdrawn, resolved at first contact; and a planned visit is no company's errand.
    await open('bygglov', 'bygglov', 'closed', '2026-11-18T10:00:00.000Z');
    await open('bygglov', 'bygglov', 'withdrawn', '2026-11-18T10:00:00.000Z');
    await open('ovrigt', null, 'resolved_at_first_contact', '2026-11-18T10:00:00.000Z');
    await insertVisit(app, manager.id, null);
  });

  const r = (category: string | null, unit: string | null, buckets: [number, number, number, number, number]) => ({
    category,
    unit,
    days0to7: buckets[0],
    days8to30: buckets[1],
    days31to90: buckets[2],
    days91to180: buckets[3],
    over180: buckets[4],
    total: buckets.reduce((s, n) => s + n, 0),
  });

  it('counts open cases by Stockholm days since arrival, per category and unit', async () => {
    const body = await get(app, manager, '/api/reports/open-cases');

    expect(body).toMatchObject({ report: 'open-cases', asOf: '2026-11-20T08:00:00.000Z', asOfDate: '2026-11-20' });
    expect(body.rows.map(({ categoryLabel: _c, unitLabel: _u, ...rest }: any) => rest)).toEqual([
      r('bygglov', 'bygglov', [2, 1, 1, 0, 0]),
      r('bygglov', null, [0, 0, 0, 0, 1]),
      r('klagomal', 'naringsliv', [1, 0, 0, 0, 0]),
      r('livsmedel', 'livsmedel', [0, 0, 0, 1, 0]),
      r(null, null, [3, 1, 1, 1, 1]),
    ]);
    expect(body.rows[1]).toMatchObject({ categoryLabel: 'Bygglov', unitLabel: 'Ej lotsat till enhet' });
    expect(body.rows[4]).toMatchObject({ categoryLabel: 'Alla', unitLabel: 'Alla' });
  });

  it('filters by unit and writes a CSV named for the day', async () => {
    const body = await get(app, manager, '/api/reports/open-cases?unit=livsmedel');
    expect(body.rows.map((x: any) => x.total)).toEqual([1, 1]);
    const { headers, rows } = await csvOf(app, manager, '/api/reports/open-cases?category=bygglov');
    expect(headers.get('content-disposition')).toContain(
      `filename*=UTF-8''%C3%B6ppna-%C3%A4renden-bygglov-2026-11-20.csv`,
    );
    expect(headers.get('content-disposition')).toContain('filename="oppna-arenden-bygglov-2026-11-20.csv"');
    expect(rows).toEqual([
      ['Kategori', 'Enhet', '0–7 dagar', '8–30 dagar', '31–90 dagar', '91–180 dagar', 'Över 180 dagar', 'Totalt'],
      ['Bygglov', 'Bygglov', '2', '1', '1', '0', '0', '4'],
      ['Bygglov', 'Ej lotsat till enhet', '0', '0', '0', '0', '1', '1'],
      ['Alla', 'Alla', '2', '1', '1', '0', '1', '5'],
    ]);
  });
});

describe('complaint report', () => {
  const {
    app,
    users: { manager },
  } = useTestApp({ users: { manager: ['manager', 'naringsliv'] } });
  beforeAll(async () => {
    const complaint = async (
      unit: string,
      concerns: string[],
      receivedAt: string,
      opts: { answers?: string[]; clock?: 'met' | 'met_late' | 'running'; anonymous?: boolean } = {},
    ) => {
      const id = await insertCase(app, manager.id, {
        kind: 'complaint',
        category: 'klagomal',
        unit,
        concerns,
        receivedAt,
        anonymous: opts.anonymous ?? false,
      });
      for (const at of opts.answers ?? []) await insertEvent(app, id, 'ANSWER', at);
      await insertDeadline(app, id, {
        clock: 'complaint_answer',
        state: opts.clock ?? 'running',
        startedAt: receivedAt,
        ...(opts.clock && opts.clock !== 'running' ? { metAt: receivedAt } : {}),
      });
    };
    await complaint('bygglov', ['treatment', 'efficiency'], '2026-03-02T08:00:00.000Z', {
      answers: ['2026-03-06T08:00:00.000Z'],
      clock: 'met',
    }); // 4.0 days
    await complaint('bygglov', ['treatment'], '2026-03-10T08:00:00.000Z', {
      answers: ['2026-03-25T20:00:00.000Z'],
      clock: 'met_late',
    }); // 15.5 days
    // 23:30 on 31 March, summer time: a March complaint; answered 7.5 days later, and again after a manager's review.
    await complaint('livsmedel', ['efficiency'], '2026-03-31T21:30:00.000Z', {
      answers: ['2026-04-08T09:30:00.000Z', '2026-04-20T09:00:00.000Z'],
      clock: 'met',
    });
    await complaint('livsmedel', ['competence'], '2026-04-15T08:00:00.000Z', { anonymous: true, clock: 'met' });
    await complaint('bygglov', ['treatment'], '2026-04-20T08:00:00.000Z');
    // 00:30 on 1 March in Stockholm: in the period; answered 2.5 days later.
    await complaint('naringsliv', ['information'], '2026-02-28T23:30:00.000Z', {
      answers: ['2026-03-03T11:30:00.000Z'],
      clock: 'met',
    });
    // 00:30 on 1 May: outside.
    await complaint('naringsliv', ['information'], '2026-04-30T22:30:00.000Z', {
      answers: ['2026-05-03T11:30:00.000Z'],
      clock: 'met',
    });
  });

  const c = (
    groupBy: string,
    key: string | null,
    received: number,
    anonymous: number,
    answered: number,
    answeredWithinGuarantee: number,
    medianDays: number | null,
    p90Days: number | null,
  ) => ({
    groupBy,
    key,
    received,
    anonymous,
    answered,
    answeredWithinGuarantee,
    medianDays,
    p90Days,
  });

  it('counts complaints per subject and unit with answer times and answers within the guarantee', async () => {
    const body = await get(app, manager, '/api/reports/complaints?from=2026-03&to=2026-04');

    expect(body.rows.map(({ groupByLabel: _g, label: _l, ...rest }: any) => rest)).toEqual([
      c('subject', 'competence', 1, 1, 0, 0, null, null),
      // 4.0 and 7.5: median 5.75, p90 4.0 + 0.9 · 3.5 = 7.15, both half up.
      c('subject', 'efficiency', 2, 0, 2, 2, 5.8, 7.2),
      c('subject', 'information', 1, 0, 1, 1, 2.5, 2.5),
      // 4.0 and 15.5: median 9.75, p90 4.0 + 0.9 · 11.5 = 14.35.
      c('subject', 'treatment', 3, 0, 2, 1, 9.8, 14.4),
      c('unit', 'bygglov', 3, 0, 2, 1, 9.8, 14.4),
      c('unit', 'livsmedel', 2, 1, 1, 1, 7.5, 7.5),
      c('unit', 'naringsliv', 1, 0, 1, 1, 2.5, 2.5),
      // 2.5, 4.0, 7.5, 15.5: median 5.75, p90 at rank 3.7: 7.5 + 0.7 · 8.0 = 13.1.
      c('total', null, 6, 1, 4, 3, 5.8, 13.1),
    ]);
    expect(body.rows[3]).toMatchObject({ groupByLabel: 'Ämne', label: 'Bemötande' });
    expect(body.rows[7]).toMatchObject({ groupByLabel: 'Alla klagomål', label: 'Alla' });
  });

  it('filters by unit, and has a CSV with the same figures', async () => {
    const body = await get(app, manager, '/api/reports/complaints?from=2026-03&to=2026-04&unit=livsmedel');
    expect(body.rows.map((r: any) => [r.groupBy, r.key, r.received])).toEqual([
      ['subject', 'competence', 1],
      ['subject', 'efficiency', 1],
      ['unit', 'livsmedel', 2],
      ['total', null, 2],
    ]);
    const all = await get(app, manager, '/api/reports/complaints?from=2026-03&to=2026-04');
    const { headers, rows } = await csvOf(app, manager, '/api/reports/complaints?from=2026-03&to=2026-04');
    expect(headers.get('content-disposition')).toContain(`filename*=UTF-8''klagom%C3%A5l-2026-03%E2%80%932026-04.csv`);
    expect(rows[0]).toEqual([
      'Indelning',
      'Ämne eller enhet',
      'Inkomna',
      'Varav anonyma',
      'Besvarade',
      'Besvarade inom garantin',
      'Svarstid median (dagar)',
      'Svarstid 90:e percentil (dagar)',
    ]);
    expect(rows.slice(1)).toEqual(
      all.rows.map((r: any) => [
        r.groupByLabel,
        r.label,
        ...[r.received, r.anonymous, r.answered, r.answeredWithinGuarantee, r.medianDays, r.p90Days].map(csvNumber),
      ]),
    );
    expect(rows[4]).toEqual(['Ämne', 'Bemötande', '3', '0', '2', '1', '9,8', '14,4']);
  });
});

describe('approximate NKI report', () => {
  const {
    app,
    users: { manager },
  } = useTestApp({ users: { manager: ['manager', 'bygglov'] } });
  beforeAll(async () => {
    // Period January–June 2026; the six months before it are July–December 2025.
    await insertAnswers(app, 5, {
      area: 'bygglov',
      closedMonth: '2026-01',
      nki: [8, 8, 8],
      factors: { bemotande: 5, information: 4 },
    });
    await insertAnswers(app, 1, {
      area: 'bygglov',
      closedMonth: '2026-06',
      nki: [9, 9, 8],
      factors: { bemotande: 5, information: 4 },
    });
    await insertAnswers(app, 4, { area: 'bygglov', closedMonth: '2026-03', nki: [9, 9, 8], factors: { bemotande: 5 } });
    await insertAnswers(app, 10, { area: 'bygglov', closedMonth: '2025-07', nki: [7, 7, 7] });
    await insertAnswers(app, 6, { area: 'livsmedel', closedMonth: '2026-02', nki: [6, 6, 6] });
    await insertAnswers(app, 3, { area: 'serveringstillstand', closedMonth: '2026-04', nki: [4, 4, 4] });
    await insertAnswers(app, 5, { area: 'serveringstillstand', closedMonth: '2026-04', nki: [1, 1, 1] });
    await insertAnswers(app, 7, {
      area: 'brandskydd',
      unit: 'raddningstjanst',
      closedMonth: '2026-05',
      nki: [10, 10, 10],
    });
    // Outside both periods.
    await insertAnswers(app, 3, { area: 'bygglov', closedMonth: '2026-07', nki: [1, 1, 1] });
    await insertAnswers(app, 3, { area: 'bygglov', closedMonth: '2025-06', nki: [1, 1, 1] });
  });

  const pick = (rows: any[], area: string, measure: string) => {
    const row = rows.find((r) => r.area === area && r.measure === measure);
    const { answers, value, band, previousAnswers, previousValue, change, note } = row;
    return { answers, value, band, previousAnswers, previousValue, change, note };
  };

  it('converts, averages and rounds half up, with the bands and the 7 and 10 answer rules', async () => {
    const body = await get(app, manager, '/api/reports/nki?from=2026-01&to=2026-06');
    const rows = body.rows;

    expect(body).toMatchObject({
      previousPeriod: { from: '2025-07', to: '2025-12' },
      minAnswers: 7,
      minAnswersForComparison: 10,
    });
    expect([...new Set(rows.map((r: any) => r.area))]).toEqual([
      'bygglov',
      'livsmedel',
      'serveringstillstand',
      'insikt-total',
      'brandskydd',
    ]);
    expect(rows.filter((r: any) => r.area === 'bygglov').map((r: any) => r.measure)).toEqual([
      'nki',
      'information',
      'tillganglighet',
      'bemotande',
      'kompetens',
      'rattssakerhet',
      'effektivitet',
    ]);

    // Σ(o + e + i − 3) = 5 · 21 + 5 · 23 = 220 over 10: 100 · 220 / 270 = 81.5 → 81. Before: 18 each, 66.7 → 67.
    expect(pick(rows, 'bygglov', 'nki')).toEqual({
      answers: 10,
      value: 81,
      band: 'mycket_hogt',
      previousAnswers: 10,
      previousValue: 67,
      change: 14,
      note: null,
    });
    // 5 on the 1–6 scale is (5 − 1) / 5 · 100 = 80: "högt" (70–80). No answers before: no comparison.
    expect(pick(rows, 'bygglov', 'bemotande')).toMatchObject({
      answers: 10,
      value: 80,
      band: 'hogt',
      previousAnswers: 0,
      previousValue: null,
      change: null,
    });
    expect(pick(rows, 'bygglov', 'bemotande').note).toMatch(/^Färre än 10 svar/);
    // Six answers to the information factor: too few to show.
    expect(pick(rows, 'bygglov', 'information')).toEqual({
      answers: 6,
      value: null,
      band: null,
      previousAnswers: 0,
      previousValue: null,
      change: null,
      note: 'Färre än 7 svar: inget resultat visas.',
    });
    expect(pick(rows, 'bygglov', 'kompetens')).toMatchObject({ answers: 0, value: null });
    expect(pick(rows, 'livsmedel', 'nki')).toMatchObject({
      answers: 6,
      value: null,
      band: null,
      note: 'Färre än 7 svar: inget resultat visas.',
    });
    // 3 · 9 + 5 · 0 = 27 over 8 answers: 100 · 27 / 216 = 12.5 exactly, half up 13.
    expect(pick(rows, 'serveringstillstand', 'nki')).toMatchObject({
      answers: 8,
      value: 13,
      band: 'mycket_lagt',
      previousValue: null,
    });
    // The four areas together, over respondents: (220 + 6 · 15 + 27) / 24 answers = 100 · 337 / 648 = 52.0;
    // before, only bygglov's 10: 67.
    expect(pick(rows, 'insikt-total', 'nki')).toEqual({
      answers: 24,
      value: 52,
      band: 'lagt',
      previousAnswers: 10,
      previousValue: 67,
      change: -15,
      note: null,
    });
    expect(pick(rows, 'brandskydd', 'nki')).toMatchObject({
      answers: 7,
      value: 100,
      band: 'mycket_hogt',
      change: null,
    });
    expect(rows.find((r: any) => r.area === 'insikt-total')).toMatchObject({
      areaLabel: 'Insikt totalt (fyra områden)',
      areaGroup: 'total',
    });
    expect(rows.find((r: any) => r.area === 'brandskydd')).toMatchObject({
      areaGroup: 'separate',
      measureLabel: 'NKI (ungefärligt)',
    });
  });

  it('filters by unit and area, and writes the bands in Swedish to CSV', async () => {
    const byUnit = await get(app, manager, '/api/reports/nki?from=2026-01&to=2026-06&unit=raddningstjanst');
    expect([...new Set(byUnit.rows.map((r: any) => r.area))]).toEqual(['brandskydd']);
    const { rows } = await csvOf(app, manager, '/api/reports/nki?from=2026-01&to=2026-06&category=bygglov');
    expect(rows[0]).toEqual([
      'Område',
      'Mått',
      'Antal svar',
      'Värde (0–100)',
      'Nivå',
      'Antal svar föregående period',
      'Värde föregående period',
      'Förändring',
      'Kommentar',
    ]);
    expect(rows[1]).toEqual(['Bygglov', 'NKI (ungefärligt)', '10', '81', 'Mycket högt', '10', '67', '14', '']);
    // With one area only, the Insikt total is that area's answers.
    expect(rows.filter((r) => r[0] === 'Insikt totalt (fyra områden)')[0]!.slice(0, 5)).toEqual([
      'Insikt totalt (fyra områden)',
      'NKI (ungefärligt)',
      '10',
      '81',
      'Mycket högt',
    ]);
  });
});

describe('company visits against the yearly target', () => {
  const {
    app,
    users: { coordinator },
  } = useTestApp({ now: '2026-11-20T09:00:00+01:00', users: { coordinator: 'coordinator' } });
  beforeAll(async () => {
    for (const day of ['2026-01-15', '2026-01-31', '2026-03-01', '2026-11-20', '2025-12-31'])
      await insertVisit(app, coordinator.id, day);
    await insertVisit(app, coordinator.id, null);
  });

  it('counts visits by visit date, month by month and cumulated, against 100 a year, up to the current month', async () => {
    const body = await get(app, coordinator, '/api/reports/visits?year=2026');

    expect(body).toMatchObject({ report: 'visits', year: 2026, target: 100, done: 4, donePercent: 4 });
    // The target to date is 100 · month / 12, rounded half up.
    expect(body.rows.map((r: any) => [r.month, r.done, r.cumulative, r.targetToDate, r.cumulativePercent])).toEqual([
      ['2026-01', 2, 2, 8, 2],
      ['2026-02', 0, 2, 17, 2],
      ['2026-03', 1, 3, 25, 3],
      ['2026-04', 0, 3, 33, 3],
      ['2026-05', 0, 3, 42, 3],
      ['2026-06', 0, 3, 50, 3],
      ['2026-07', 0, 3, 58, 3],
      ['2026-08', 0, 3, 67, 3],
      ['2026-09', 0, 3, 75, 3],
      ['2026-10', 0, 3, 83, 3],
      ['2026-11', 1, 4, 92, 4],
    ]);
  });

  it('spreads another yearly target over the months, rounding half up', async () => {
    const six = await startTestApp({ now: '2026-04-20T09:00:00+02:00', env: { VISITS_TARGET_PER_YEAR: '6' } });
    try {
      const user = await six.user('admin');
      await insertVisit(six, user.id, '2026-02-10');
      const body = await get(six, user, '/api/reports/visits?year=2026');
      expect(body).toMatchObject({ target: 6, done: 1, donePercent: 16.7 });
      // 6 · 1 / 12 = 0.5 → 1; 6 · 3 / 12 = 1.5 → 2; and 1 / 6 = 16.67 %.
      expect(body.rows.map((r: any) => [r.month, r.cumulative, r.targetToDate, r.cumulativePercent])).toEqual([
        ['2026-01', 0, 1, 0],
        ['2026-02', 1, 1, 16.7],
        ['2026-03', 1, 2, 16.7],
        ['2026-04', 1, 2, 16.7],
      ]);
    } finally {
      await six.close();
    }
  });

  it('shows a past year whole and a future one empty', async () => {
    const past = await get(app, coordinator, '/api/reports/visits?year=2025');
    expect(past.rows).toHaveLength(12);
    expect(past.rows[11]).toEqual({
      month: '2025-12',
      done: 1,
      cumulative: 1,
      targetToDate: 100,
      cumulativePercent: 1,
    });
    expect(past).toMatchObject({ done: 1, donePercent: 1 });
    const future = await get(app, coordinator, '/api/reports/visits?year=2027');
    expect(future).toMatchObject({ rows: [], done: 0, donePercent: 0 });
    const { rows } = await csvOf(app, coordinator, '/api/reports/visits?year=2026');
    expect(rows[0]).toEqual(['Månad', 'Genomförda besök', 'Hittills i år', 'Målet hittills', 'Andel av årsmålet (%)']);
    expect(rows[11]).toEqual(['2026-11', '1', '4', '92', '4']);
  });
});
