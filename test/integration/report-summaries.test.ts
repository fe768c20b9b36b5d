import { describe, expect, it } from 'vitest';
import { rebuildReportSummaries } from '../../src/infra/db/report-summaries.js';
import { runJobNow } from '../support/jobs.js';
import { companyCaseBody, register, send } from '../support/fixtures.js';
import { type TestApp, type TestUser } from '../support/test-app.js';
import { useTestApp } from '../support/use-test-app.js';

// The guarantee and lead-time reports read summary rows the database keeps with triggers
// (src/infra/db/report-summaries.ts). These cases move through the lifecycle and the deadline
// job, the way the summaries change in use: a breach that is later met, a case routed to
// another unit after one of its clocks stopped, a reopened case decided twice.

const get = async (app: TestApp, user: TestUser, path: string) => {
  const res = await app.request('GET', path, { token: user.token });
  expect(res.status, JSON.stringify(res.body).slice(0, 600)).toBe(200);
  return res.body;
};
const clocks = (body: any) =>
  body.rows.map((r: any) => [r.month, r.categoryLabel, r.clock, r.met, r.metLate, r.breached]);
const decision = { outcome: 'approved', reasoning: 'Åtgärden följer detaljplanen.' };

async function summaries(app: TestApp) {
  const counts = await app.ctx
    .db('guarantee_month_counts')
    .select('month', 'category', 'unit', 'clock', 'met', 'met_late', 'breached')
    .whereRaw('met <> 0 OR met_late <> 0 OR breached <> 0')
    .orderBy(['month', 'category', 'unit', 'clock']);
  const decisions = await app.ctx.db('decision_lead_times').select('*').orderBy('case_id');
  const plain = (rows: Record<string, unknown>[]) =>
    rows.map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [
          k,
          typeof v === 'string' && /^-?\d+$/.test(v) && k !== 'month' ? Number(v) : v,
        ]),
      ),
    );
  return { counts: plain(counts), decisions: plain(decisions) };
}

