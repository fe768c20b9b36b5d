import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../support/test-app.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { companyCaseBody, complaintBody, register, send } from '../support/fixtures.js';
import { staffAccount, StaffBrowser } from '../support/staff-web.js';
import { asJson, pathOf, publicView, trackingUrl } from './tracking-fixtures.js';
import { runJobNow } from '../support/jobs.js';
import { useTestApp } from '../support/use-test-app.js';

const form = (fields: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) p.append(k, one);
  return p.toString();
};

// Who handles a complaint: the manager of the unit it concerns, never the person it is about.
describe('complaint governance', () => {
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await startSmtpSink();
  });
  afterAll(async () => {
    await smtp.stop();
  });
  // Monday 23 November 2026, 09:00 in Stockholm: office hours, so staff mail goes at once.
  const {
    app,
    users: { desk, bo, eva, manager },
  } = useTestApp({
    staff: true,
    now: '2026-11-23T09:00:00+01:00',
    worker: true,
    late: () => ({ smtpUrl: smtp.url }),
    users: {
      desk: 'registrar',
      bo: ['officer', 'bygglov', 'Bo Bygg'],
      eva: ['officer', 'bygglov', 'Eva Ek'],
      manager: ['manager', 'bygglov', 'Maja Chef'],
    },
  });

  /** A bygglov case handled by Bo, whose company is not pleased with him. */
  async function bosCase(contact: { name: string; email: string }) {
    const c = await register(app, desk, companyCaseBody({ contact }));
    await send(app, desk, c.id, 'ROUTE', { unit: 'bygglov' });
    await send(app, bo, c.id, 'ASSIGN', { assigneeId: bo.id });
    return c;
  }
  const post = (user: TestUser, id: string, type: string, payload: Record<string, unknown>, version: number) =>
    app.request('POST', `/api/cases/${id}/events`, {
      token: user.token,
      body: { type, expectedVersion: version, ...payload },
    });

  it('filed from the tracking page: the company gets an acknowledgement, the manager is told, the officer it is about neither sees nor handles it', async () => {
    const contact = { name: 'Greta Gås', email: 'greta@gasen.example' };
    const c = await bosCase(contact);
    const url = await trackingUrl(app, desk, c.id);
    const { forms } = await publicView(app, url);
    const filed = await app.request('POST', `${pathOf(url)}/complaint`, {
      rawBody: form({
        formToken: forms.complaint.formToken,
        concerns: ['treatment'],
        description: 'Handläggaren lade på luren.',
      }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...asJson },
    });
    expect(filed.status).toBe(201);
    const reference = filed.body.reference as string;

    // The company: a mail that it has arrived, with what comes next and when.
    await smtp.waitFor(
      () => smtp.to(contact.email).some((m) => m.subject === `Ditt klagomål ${reference} har kommit in`),
      'the company’s acknowledgement',
    );
    const ack = smtp.to(contact.email).find((m) => m.subject === `Ditt klagomål ${reference} har kommit in`)!;
    expect(ack.text).toContain(
      `Ditt klagomål om handläggningen av ärende ${c.reference} har kommit in och har fått nummer ${reference}.`,
    );
    expect(ack.text).toContain('Nästa steg: vi berättar vem som utreder klagomålet, senast onsdag 25 november 2026.');
    expect(ack.text).toContain('Du får svar senast måndag 7 december 2026.');
    expect(ack.text).toContain(`Följ ditt klagomål: ${filed.body.trackingUrl}`);
    expect(ack.text).not.toContain('Följ ditt ärende');

    // The unit's manager is told; Bo, whom it is about, gets nothing about it.
    const managerEmail = manager.email;
    await smtp.waitFor(
      () => smtp.to(managerEmail).some((m) => m.subject === `Nytt klagomål: ${reference}`),
      'the manager’s notice',
    );
    const notice = smtp.to(managerEmail).find((m) => m.subject === `Nytt klagomål: ${reference}`)!;
    expect(notice.text).toContain(
      `Ett klagomål har kommit in till din enhet: "Klagomål om handläggningen av ${c.reference}".\n\nDet gäller bemötande i ärende ${c.reference}.\n`,
    );
    expect(notice.text).not.toMatch(/ \.|Det gäller:/);
    // In HTML the reference stays on one line.
    expect(notice.html).toContain(
      `Det gäller bemötande i ärende <span style="white-space:nowrap">${c.reference}</span>.`,
    );
    expect(notice.text).toContain(`Öppna klagomålet: http://localhost:3000/arenden/${reference}`);
    expect(notice.html).toContain(`<a href="http://localhost:3000/arenden/${reference}">`);
    const boEmail = bo.email;
    expect(smtp.to(boEmail).filter((m) => m.subject!.includes(reference))).toEqual([]);

    // Bo does not see it, by id or in any list, and cannot act on it or be given it.
    const complaint = (await app.request('GET', `/api/cases/${reference}`, { token: manager.token })).body;
    expect(complaint.unit).toBe('bygglov');
    expect((await app.request('GET', `/api/cases/${reference}`, { token: bo.token })).status).toBe(404);
    const listed = await app.request('GET', '/api/cases?kind=complaint&limit=100', { token: bo.token });
    expect(listed.body.items.map((i: { reference: string }) => i.reference)).not.toContain(reference);
    expect(
      (
        await post(
          bo,
          complaint.id,
          'WITHDRAW',
          { reason: 'Inget att utreda.', withdrawnBy: 'complainant' },
          complaint.version,
        )
      ).status,
    ).toBe(404);
    expect((await app.request('GET', `/api/cases/${c.id}/history`, { token: bo.token })).status).toBe(200);
    const toBo = await post(manager, complaint.id, 'ASSIGN', { assigneeId: bo.id }, complaint.version);
    expect(toBo.status).toBe(400);
    expect(toBo.body.errors).toEqual([
      { path: 'assigneeId', message: 'Klagomålet gäller den här handläggaren. Välj någon annan.' },
    ]);

    // Another officer of the unit sees it only once the manager hands it over.
    expect((await app.request('GET', `/api/cases/${reference}`, { token: eva.token })).status).toBe(404);
    const handed = await post(manager, complaint.id, 'ASSIGN', { assigneeId: eva.id }, complaint.version);
    expect(handed.status, JSON.stringify(handed.body)).toBe(200);
    const asEva = await app.request('GET', `/api/cases/${reference}`, { token: eva.token });
    expect(asEva.body.allowedEvents.sort()).toEqual(['ACKNOWLEDGE']);
  });

  it('the acknowledgement names who investigates: the manager who acknowledged it, or the officer it was given to', async () => {
    const contact = { name: 'Ines Is', email: 'ines@is.example' };
    const c = await bosCase(contact);
    const kept = await register(app, desk, complaintBody({ relatedCaseId: c.id, contact }));
    await send(app, manager, kept.id, 'ACKNOWLEDGE');
    const given = await register(app, desk, complaintBody({ relatedCaseId: c.id, contact }));
    await send(app, manager, given.id, 'ASSIGN', { assigneeId: eva.id });
    await send(app, eva, given.id, 'ACKNOWLEDGE');
    const subjectOf = (ref: string) => `Vi har tagit emot ditt klagomål ${ref}`;
    await smtp.waitFor(
      () => [kept, given].every((k) => smtp.to(contact.email).some((m) => m.subject === subjectOf(k.reference))),
      'both acknowledgements',
    );
    const text = (ref: string) => smtp.to(contact.email).find((m) => m.subject === subjectOf(ref))!.text!;
    expect(text(kept.reference)).toContain('Maja Chef utreder det.');
    expect(text(given.reference)).toContain('Eva Ek utreder det.');
    expect(text(kept.reference)).not.toContain('Vi utreder det nu.');

    const keptPage = await app.request('GET', pathOf(await trackingUrl(app, desk, kept.id)));
    expect(keptPage.body).toContain('<dt>Utreds av</dt><dd>Maja</dd>');
    expect((await publicView(app, await trackingUrl(app, desk, kept.id))).nextStep).toMatch(
      /^Maja utreder klagomålet\. Du får ett svar, senast /,
    );
    expect((await publicView(app, await trackingUrl(app, desk, given.id))).nextStep).toMatch(
      /^Eva utreder klagomålet\./,
    );
  });

  it('after "inte nöjd": its own guarantee clock, the manager told, and a second answer that promises no further round', async () => {
    const contact = { name: 'Hugo Hus', email: 'hugo@hus.example' };
    const c = await bosCase(contact);
    const complaint = await register(app, desk, complaintBody({ relatedCaseId: c.id, contact }));
    await send(app, manager, complaint.id, 'ASSIGN', { assigneeId: eva.id });
    await send(app, eva, complaint.id, 'ACKNOWLEDGE');
    await send(app, eva, complaint.id, 'START_INVESTIGATION');
    await send(app, eva, complaint.id, 'ANSWER', { answer: 'Vi ber om ursäkt.', measures: 'Vi ser över rutinen.' });
    // Two days later the complainant calls the desk: not satisfied.
    app.clock.set('2026-11-25T10:00:00+01:00');
    const review = await send(app, desk, complaint.id, 'DISSATISFIED', {
      reason: 'Ingen förklarade varför det tog så lång tid.',
    });
    expect(review.status).toBe('manager_review');
    // Ten working days from Wednesday 25 November: Wednesday 9 December.
    expect(review.deadlines.find((d: { clock: string }) => d.clock === 'complaint_review')).toMatchObject({
      state: 'running',
      dueDate: '2026-12-09',
      dueDateText: 'onsdag 9 december 2026',
      label: 'Ny prövning av en chef inom 10 arbetsdagar efter att du sagt att du inte är nöjd',
    });
    const managerEmail = manager.email;
    await smtp.waitFor(
      () => smtp.to(managerEmail).some((m) => m.subject === `Klaganden är inte nöjd: ${complaint.reference}`),
      'the manager’s review notice',
    );
    expect(
      smtp.to(managerEmail).find((m) => m.subject === `Klaganden är inte nöjd: ${complaint.reference}`)!.text,
    ).toContain('Ingen förklarade varför det tog så lång tid.');

    const url = await trackingUrl(app, desk, complaint.id);
    expect((await publicView(app, url)).nextStep).toBe(
      'En chef går igenom klagomålet och svaret du fick. Du får ett nytt svar, senast onsdag 9 december 2026.',
    );

    const answered = await send(app, manager, complaint.id, 'ANSWER', {
      answer: 'Jag har gått igenom ärendet och beklagar väntan.',
      measures: 'Handläggningstiden följs upp varje vecka.',
    });
    expect(answered.deadlines.find((d: { clock: string }) => d.clock === 'complaint_review')!.state).toBe('met');
    await smtp.waitFor(
      () =>
        smtp.to(contact.email).filter((m) => m.subject === `Svar på ditt klagomål ${complaint.reference}`).length === 2,
      'both answers',
    );
    const [first, second] = smtp
      .to(contact.email)
      .filter((m) => m.subject === `Svar på ditt klagomål ${complaint.reference}`);
    const texts = [first!.text!, second!.text!];
    const managers = texts.find((t) => t.includes('Jag har gått igenom ärendet'))!;
    const officers = texts.find((t) => t.includes('Vi ber om ursäkt.'))!;
    expect(officers).toContain('Då går en chef igenom klagomålet.');
    expect(managers).not.toContain('Då går en chef');
    expect(managers).toContain('Är du fortfarande inte nöjd kan du vända dig till Justitieombudsmannen (JO)');
    expect((await publicView(app, url)).nextStep).toContain('Justitieombudsmannen (JO)');
  });

  it('a withdrawal says who withdrew it, on the tracking page and in its history', async () => {
    const contact = { name: 'Ida Is', email: 'ida@is.example' };
    const c = await bosCase(contact);
    const byUs = await register(app, desk, complaintBody({ relatedCaseId: c.id, contact }));
    const byThem = await register(app, desk, complaintBody({ relatedCaseId: c.id, contact }));

    // Bo, whom both are about, cannot withdraw them; the manager can, saying it is the municipality's doing.
    expect(
      (await post(bo, byUs.id, 'WITHDRAW', { reason: 'x', withdrawnBy: 'municipality' }, byUs.version)).status,
    ).toBe(404);
    await send(app, manager, byUs.id, 'WITHDRAW', {
      reason: 'Det gäller ett beslut. Det överklagas i stället, så som beslutet beskriver.',
      withdrawnBy: 'municipality',
    });
    await send(app, desk, byThem.id, 'WITHDRAW', {
      reason: 'Klaganden ringde och tog tillbaka klagomålet.',
      withdrawnBy: 'complainant',
    });

    const ours = await publicView(app, await trackingUrl(app, desk, byUs.id));
    expect(ours).toMatchObject({
      status: { code: 'withdrawn', label: 'Kommunen har avslutat klagomålet' },
      nextStep: 'Vi har avslutat klagomålet utan att utreda det vidare. Skälet står nedan.',
      withdrawal: {
        by: 'municipality',
        reason: 'Det gäller ett beslut. Det överklagas i stället, så som beslutet beskriver.',
      },
    });
    expect(ours.history.at(-1).label).toBe('Kommunen avslutade klagomålet');
    const ourPage = await app.request('GET', pathOf(await trackingUrl(app, desk, byUs.id)));
    expect(ourPage.body).toContain('<h2 id="wd-h">Varför vi avslutade klagomålet</h2>');
    expect(ourPage.body).not.toContain('Klagomålet är återkallat');

    const theirs = await publicView(app, await trackingUrl(app, desk, byThem.id));
    expect(theirs).toMatchObject({
      status: { label: 'Du har återkallat klagomålet' },
      nextStep: 'Du har återkallat klagomålet. Vi gör inget mer i det.',
      withdrawal: { by: 'complainant', reason: null },
    });
    expect(theirs.history.at(-1).label).toBe('Du återkallade klagomålet');

    // Without saying who, nothing is withdrawn.
    const third = await register(app, desk, complaintBody({ relatedCaseId: c.id, contact }));
    const unsaid = await post(manager, third.id, 'WITHDRAW', { reason: 'Oklart.' }, third.version);
    expect(unsaid.status).toBe(400);
    expect(unsaid.body.errors).toEqual([
      { path: 'withdrawnBy', message: 'Ange vem som återkallar klagomålet: klaganden eller kommunen.' },
    ]);
  });
  it('on the case page, the manager says who withdraws it, and the page shows it', async () => {
    const contact = { name: 'Jon Jord', email: 'jon@jord.example' };
    const c = await bosCase(contact);
    const complaint = await register(app, desk, complaintBody({ relatedCaseId: c.id, contact }));
    const account = await staffAccount(app, 'manager', { unit: 'bygglov', name: 'Mona Chef' });
    const b = new StaffBrowser(app);
    await b.login(account.email, account.password);
    const page = await b.get(`/arenden/${complaint.reference}`);
    expect(page.text).toContain('<legend>Vem som återkallar klagomålet</legend>');
    // The officer it is about is not among those it can be handed to.
    const assignList = /<select id="assign-assigneeId"[\s\S]*?<\/select>/.exec(page.text)?.[0] ?? '';
    expect(assignList).toContain('Eva Ek');
    expect(assignList).not.toContain('Bo Bygg');
    const version = /name="type" value="WITHDRAW">\s*<input type="hidden" name="expectedVersion" value="(\d+)"/.exec(
      page.text,
    )?.[1];
    expect(version).toBeDefined();
    const unsaid = await b.post(`/arenden/${complaint.reference}/handelser`, {
      type: 'WITHDRAW',
      expectedVersion: version!,
      reason: 'Det är ett överklagande.',
    });
    expect(unsaid.status).toBe(400);
    expect(unsaid.text).toContain(
      '<p class="field-error" id="withdraw-withdrawnBy-error">Välj vem som återkallar klagomålet.</p>',
    );
    expect(unsaid.text).toContain(
      '<a href="#withdraw-withdrawnBy">Vem som återkallar klagomålet: Välj vem som återkallar klagomålet.</a>',
    );
    const done = await b.post(`/arenden/${complaint.reference}/handelser`, {
      type: 'WITHDRAW',
      expectedVersion: version!,
      reason: 'Det är ett överklagande.',
      withdrawnBy: 'municipality',
    });
    expect(done.status).toBe(303);
    const after = (await b.get(done.location!)).text;
    expect(after).toContain('<h3>Återkallat av kommunen</h3>');
    // The history says it too.
    expect(after).toContain('<p>Återkallat av: kommunen</p>');
  });
  it('about the manager: the manager neither sees it nor is told; another manager of the unit is', async () => {
    const c = await register(app, desk, companyCaseBody({ contact: { name: 'Kim Kund', email: 'kim@kund.example' } }));
    await send(app, desk, c.id, 'ROUTE', { unit: 'bygglov' });
    await send(app, manager, c.id, 'ASSIGN', { assigneeId: manager.id });
    const mats = await app.user('manager', 'bygglov', 'Mats Chef');
    const complaint = await register(
      app,
      desk,
      complaintBody({ relatedCaseId: c.id, contact: { name: 'Kim Kund', email: 'kim@kund.example' } }),
    );
    expect((await app.request('GET', `/api/cases/${complaint.id}`, { token: manager.token })).status).toBe(404);
    expect(
      (await app.request('GET', `/api/cases/${complaint.id}`, { token: mats.token })).body.allowedEvents,
    ).toContain('ACKNOWLEDGE');
    const matsEmail = mats.email;
    await smtp.waitFor(
      () => smtp.to(matsEmail).some((m) => m.subject === `Nytt klagomål: ${complaint.reference}`),
      'the other manager’s notice',
    );
    expect(smtp.to(manager.email).filter((m) => m.subject!.includes(complaint.reference))).toEqual([]);

    // Nobody acknowledges it: two working days from Wednesday 25 November (the file's clock by
    // now), the limit passes at the end of Friday 27 November. The breach notice goes to the
    // unit's managers, but not to the one it is about.
    const ack = await app.ctx.db('deadlines').where({ case_id: complaint.id, clock: 'complaint_ack' }).first();
    expect(ack.due_date).toBe('2026-11-27');
    app.clock.set('2026-11-30T09:00:00+01:00');
    await app.reconcile();
    expect(await runJobNow(app, `dl-${ack.id}-v${ack.version}-due`)).toEqual({ result: 'breached' });
    const breach = `Servicegarantin har inte hållits i ${complaint.reference}`;
    await smtp.waitFor(
      () => smtp.to(matsEmail).some((m) => m.subject === breach),
      'the breach notice to the other manager',
    );
    expect(smtp.to(manager.email).filter((m) => m.subject!.includes(complaint.reference))).toEqual([]);
  });
});
