import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { companyCaseBody, complaintBody, register, send } from '../support/fixtures.js';
import { asJson, pathOf, pdf, postComplement, publicView, trackingUrl } from './tracking-fixtures.js';
import { useTestApp } from '../support/use-test-app.js';

const linkIn = (text: string) =>
  [...text.matchAll(/http:\/\/localhost:3000\/track\/[A-Za-z0-9_-]{48}/g)].map((m) => m[0]);

describe('every mail to the company carries its tracking link', () => {
  let smtp: SmtpSink;
  let officerEmail: string;

  beforeAll(async () => {
    smtp = await startSmtpSink();
  });
  afterAll(async () => {
    await smtp.stop();
  });
  // Monday 23 November 2026, 09:00 in Stockholm.
  const {
    app,
    users: { desk, officer, coordinator },
  } = useTestApp({
    now: '2026-11-23T09:00:00+01:00',
    worker: true,
    late: () => ({ smtpUrl: smtp.url }),
    users: {
      desk: 'registrar',
      officer: ['officer', 'bygglov', 'Bo Bygg'],
      coordinator: ['coordinator', null, 'Sara Samordnare'],
    },
  });
  beforeAll(async () => {
    officerEmail = officer.email;
    const member = await app.request('PUT', `/api/service-group/units/bygglov/members/${officer.id}`, {
      token: coordinator.token,
      body: { title: 'Bygglovshandläggare' },
    });
    expect(member.status).toBe(200);
  });

  const mailsTo = (address: string) => smtp.to(address);
  const waitForMails = (address: string, n: number, what: string) =>
    smtp.waitFor(() => mailsTo(address).length >= n, what).then(() => mailsTo(address));
  async function expectLinkOf(mail: ParsedMail, url: string, reference: string) {
    const links = linkIn(mail.text ?? '');
    expect(links, mail.subject).toContain(url);
    expect(new Set(links), mail.subject).toEqual(new Set([url]));
    expect(mail.html || '', mail.subject).toContain(url);
    expect((await publicView(app, url)).reference, mail.subject).toBe(reference);
  }
  const escalationEvent = async (id: string, type: string, payload: Record<string, unknown> = {}) => {
    const current = await app.request('GET', `/api/escalations/${id}`, { token: coordinator.token });
    const res = await app.request('POST', `/api/escalations/${id}/events`, {
      token: coordinator.token,
      body: { type, expectedVersion: current.body.version, ...payload },
    });
    expect(res.status, `${type}: ${JSON.stringify(res.body)}`).toBe(200);
  };

  it('in the receipt, the officer, the complement request, the "dukat bord", the extension and the decision; a replaced link in the mails after it', async () => {
    const contact = { name: 'Greta Gås', email: 'greta@gasen.example' };
    const c = await register(app, desk, companyCaseBody({ contact, subject: 'Bygglov för uteservering' }));
    await send(app, desk, c.id, 'ROUTE', { unit: 'bygglov' });
    await send(app, officer, c.id, 'ASSIGN', { assigneeId: officer.id });
    await send(app, officer, c.id, 'START');
    const url = await trackingUrl(app, desk, c.id);

    // A "dukat bord" for the case: the company's invitation links to the case's page.
    const table = await app.request('POST', '/api/escalations', {
      token: desk.token,
      body: { caseId: c.id, reason: 'Flera enheter berörs.' },
    });
    expect(table.status).toBe(201);
    await escalationEvent(table.body.id, 'ACCEPT');
    await escalationEvent(table.body.id, 'SET_PARTICIPANTS', { participantIds: [officer.id] });
    await escalationEvent(table.body.id, 'SCHEDULE', {
      startsAt: '2026-11-27T10:00:00+01:00',
      endsAt: '2026-11-27T11:00:00+01:00',
      location: 'Rådhuset',
    });

    await send(app, officer, c.id, 'REQUEST_COMPLEMENT', {
      message: 'Skicka en situationsplan.',
      dueDate: '2026-12-04',
    });
    const mails = await waitForMails(contact.email, 4, 'receipt, officer, invitation and complement request');
    expect(mails.map((m) => m.subject).sort()).toEqual(
      [
        `Vi har tagit emot ditt ärende ${c.reference}`,
        `Din handläggare i ärende ${c.reference}`,
        'Dukat bord fredag 27 november 2026 kl. 10.00',
        `Vi behöver komplettering i ärende ${c.reference}`,
      ].sort(),
    );
    for (const m of mails) await expectLinkOf(m, url, c.reference);
    const request = mails.find((m) => m.subject!.startsWith('Vi behöver komplettering'))!;
    expect(request.text).toContain(`Du kan skicka kompletteringen med filer direkt på sidan för ditt ärende: ${url}`);
    expect(mails.find((m) => m.subject!.startsWith('Vi har tagit emot'))!.text).toContain(`Följ ditt ärende: ${url}`);
    // A guarantee whose label ends in its own brackets gets the date inside them, not a second pair.
    const receipt = mails.find((m) => m.subject!.startsWith('Vi har tagit emot'))!;
    expect(receipt.text).toContain('– Beslut inom 10 veckor från komplett ansökan (PBL 9 kap. 99 §; senast ');
    expect(receipt.text).not.toContain(') (');
    // In HTML the reference never breaks at its hyphens.
    expect(receipt.html).toContain(`ärendenummer <span style="white-space:nowrap">${c.reference}</span>.`);
    expect(String(receipt.html).split('<body')[1]).not.toMatch(new RegExp(`[^>/]${c.reference}`));

    // The company answers from the page; the officer is told, without a link to the company's page.
    const view = await publicView(app, url);
    expect(
      (
        await postComplement(app, url, {
          formToken: view.forms.complement.formToken,
          files: [{ name: 'plan.pdf', type: 'application/pdf', content: pdf() }],
        })
      ).status,
    ).toBe(201);
    await smtp.waitFor(
      () => mailsTo(officerEmail).some((m) => m.subject === `Komplettering inkommen: ${c.reference}`),
      'the officer’s notice',
    );
    for (const m of mailsTo(officerEmail)) expect(linkIn(m.text ?? ''), m.subject).toEqual([]);

    await send(app, officer, c.id, 'EXTEND_DEADLINE', {
      reason: 'Vi väntar på yttrande från räddningstjänsten.',
      weeks: 4,
    });
    await waitForMails(contact.email, 5, 'the extension');
    await expectLinkOf(
      mailsTo(contact.email).find((m) => m.subject!.startsWith('Tidsfristen'))!,
      url,
      c.reference,
    );

    // The link was forwarded: staff replace it, and the next mail carries the new one.
    const replaced = await app.request('POST', `/api/cases/${c.id}/tracking/revoke`, {
      token: officer.token,
      body: { reason: 'Vidarebefordrad.' },
    });
    expect(replaced.status).toBe(200);
    await send(app, officer, c.id, 'DECIDE', {
      outcome: 'approved',
      reasoning: 'Åtgärden följer detaljplanen.',
      decidedBy: 'Bo Bygg',
    });
    await waitForMails(contact.email, 6, 'the decision');
    const decision = mailsTo(contact.email).find((m) => m.subject === `Beslut i ärende ${c.reference}`)!;
    await expectLinkOf(decision, replaced.body.trackingUrl, c.reference);
    expect((await app.request('GET', pathOf(url), { headers: asJson })).status).toBe(404);
    const decided = await publicView(app, replaced.body.trackingUrl);
    expect(decided.decision).toMatchObject({
      outcome: 'approved',
      outcomeText: 'Din ansökan är beviljad.',
      reasoning: 'Åtgärden följer detaljplanen.',
      decidedBy: 'Bo Bygg',
      dateText: 'måndag 23 november 2026',
    });
    expect(decided.decision.appeal).toContain('inom tre veckor');

    // Staff mails never carry a company's link.
    for (const m of smtp.mails.filter((m) => !mailsTo(contact.email).includes(m)))
      expect(linkIn(m.text ?? ''), m.subject).toEqual([]);
  });

  it('in a complainant’s acknowledgement and answer, with the complaint’s own link', async () => {
    const complainant = { name: 'Klara Klagare', email: 'klara@klagare.example' };
    const c = await register(app, desk, complaintBody({ contact: complainant, unit: 'bygglov' }));
    // The unit's manager hands the investigation to an officer.
    const manager = await app.user('manager', 'bygglov');
    await send(app, manager, c.id, 'ASSIGN', { assigneeId: officer.id });
    await send(app, officer, c.id, 'ACKNOWLEDGE', { message: 'Vi hör av oss.' });
    await send(app, officer, c.id, 'START_INVESTIGATION');
    await send(app, officer, c.id, 'ANSWER', {
      answer: 'Vi ber om ursäkt för dröjsmålet.',
      measures: 'Vi har infört en jourlista.',
    });
    const mails = await waitForMails(complainant.email, 2, 'acknowledgement and answer');
    const url = await trackingUrl(app, desk, c.id);
    for (const m of mails) await expectLinkOf(m, url, c.reference);
    const answered = await publicView(app, url);
    expect(answered).toMatchObject({
      kind: 'complaint',
      status: { label: 'Vi har besvarat ditt klagomål' },
      answer: { answer: 'Vi ber om ursäkt för dröjsmålet.', measures: 'Vi har infört en jourlista.' },
    });
  });
});