describe('report summaries kept by the database', () => {
  const {
    app,
    users: { desk, officer, miljo, manager },
  } = useTestApp({
    now: '2026-03-02T10:00:00+01:00',
    worker: true,
    users: {
      desk: 'registrar',
      officer: ['officer', 'bygglov'],
      miljo: ['officer', 'miljo-halsoskydd'],
      manager: ['manager', 'bygglov'],
    },
  });

  it('counts a breach in the month it broke, and moves it to the month the clock stopped late', async () => {
    const c = await register(app, desk, companyCaseBody({ subject: 'Tillbyggnad av verkstad' }));
    await send(app, desk, c.id, 'ROUTE', { unit: 'bygglov' });
    await send(app, officer, c.id, 'ASSIGN', { assigneeId: officer.id });
    await send(app, officer, c.id, 'START');
    const clock = await app.ctx.db('deadlines').where({ case_id: c.id, clock: 'decision' }).first();
    // Ten weeks from Monday 2 March 2026: due at the end of Monday 11 May 2026.
    expect(clock.due_date).toBe('2026-05-11');

    app.clock.set('2026-05-12T08:00:00+02:00');
    await app.reconcile();
    expect(await runJobNow(app, `dl-${clock.id}-v${clock.version}-due`)).toEqual({ result: 'breached' });
    const may = await get(app, manager, '/api/reports/guarantees?from=2026-03&to=2026-06&unit=bygglov');
    expect(clocks(may)).toEqual([
      ['2026-03', 'Bygglov', 'first_contact', 1, 0, 0],
      ['2026-05', 'Bygglov', 'decision', 0, 0, 1],
      [null, 'Bygglov', 'decision', 0, 0, 1],
      [null, 'Bygglov', 'first_contact', 1, 0, 0],
    ]);

    app.clock.set('2026-06-03T14:00:00+02:00');
    await send(app, officer, c.id, 'DECIDE', decision);
    const june = await get(app, manager, '/api/reports/guarantees?from=2026-03&to=2026-06&unit=bygglov');
    expect(clocks(june)).toEqual([
      ['2026-03', 'Bygglov', 'first_contact', 1, 0, 0],
      ['2026-06', 'Bygglov', 'decision', 0, 1, 0],
      [null, 'Bygglov', 'decision', 0, 1, 0],
      [null, 'Bygglov', 'first_contact', 1, 0, 0],
    ]);
    // 2 March 10:00 CET to 3 June 14:00 CEST: 93 days 3 hours, 93.1 days, from registration and from the complete application.
    const leadTimes = await get(app, manager, '/api/reports/lead-times?from=2026-06&to=2026-06&unit=bygglov');
    expect(leadTimes.rows.map((r: any) => [r.month, r.category, r.fromReceived, r.fromComplete])).toEqual([
      ['2026-06', 'bygglov', { n: 1, medianDays: 93.1, p90Days: 93.1 }, { n: 1, medianDays: 93.1, p90Days: 93.1 }],
      [null, 'bygglov', { n: 1, medianDays: 93.1, p90Days: 93.1 }, { n: 1, medianDays: 93.1, p90Days: 93.1 }],
    ]);

    // Closed, reopened and decided again in July: the report keeps the first decision, in June.
    await send(app, officer, c.id, 'CLOSE');
    app.clock.set('2026-07-01T09:00:00+02:00');
    await send(app, officer, c.id, 'REOPEN', { reason: 'Sökanden har lämnat in nya ritningar.' });
    await send(app, officer, c.id, 'DECIDE', decision);
    const again = await get(app, manager, '/api/reports/lead-times?from=2026-06&to=2026-07&unit=bygglov');
    expect(again.rows.map((r: any) => [r.month, r.fromReceived.n])).toEqual([
      ['2026-06', 1],
      [null, 1],
    ]);
  });

  it('moves the counts with a case routed to another unit after its first clock stopped', async () => {
    app.clock.set('2026-08-03T09:00:00+02:00');
    const c = await register(
      app,
      desk,
      companyCaseBody({ category: 'miljo-halsoskydd', subject: 'Anmälan om verksamhet' }),
    );
    await send(app, desk, c.id, 'ROUTE', { unit: 'bygglov' });
    // The first contact is met when an officer takes the case.
    await send(app, officer, c.id, 'ASSIGN', { assigneeId: officer.id });
    const before = await get(app, manager, '/api/reports/guarantees?from=2026-08&to=2026-08&category=miljo-halsoskydd');
    expect(clocks(before)).toEqual([
      ['2026-08', 'Miljö- och hälsoskydd', 'first_contact', 1, 0, 0],
      [null, 'Miljö- och hälsoskydd', 'first_contact', 1, 0, 0],
    ]);
    expect((await get(app, manager, '/api/reports/guarantees?from=2026-08&to=2026-08&unit=bygglov')).rows).toHaveLength(
      2,
    );

    await send(app, officer, c.id, 'ROUTE', { unit: 'miljo-halsoskydd' });
    await send(app, miljo, c.id, 'ASSIGN', { assigneeId: miljo.id });
    expect((await get(app, manager, '/api/reports/guarantees?from=2026-08&to=2026-08&unit=bygglov')).rows).toEqual([]);
    const moved = await get(app, manager, '/api/reports/guarantees?from=2026-08&to=2026-08&unit=miljo-halsoskydd');
    expect(clocks(moved)).toEqual([
      ['2026-08', 'Miljö- och hälsoskydd', 'first_contact', 1, 0, 0],
      [null, 'Miljö- och hälsoskydd', 'first_contact', 1, 0, 0],
    ]);
  });

  it('holds the same rows as a rebuild from the deadlines and the audit trail', async () => {
    const kept = await summaries(app);
    expect(kept.counts.length).toBeGreaterThan(0);
    expect(kept.decisions).toHaveLength(1);
    const rebuilt = await rebuildReportSummaries(app.ctx.db);
    expect(rebuilt.decisions).toBe(1);
    const after = await summaries(app);
    expect(after).toEqual(kept);
  });
});
