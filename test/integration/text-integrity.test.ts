import { describe, expect, it } from 'vitest';
import { companyCaseBody, register, routedCase, send, tableCounts } from '../support/fixtures.js';
import type { ApiResponse } from '../support/test-app.js';
import { staffAccount, StaffBrowser } from '../support/staff-web.js';
import { awaitingComplement, postComplement, publicView, trackingUrl } from './tracking-fixtures.js';
import { useTestApp } from '../support/use-test-app.js';

/** A 400 problem whose errors name `path` with a message containing `words`. */
function expectRefused(res: ApiResponse, path: string, words: string): void {
  expect(res.status, JSON.stringify(res.body).slice(0, 400)).toBe(400);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const error = (res.body.errors as { path: string; message: string }[]).find((e) => e.path === path);
  expect(error, JSON.stringify(res.body.errors)).toBeDefined();
  expect(error!.message).toContain(words);
}

const hiddenCharacters = [
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200B',
  '\u200E',
  '\u200F',
];
const codeOf = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase()}`;

describe('free text: hidden characters, lone surrogates and lengths', () => {
  const {
    app,
    users: { desk, officer },
  } = useTestApp({ staff: true, users: { desk: 'registrar', officer: ['officer', 'bygglov'] } });

  it('refuses every bidirectional override, isolate and invisible mark in a registration, naming the field and the character, and writes nothing', async () => {
    const before = await tableCounts(app);
    for (const ch of hiddenCharacters) {
      const res = await app.request('POST', '/api/cases', {
        token: desk.token,
        body: companyCaseBody({ subject: `Bygglov ${ch}llah regal` }),
      });
      expectRefused(res, 'subject', codeOf(ch));
      const inName = await app.request('POST', '/api/cases', {
        token: desk.token,
        body: companyCaseBody({ company: { orgNumber: '5560360793', name: `Saab${ch} AB` } }),
      });
      expectRefused(inName, 'company.name', codeOf(ch));
    }
    expect(await tableCounts(app)).toEqual(before);
  });

  it('keeps the joiners emoji and scripts need, and ordinary line breaks', async () => {
    const c = await register(
      app,
      desk,
      companyCaseBody({ description: 'Familjen 👩‍👩‍👧 driver kaféet.\nAndra raden.\tTabb.' }),
    );
    expect(c.description).toBe('Familjen 👩‍👩‍👧 driver kaféet.\nAndra raden.\tTabb.');
  });

  it('refuses a lone UTF-16 surrogate as 400 in a registration, a case event, an escalation and a tracking revoke', async () => {
    const lone = 'x\ud800y';
    const before = await tableCounts(app);
    expectRefused(
      await app.request('POST', '/api/cases', { token: desk.token, body: companyCaseBody({ description: lone }) }),
      'description',
      'surrogat',
    );
    expectRefused(
      await app.request('POST', '/api/cases', { token: desk.token, body: companyCaseBody({ subject: 'x\udc00' }) }),
      'subject',
      'surrogat',
    );
    expect(await tableCounts(app)).toEqual(before);

    const c = await routedCase(app, desk, 'bygglov');
    await send(app, officer, c.id, 'ASSIGN', { assigneeId: officer.id });
    const started = await send(app, officer, c.id, 'START');
    const event = await app.request('POST', `/api/cases/${c.id}/events`, {
      token: officer.token,
      body: { type: 'DECIDE', expectedVersion: started.version, outcome: 'approved', reasoning: lone },
    });
    expectRefused(event, 'reasoning', 'surrogat');
    const escalation = await app.request('POST', '/api/escalations', {
      token: desk.token,
      body: { caseId: c.id, reason: lone },
    });
    expectRefused(escalation, 'reason', 'surrogat');
    const revoke = await app.request('POST', `/api/cases/${c.id}/tracking/revoke`, {
      token: officer.token,
      body: { reason: lone },
    });
    expectRefused(revoke, 'reason', 'surrogat');
    const after = await app.request('GET', `/api/cases/${c.id}`, { token: officer.token });
    expect(after.body).toMatchObject({ version: started.version, status: 'in_progress' });
    // A well-formed pair (an emoji) is text like any other.
    const fine = await app.request('POST', `/api/cases/${c.id}/tracking/revoke`, {
      token: officer.token,
      body: { reason: 'Vidarebefordrat 📧' },
    });
    expect(fine.status).toBe(200);
  });

  it('refuses a direction override in every other kind of free text: an event, an escalation, a note, a tracking revoke, a closing day', async () => {
    const rlo = 'Godkänt \u202Ednalkcab';
    const admin = await app.user('admin');
    const c = await routedCase(app, desk, 'bygglov');
    await send(app, officer, c.id, 'ASSIGN', { assigneeId: officer.id });
    const started = await send(app, officer, c.id, 'START');
    expectRefused(
      await app.request('POST', `/api/cases/${c.id}/events`, {
        token: officer.token,
        body: { type: 'DECIDE', expectedVersion: started.version, outcome: 'approved', reasoning: rlo },
      }),
      'reasoning',
      'U+202E',
    );
    expectRefused(
      await app.request('POST', '/api/escalations', { token: desk.token, body: { caseId: c.id, reason: rlo } }),
      'reason',
      'U+202E',
    );
    expectRefused(
      await app.request('POST', `/api/cases/${c.id}/notes`, { token: officer.token, body: { body: rlo } }),
      'body',
      'U+202E',
    );
    expectRefused(
      await app.request('POST', `/api/cases/${c.id}/tracking/revoke`, {
        token: officer.token,
        body: { reason: 'a\u2066b' },
      }),
      'reason',
      'U+2066',
    );
    const closing = await app.request('PUT', '/api/admin/closing-days', {
      token: admin.token,
      body: [{ date: '2026-12-28', name: 'Klämdag\u200B' }],
    });
    expect(closing.status).toBe(400);
    expect(JSON.stringify(closing.body.errors)).toContain('U+200B');
  });

  it('refuses an over-long text with its limit and length instead of cutting it', async () => {
    const res = await app.request('POST', '/api/cases', {
      token: desk.token,
      body: companyCaseBody({ description: 'a'.repeat(25000) }),
    });
    expectRefused(res, 'description', 'Högst 20 000 tecken; texten är 25 000 tecken.');
    const subject = await app.request('POST', '/api/cases', {
      token: desk.token,
      body: companyCaseBody({ subject: 'b'.repeat(301) }),
    });
    expectRefused(subject, 'subject', 'Högst 300 tecken');
  });

  it('refuses an over-long complement message on the tracking page and shows the form again with the message kept', async () => {
    const c = await awaitingComplement(app, desk, officer, companyCaseBody(), { message: 'Skicka en situationsplan.' });
    const url = await trackingUrl(app, desk, c.id);
    const view = await publicView(app, url);
    const long = `Här är planen. ${'ö'.repeat(5000)}`;
    const json = await postComplement(app, url, { formToken: view.forms.complement.formToken, message: long });
    expectRefused(json, 'message', 'Högst 4 000 tecken');
    const page = await postComplement(app, url, { formToken: view.forms.complement.formToken, message: long }, {});
    expect(page.status).toBe(400);
    expect(page.body).toContain('Högst 4 000 tecken; texten är 5 015 tecken.');
    expect(page.body).toContain(`aria-describedby="message-hint">${long}</textarea>`);
    // The browser is never told to cut what is pasted.
    expect(page.body).not.toMatch(/<textarea[^>]* maxlength=/);
    const still = await app.request('GET', `/api/cases/${c.id}`, { token: officer.token });
    expect(still.body.status).toBe('awaiting_complement');
  });

  it('keeps a decision’s reasoning over its limit in the case page’s form, with the limit, instead of refusing the form unread', async () => {
    const account = await staffAccount(app, 'officer', { unit: 'bygglov', name: 'Olle Berg' });
    const c = await routedCase(app, desk, 'bygglov');
    await send(app, officer, c.id, 'ASSIGN', { assigneeId: account.id });
    const browser = new StaffBrowser(app);
    expect((await browser.login(account.email, account.password)).status).toBe(303);
    const page = await browser.get(`/arenden/${c.reference}`);
    const version = (/name="expectedVersion" value="(\d+)"/.exec(
      page.text.split('<form').find((f) => f.includes('name="type" value="START"')) ?? '',
    ) ?? [])[1]!;
    expect(
      (await browser.post(`/arenden/${c.reference}/handelser`, { type: 'START', expectedVersion: version })).status,
    ).toBe(303);
    const started = await browser.get(`/arenden/${c.reference}`);
    const decideVersion = (/name="expectedVersion" value="(\d+)"/.exec(
      started.text.split('<form').find((f) => f.includes('name="type" value="DECIDE"')) ?? '',
    ) ?? [])[1]!;
    const reasoning = `Motivering ${'å'.repeat(25_000)}`;
    const refused = await browser.post(`/arenden/${c.reference}/handelser`, {
      type: 'DECIDE',
      expectedVersion: decideVersion,
      outcome: 'approved',
      reasoning,
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Högst 20 000 tecken; texten är 25 011 tecken.');
    expect(refused.text).toContain(`>${reasoning}</textarea>`);
    expect(refused.text).not.toContain('Formuläret är för stort');
    expect((await app.ctx.db('cases').where({ id: c.id }).first()).status).toBe('in_progress');
  });
});
