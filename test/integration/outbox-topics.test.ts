import { describe, expect, it } from 'vitest';
import { dispatchOutbox } from '../../src/application/dispatch-outbox.js';
import { jobIdOf } from '../../src/domain/wake-ups.js';
import { insertOutbox } from '../../src/infra/db/audit-repository.js';
import { parseJson } from '../../src/infra/db/rows.js';
import { mailJobId } from '../../src/infra/queue/job-payloads.js';
import { companyCaseBody, register, send } from '../support/fixtures.js';
import { runJobNow } from '../support/jobs.js';
import { useTestApp } from '../support/use-test-app.js';
import { eventually } from '../support/wait.js';

describe('the outbox topics', () => {
  const { app } = useTestApp();

  it('reads each row by its topic, and passes over a retired topic and a payload its schema refuses', async () => {
    const now = app.clock.now().toISOString();
    const db = app.ctx.db;
    await db.transaction(async (trx) => {
      await insertOutbox(trx, 'mail.send', null, { key: 'outbox-topic-good', deliverAfter: now }, now);
      await insertOutbox(trx, 'mail.send', null, { key: 'outbox-topic-retry', deliverAfter: now, attempts: 2 }, now);
      // @ts-expect-error: a payload is its topic's own
      await insertOutbox(trx, 'mail.send', null, { deadlineId: 'x', version: 1 }, now);
      // @ts-expect-error: a topic no one reads cannot be written
      await insertOutbox(trx, 'case.registered', null, { caseId: 'x' }, now);
    });
    expect(await dispatchOutbox(app.ctx)).toBe(4);
    expect(await db('outbox').whereNull('dispatched_at')).toEqual([]);
    expect(await app.ctx.queues.mail.getJob(mailJobId('outbox-topic-good', 0))).toBeTruthy();
    expect(await app.ctx.queues.mail.getJob(mailJobId('outbox-topic-retry', 2))).toBeTruthy();
    expect(app.logLines.filter((l) => l.includes('outbox row skipped: bad payload'))).toHaveLength(1);
    expect(await dispatchOutbox(app.ctx)).toBe(0);
  });
});

describe('a breached clock asks for its escalations through the outbox', () => {
  // tisdag 24 november 2026, 10:00 in Stockholm.
  const { app } = useTestApp({ now: '2026-11-24T10:00:00+01:00', worker: true });

  it('writes the first escalation as a follow-up row in the breach, and the next one in the escalation', async () => {
    const admin = await app.user('admin');
    const desk = await app.user('registrar');
    const officer = await app.user('officer', 'naringsliv');
    const created = await app.request('POST', '/api/guarantees', {
      token: admin.token,
      body: {
        code: 'foljd',
        definition: {
          label: 'Svar inom tio sekunder',
          kind: 'company_case',
          category: 'ovrigt',
          clock: 'custom_foljd',
          length: { value: 10 / 3600, unit: 'hours' },
          startsOn: { event: 'REGISTERED' },
          stopsOn: ['decided'],
          pausesIn: ['awaiting_complement'],
          warnings: [],
          onBreach: ['notify_manager'],
        },
      },
    });
    expect(created.status).toBe(201);
    const c = await register(app, desk, companyCaseBody({ category: 'ovrigt', subject: 'Följdjobb' }));
    await send(app, desk, c.id, 'ROUTE', { unit: 'naringsliv' });
    await send(app, officer, c.id, 'ASSIGN', { assigneeId: officer.id });
    const started = await send(app, officer, c.id, 'START');
    const dl = started.deadlines.find((d: any) => d.clock === 'custom_foljd')!;
    const followUps = async () =>
      (await app.ctx.db('outbox').where({ topic: 'deadline.follow_up', case_id: c.id }).orderBy('id')).map((r: any) =>
        parseJson(r.payload),
      );

    app.clock.advance(11_000);
    expect(await runJobNow(app, jobIdOf(dl.id, dl.version, 'due'))).toEqual({ result: 'breached' });
    const first = { deadlineId: dl.id, version: dl.version + 1, point: 'esc-2026-11-25' };
    expect(await followUps()).toEqual([expect.objectContaining(first)]);
    // The job comes from the row, with no reconciler run.
    await eventually(
      () => app.ctx.queues.deadlines.getJob(jobIdOf(dl.id, dl.version + 1, 'esc-2026-11-25')),
      Boolean,
      'the first escalation job',
    );

    app.clock.set('2026-11-25T08:00:00+01:00');
    expect(await runJobNow(app, jobIdOf(dl.id, dl.version + 1, 'esc-2026-11-25'))).toEqual({ result: 'escalated' });
    expect(await followUps()).toEqual([
      expect.objectContaining(first),
      expect.objectContaining({ deadlineId: dl.id, version: dl.version + 1, point: 'esc-2026-11-26' }),
    ]);
    await eventually(
      () => app.ctx.queues.deadlines.getJob(jobIdOf(dl.id, dl.version + 1, 'esc-2026-11-26')),
      Boolean,
      'the next escalation job',
    );
    expect(await app.ctx.db('outbox').where({ topic: 'deadline.breached' })).toEqual([]);
  });
});
