import { beforeAll, describe, expect, it } from 'vitest';
import { staffAccount, StaffBrowser, type StaffAccount } from '../support/staff-web.js';
import { companyCaseBody, register } from '../support/fixtures.js';
import { findEscalation, contextOf } from '../../src/infra/db/escalation-repository.js';
import { useTestApp } from '../support/use-test-app.js';

/** A form post with repeated fields (checkboxes), which a plain record cannot hold. */
const postPairs = (b: StaffBrowser, path: string, pairs: [string, string][]) =>
  b.request(
    'POST',
    path,
    new URLSearchParams([['_csrf', b.csrf], ...pairs]).toString() as unknown as Record<string, string>,
  );

const versionOf = (text: string) => /name="version" value="(\d+)"/.exec(text)?.[1] ?? '';

describe('Dukat bord in the staff app', () => {
  let coordinator: StaffBrowser;

  // Monday 23 November 2026, 09:00 in Stockholm.
  const {
    app,
    users: { deskApi, coordinatorApi },
    accounts: { bo, lisa, sara },
  } = useTestApp({
    staff: true,
    now: '2026-11-23T09:00:00+01:00',
    users: { deskApi: 'registrar', coordinatorApi: 'coordinator' },
    accounts: {
      bo: ['officer', { unit: 'bygglov', name: 'Bo Bygg' }],
      lisa: ['officer', { unit: 'livsmedel', name: 'Lisa Livs' }],
      sara: ['coordinator', { name: 'Sara Samordnare' }],
    },
  });
  beforeAll(async () => {
    for (const [u, unit, title] of [
      [bo, 'bygglov', 'Bygglovshandläggare'],
      [lisa, 'livsmedel', 'Livsmedelsinspektör'],
    ] as const) {
      expect(
        (
          await app.request('PUT', `/api/service-group/units/${unit}/members/${u.id}`, {
            token: coordinatorApi.token,
            body: { title },
          })
        ).status,
      ).toBe(200);
    }
  });

  // A fresh login per test: a test that moves the clock months ahead ends the sessions it had.
  const loginAs = async (account: StaffAccount) => {
    const b = new StaffBrowser(app);
    await b.login(account.email, account.password);
    return b;
  };

  async function requestTable(company: { orgNumber: string; name: string }) {
    const servering = await register(
      app,
      deskApi,
      companyCaseBody({
        category: 'serveringstillstand',
        subject: 'Serveringstillstånd för restaurang',
        company,
        contact: { name: 'Greta Gås', email: 'greta@gasen.example' },
      }),
    );
    const res = await app.request('POST', '/api/escalations', {
      token: deskApi.token,
      body: { caseId: servering.id, reason: 'Tre enheter ställer krav på samma lokal.' },
    });
    expect(res.status).toBe(201);
    return { id: res.body.id as string, servering };
  }

  const step = async (b: StaffBrowser, id: string, type: string, fields: [string, string][] = []) => {
    const page = await b.get(`/dukat-bord/${id}`);
    return postPairs(b, `/dukat-bord/${id}/handelser`, [['type', type], ['version', versionOf(page.text)], ...fields]);
  };

  it('takes a table from request through booking in Stockholm time to the outcome and its actions', async () => {
    coordinator = await loginAs(sara);
    const { id, servering } = await requestTable({ orgNumber: '556677-8899', name: 'Krogen Gyllene Gåsen AB' });

    const list = await coordinator.get('/dukat-bord');
    expect(list.status).toBe(200);
    expect(list.text).toContain(`<th scope="row"><a href="/dukat-bord/${id}">Krogen Gyllene Gåsen AB</a></th>`);
    expect(list.text).toContain('måndag 7 december 2026');

    const requested = await coordinator.get(`/dukat-bord/${id}`);
    expect(requested.text).toContain('<h3>Ta emot begäran</h3>');
    expect(requested.text).toContain('<h3>Avböj begäran</h3>');
    expect(requested.text).not.toContain('<h3>Boka mötet</h3>');
    expect(requested.text).toContain(`<a href="/arenden/${servering.id}">${servering.reference}</a>`);
    expect(requested.text).toContain('Tre enheter ställer krav på samma lokal.');

    const accepted = await step(coordinator, id, 'ACCEPT');
    expect(accepted.status).toBe(303);
    expect(accepted.location).toBe(`/dukat-bord/${id}?klart=sparat`);

    // The units' members are offered, already ticked as the register suggests them.
    const composing = await coordinator.get(`/dukat-bord/${id}`);
    expect(composing.text).toContain('Bo Bygg, Bygglovshandläggare (Bygglov)');
    expect(composing.text).toMatch(
      new RegExp(
        `id="set-participants-participants-${bo.id}" name="set-participants-participants" value="${bo.id}" checked`,
      ),
    );
    expect(
      (
        await step(coordinator, id, 'SET_PARTICIPANTS', [
          ['set-participants-participants', bo.id],
          ['set-participants-participants', lisa.id],
        ])
      ).status,
    ).toBe(303);

    const badTime = await step(coordinator, id, 'SCHEDULE', [
      ['schedule-date', '2026-11-27'],
      ['schedule-start', '25.00'],
      ['schedule-end', '11.30'],
      ['schedule-location', 'Rådhuset, sal 3'],
    ]);
    expect(badTime.status).toBe(400);
    expect(badTime.text).toContain('<a href="#schedule-start">Börjar: Ange när mötet börjar, till exempel 10.00.</a>');
    expect(badTime.text).toContain('value="Rådhuset, sal 3"');

    // Every problem at once, in the order of the fields: a day already passed (it is Monday 23
    // November), an end before the start and a link that is not https, not only the last two.
    const badAll = await step(coordinator, id, 'SCHEDULE', [
      ['schedule-date', '2026-11-20'],
      ['schedule-start', '11.00'],
      ['schedule-end', '10.00'],
      ['schedule-location', 'Rådhuset, sal 3'],
      ['schedule-video', 'http://mote.example'],
    ]);
    expect(badAll.status).toBe(400);
    const summary = [...badAll.text.matchAll(/<a href="#(schedule-[a-z]+)">/g)].map((m) => m[1]);
    expect(summary).toEqual(['schedule-date', 'schedule-end', 'schedule-video']);
    expect(badAll.text).toContain('<a href="#schedule-date">Datum: Mötet måste ligga i framtiden.</a>');

    const booked = await step(coordinator, id, 'SCHEDULE', [
      ['schedule-date', '2026-11-27'],
      ['schedule-start', '10.00'],
      ['schedule-end', '11:30'],
      ['schedule-location', 'Rådhuset, sal 3'],
    ]);
    expect(booked.status).toBe(303);
    const stored = contextOf((await findEscalation(app.ctx.db, id))!);
    // 10.00 in Stockholm in November is 09.00 UTC, whatever zone the server runs in.
    expect(stored.meeting).toMatchObject({
      startsAt: '2026-11-27T09:00:00.000Z',
      endsAt: '2026-11-27T10:30:00.000Z',
      location: 'Rådhuset, sal 3',
    });
    const scheduled = await coordinator.get(`/dukat-bord/${id}?klart=sparat`);
    expect(scheduled.text).toContain('Steget är sparat.');
    expect(scheduled.text).toContain('fredag 27 november 2026 kl. 10.00–11.30, Rådhuset, sal 3');
    expect(scheduled.text).toContain('<h3>Boka om mötet</h3>');

    // Moved into summer time: 13.00 in June is 11.00 UTC.
    expect(
      (
        await step(coordinator, id, 'RESCHEDULE', [
          ['reschedule-date', '2027-06-01'],
          ['reschedule-start', '13.00'],
          ['reschedule-end', '14.00'],
          ['reschedule-video', 'https://mote.kommun.example/dukat-bord'],
          ['reschedule-participants', bo.id],
          ['reschedule-participants', lisa.id],
        ])
      ).status,
    ).toBe(303);
    expect(contextOf((await findEscalation(app.ctx.db, id))!).meeting).toMatchObject({
      startsAt: '2027-06-01T11:00:00.000Z',
      endsAt: '2027-06-01T12:00:00.000Z',
      videoUrl: 'https://mote.kommun.example/dukat-bord',
    });
    expect((await coordinator.get(`/dukat-bord/${id}`)).text).toContain('tisdag 1 juni 2027 kl. 13.00–14.00');

    // After the meeting; the idle session ended with the months that passed.
    app.clock.set('2027-06-01T14:30:00+02:00');
    coordinator = await loginAs(sara);
    expect(
      (
        await step(coordinator, id, 'HOLD', [
          ['hold-attendees', bo.id],
          ['hold-attendees', lisa.id],
          ['hold-company', 'ja'],
        ])
      ).status,
    ).toBe(303);
    const noOwner = await step(coordinator, id, 'RECORD_OUTCOME', [
      ['outcome-summary', 'Ni skickar en reviderad planritning.'],
      ['outcome-action-1-description', 'Skicka reviderad planritning'],
      ['outcome-action-1-due', '2027-06-04'],
    ]);
    expect(noOwner.status).toBe(400);
    expect(noOwner.text).toContain(
      '<a href="#outcome-action-1-owner">Åtgärd 1, Ansvarig: Ange en ansvarig: en tjänsteperson eller företaget.</a>',
    );
    const outcome = await step(coordinator, id, 'RECORD_OUTCOME', [
      ['outcome-summary', 'Ni skickar en reviderad planritning. Bo bokar ett platsbesök.'],
      ['outcome-notes', 'Ventilationen är den svåra frågan.'],
      ['outcome-action-1-description', 'Skicka reviderad planritning'],
      ['outcome-action-1-owner', 'company'],
      ['outcome-action-1-due', '2027-06-04'],
      ['outcome-action-3-description', 'Boka gemensamt platsbesök'],
      ['outcome-action-3-owner', bo.id],
      ['outcome-action-3-due', '2027-06-08'],
    ]);
    expect(outcome.status).toBe(303);
    const row = (await findEscalation(app.ctx.db, id))!;
    expect(row.status).toBe('follow_up');
    expect(contextOf(row).outcome).toEqual({
      notes: 'Ventilationen är den svåra frågan.',
      summary: 'Ni skickar en reviderad planritning. Bo bokar ett platsbesök.',
    });
    const actions = await app.ctx.db('escalation_actions').where({ escalation_id: id }).orderBy('position');
    expect(actions.map((a: { description: string; due_date: string }) => [a.description, a.due_date])).toEqual([
      ['Skicka reviderad planritning', '2027-06-04'],
      ['Boka gemensamt platsbesök', '2027-06-08'],
    ]);

    // Bo marks his own action done; only his has the button on his page.
    const boBrowser = await loginAs(bo);
    const boPage = await boBrowser.get(`/dukat-bord/${id}`);
    expect(boPage.status).toBe(200);
    expect(boPage.text).not.toContain('Nästa steg');
    expect(boPage.text).toContain('Markera ”Boka gemensamt platsbesök” som klar');
    expect(boPage.text).not.toContain('Markera ”Skicka reviderad planritning” som klar');
    const boAction = actions.find((a: { owner_user_id: string | null }) => a.owner_user_id === bo.id)!;
    const companyAction = actions.find((a: { owner_is_company: unknown }) => Boolean(a.owner_is_company))!;
    const refused = await boBrowser.post(`/dukat-bord/${id}/atgarder/${companyAction.id}/klar`, {});
    expect(refused.status).toBe(403);
    expect(
      (await boBrowser.post(`/dukat-bord/${id}/atgarder/${boAction.id}/klar`, { note: 'Besök bokat 10 juni.' }))
        .location,
    ).toBe(`/dukat-bord/${id}?klart=klar`);
    expect((await coordinator.post(`/dukat-bord/${id}/atgarder/${companyAction.id}/klar`, {})).status).toBe(303);
    expect((await findEscalation(app.ctx.db, id))!.status).toBe('closed');
    const closed = await coordinator.get(`/dukat-bord/${id}`);
    expect(closed.text).toContain('<dt>Läge</dt><dd>Avslutat</dd>');
    expect(closed.text).not.toContain('Nästa steg');
  });

  it('gives a role that may not run tables no forms and refuses its posts, and refuses a post without the form token', async () => {
    app.clock.set('2026-11-23T09:00:00+01:00');
    coordinator = await loginAs(sara);
    const { id } = await requestTable({ orgNumber: '212000-0142', name: 'Kommunens Testbolag AB' });
    expect((await step(coordinator, id, 'ACCEPT')).status).toBe(303);
    expect((await step(coordinator, id, 'SET_PARTICIPANTS', [['set-participants-participants', bo.id]])).status).toBe(
      303,
    );

    const deskAccount = await staffAccount(app, 'registrar');
    const desk = new StaffBrowser(app);
    await desk.login(deskAccount.email, deskAccount.password);
    const seen = await desk.get(`/dukat-bord/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.text).not.toContain('<form method="post" action="/dukat-bord/');
    expect(seen.text).not.toContain('Boka mötet');
    const before = await findEscalation(app.ctx.db, id);
    const refused = await postPairs(desk, `/dukat-bord/${id}/handelser`, [
      ['type', 'SCHEDULE'],
      ['version', String(before!.version)],
      ['schedule-date', '2026-11-27'],
      ['schedule-start', '10.00'],
      ['schedule-end', '11.00'],
      ['schedule-location', 'Rådhuset'],
    ]);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('<h1>Ingen behörighet</h1>');

    // An officer of another unit, not at the table, does not learn that it exists.
    const other = await staffAccount(app, 'officer', { unit: 'upphandling' });
    const otherBrowser = new StaffBrowser(app);
    await otherBrowser.login(other.email, other.password);
    expect((await otherBrowser.get(`/dukat-bord/${id}`)).status).toBe(404);
    expect((await otherBrowser.get('/dukat-bord')).text).not.toContain(id);

    const noToken = await coordinator.request('POST', `/dukat-bord/${id}/handelser`, {
      type: 'SCHEDULE',
      version: String(before!.version),
      'schedule-date': '2026-11-27',
      'schedule-start': '10.00',
      'schedule-end': '11.00',
      'schedule-location': 'Rådhuset',
    });
    expect(noToken.status).toBe(403);
    expect(noToken.text).toContain('<h1>Formuläret kunde inte skickas</h1>');
    expect(await findEscalation(app.ctx.db, id)).toEqual(before);

    // A stale version: the page comes back as it is now, nothing written.
    const stale = await postPairs(coordinator, `/dukat-bord/${id}/handelser`, [
      ['type', 'CANCEL'],
      ['version', '1'],
      ['cancel-reason', 'Behövs inte.'],
    ]);
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Bordet har ändrats sedan du öppnade sidan.');
  });

  it('declines a request with a reason, and asks for the reason when it is missing', async () => {
    coordinator = await loginAs(sara);
    const { id } = await requestTable({ orgNumber: '556036-0793', name: 'Saab AB' });
    const missing = await step(coordinator, id, 'DECLINE', [['decline-reason', '']]);
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('<a href="#decline-reason">Skäl: Fyll i fältet.</a>');
    expect(missing.text).toMatch(
      /<textarea id="decline-reason"[^>]* autofocus aria-describedby="decline-reason-error" aria-invalid="true">/,
    );
    expect((await step(coordinator, id, 'DECLINE', [['decline-reason', 'Ärendet gäller bara en enhet.']])).status).toBe(
      303,
    );
    const row = (await findEscalation(app.ctx.db, id))!;
    expect(row.status).toBe('declined');
    expect((await coordinator.get('/dukat-bord?status=declined')).text).toContain(`href="/dukat-bord/${id}"`);
    expect((await coordinator.get('/dukat-bord')).text).not.toContain(`href="/dukat-bord/${id}"`);
  });
});
