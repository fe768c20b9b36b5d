import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type TestUser } from '../support/test-app.js';
import { companyCaseBody, register, send } from '../support/fixtures.js';
import { ESERVICE_USER_ID } from '../../src/application/tracking/eservice-actor.js';
import { asJson, pathOf, pdf, postComplement, publicView, tokenOf, trackingUrl } from './tracking-fixtures.js';
import { useTestApp } from '../support/use-test-app.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('answering a complement request from the tracking page', () => {
  // More posts than one visitor would make: each test here sends many forms from one address.
  const {
    app,
    users: { desk, livs, bygg },
  } = useTestApp({
    now: '2026-11-20T09:00:00+01:00',
    env: { TRACKING_POST_RATE_LIMIT: '200' },
    users: { desk: 'registrar', livs: ['officer', 'livsmedel', 'Lisa Livs'], bygg: ['officer', 'bygglov', 'Bo Bygg'] },
  });

  /** Registered on Friday 20 November, taken the same day, complement asked for on Tuesday 24 November. */
  async function waitingCase(category: 'livsmedel' | 'bygglov', officer: TestUser) {
    app.clock.set('2026-11-20T09:00:00+01:00');
    const c = await register(
      app,
      desk,
      companyCaseBody({ category, subject: `Ärende ${Math.random().toString(36).slice(2, 8)}` }),
    );
    await send(app, desk, c.id, 'ROUTE', { unit: category });
    await send(app, officer, c.id, 'ASSIGN', { assigneeId: officer.id });
    await send(app, officer, c.id, 'START');
    app.clock.set('2026-11-24T10:00:00+01:00');
    const waiting = await send(app, officer, c.id, 'REQUEST_COMPLEMENT', {
      message: 'Skicka en planritning över köket.',
      dueDate: '2026-12-01',
    });
    return { c: waiting, url: await trackingUrl(app, desk, c.id) };
  }
  const decisionOf = (c: { deadlines: { clock: string }[] }) => c.deadlines.find((d) => d.clock === 'decision') as any;
  const fileCount = async (caseId: string) =>
    Number(
      ((await app.ctx.db('complement_files').where({ case_id: caseId }).count({ n: '*' })) as { n: string }[])[0]!.n,
    );

  it('stores the files, records the complement and resumes the paused decision clock where it stopped', async () => {
    const { c, url } = await waitingCase('livsmedel', livs);
    // 10 working days from Friday 20 November end on Friday 4 December; paused on Tuesday 24
    // November with 8 working days left.
    expect(decisionOf(c)).toMatchObject({ state: 'paused', remaining: 'Pausad i väntan på komplettering' });

    app.clock.set('2026-11-30T14:00:00+01:00'); // måndag
    const view = await publicView(app, url);
    const plan = pdf('Planritning kök');
    const note = Buffer.from('Köket är 24 kvadratmeter.\nVentilation enligt ritning.\n', 'utf8');
    const res = await postComplement(app, url, {
      formToken: view.forms.complement.formToken,
      message: 'Här kommer planritningen och en kort beskrivning.',
      files: [
        { name: 'Planritning_Åby.pdf', type: 'application/pdf', content: plan },
        { name: 'beskrivning.txt', type: 'text/plain', content: note },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.received).toEqual({
      reference: c.reference,
      files: [
        { name: 'Planritning_Åby.pdf', type: 'application/pdf', size: plan.length, sha256: sha256(plan) },
        { name: 'beskrivning.txt', type: 'text/plain; charset=utf-8', size: note.length, sha256: sha256(note) },
      ],
    });
    // 8 working days from Monday 30 November: Thursday 10 December.
    expect(res.body.case.status).toEqual({ code: 'in_progress', label: 'Ditt ärende handläggs', open: true });
    expect(res.body.case.guarantees.find((g: { label: string }) => g.label.startsWith('Beslut'))).toMatchObject({
      state: 'running',
      dueDate: '2026-12-10',
      dueText: 'torsdag 10 december 2026',
      remaining: '8 arbetsdagar kvar',
    });
    expect(res.body.case.nextStep).toBe(
      'Lisa handlägger ärendet. Sedan kommer beslutet, senast torsdag 10 december 2026.',
    );
    expect(res.body.case.forms.complement).toBeNull();
    expect(res.body.case.history.at(-1)).toMatchObject({
      label: 'Vi tog emot din komplettering',
      dateText: 'måndag 30 november 2026',
    });

    // The officer's own view: the same clock, the same state, and who did it.
    const staff = await app.request('GET', `/api/cases/${c.id}`, { token: livs.token });
    expect(staff.body).toMatchObject({ status: 'in_progress', version: c.version + 1 });
    expect(decisionOf(staff.body)).toMatchObject({
      state: 'running',
      dueDate: '2026-12-10',
      dueDateText: 'torsdag 10 december 2026',
    });
    const history = await app.request('GET', `/api/cases/${c.id}/history`, { token: livs.token });
    const received = history.body.items.at(-1);
    expect(received).toMatchObject({
      type: 'COMPLEMENT_RECEIVED',
      label: 'Komplettering inkommen',
      actor: { id: ESERVICE_USER_ID, name: 'Företaget via e-tjänsten' },
      fromState: 'awaiting_complement',
      toState: 'in_progress',
      payload: { note: 'Här kommer planritningen och en kort beskrivning.', via: 'tracking_page' },
    });
    expect(received.payload.files.map((f: { name: string }) => f.name)).toEqual([
      'Planritning_Åby.pdf',
      'beskrivning.txt',
    ]);

    // Staff list and download exactly what came in.
    const files = await app.request('GET', `/api/cases/${c.reference}/files`, { token: livs.token });
    expect(files.status).toBe(200);
    expect(files.body.items).toHaveLength(2);
    expect(files.body.items[0]).toMatchObject({
      name: 'Planritning_Åby.pdf',
      type: 'application/pdf',
      size: plan.length,
      sha256: sha256(plan),
      caseVersion: c.version + 1,
      receivedAt: '2026-11-30T13:00:00.000Z',
    });
    const download = await fetch(`${app.url}${files.body.items[0].url}`, {
      headers: { authorization: `Bearer ${livs.token}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="Planritning__by.pdf"; filename*=UTF-8''Planritning_%C3%85by.pdf`,
    );
    expect(Buffer.from(await download.arrayBuffer()).equals(plan)).toBe(true);
    expect((await app.request('GET', `/api/cases/${c.id}/files`, { token: bygg.token })).status).toBe(404);
    expect((await app.request('GET', `/api/cases/${c.id}/files/not-a-uuid`, { token: livs.token })).status).toBe(400);
    expect((await app.request('GET', `/api/cases/${c.id}/files/${c.id}`, { token: livs.token })).status).toBe(404);

    // The officer hears of it (office hours: at once on a Monday afternoon).
    const notice = await app.ctx.db('notifications').where({ case_id: c.id, template: 'complement_arrived' }).first();
    expect(notice).toMatchObject({ audience: 'staff', deliver_after: '2026-11-30T13:00:00.000Z' });

    // The form is gone and is one-time: sending it again is refused without writing anything.
    const again = await postComplement(app, url, {
      formToken: view.forms.complement.formToken,
      message: 'En sak till.',
    });
    expect(again.status).toBe(422);
    expect(again.body.detail).toBe('Kompletteringen är redan mottagen. Du behöver inte skicka den igen.');
    expect(await fileCount(c.id)).toBe(2);
  });

  it('restarts a building permit’s limit in full from the day the complement arrives (PBL 9:99), and sends a browser back to the page', async () => {
    const { c, url } = await waitingCase('bygglov', bygg);
    app.clock.set('2026-11-30T14:00:00+01:00');
    const view = await publicView(app, url);
    const res = await postComplement(
      app,
      url,
      {
        formToken: view.forms.complement.formToken,
        files: [{ name: 'situationsplan.pdf', type: 'application/pdf', content: pdf() }],
      },
      {},
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`../${tokenOf(url)}?skickat=komplettering`);
    const page = await app.request('GET', `${pathOf(url)}?skickat=komplettering`);
    expect(page.body).toContain('Tack! Vi har tagit emot din komplettering.');
    // Ten weeks from Monday 30 November 2026.
    const staff = await app.request('GET', `/api/cases/${c.id}`, { token: bygg.token });
    expect(decisionOf(staff.body)).toMatchObject({
      state: 'running',
      dueDate: '2027-02-08',
      dueDateText: 'måndag 8 februari 2027',
    });
    expect((await publicView(app, url)).nextStep).toBe(
      'Bo handlägger ärendet. Sedan kommer beslutet, senast måndag 8 februari 2027.',
    );
  });

  it('refuses files it does not take, with a Swedish reason, and writes nothing', async () => {
    const { c, url } = await waitingCase('livsmedel', livs);
    const view = await publicView(app, url);
    const formToken = view.forms.complement.formToken;
    const before = await app.request('GET', `/api/cases/${c.id}`, { token: livs.token });
    const six = Array.from({ length: 6 }, (_, i) => ({
      name: `sida-${i + 1}.pdf`,
      type: 'application/pdf',
      content: pdf(),
    }));
    const tooBig = Buffer.concat([pdf(), Buffer.alloc(10 * 1024 * 1024)]);
    const cases: [string, Parameters<typeof postComplement>[2], number, string][] = [
      ['six files', { formToken, files: six }, 400, 'Du kan skicka högst 5 filer åt gången.'],
      [
        'a file over 10 MB',
        { formToken, files: [{ name: 'stor.pdf', type: 'application/pdf', content: tooBig }] },
        413,
        'Filen "stor.pdf" är större än 10 MB.',
      ],
      [
        'a program called .pdf',
        {
          formToken,
          files: [
            { name: 'ritning.pdf', type: 'application/pdf', content: Buffer.from('MZ\x90\x00program', 'latin1') },
          ],
        },
        400,
        'Filen "ritning.pdf" är inte en riktig PDF-fil. Kontrollera filen och försök igen.',
      ],
      [
        'a type we do not take',
        { formToken, files: [{ name: 'setup.exe', type: 'application/octet-stream', content: Buffer.from('MZ') }] },
        400,
        'Filen "setup.exe" har en filtyp som vi inte tar emot. Skicka PDF, JPEG, PNG, Word (docx), Excel (xlsx) och text (txt).',
      ],
      [
        'a pdf that claims to be fine among good ones',
        {
          formToken,
          files: [
            { name: 'a.pdf', type: 'application/pdf', content: pdf() },
            { name: 'b.png', type: 'image/png', content: pdf() },
          ],
        },
        400,
        'Filen "b.png" är inte en riktig PNG-fil. Kontrollera filen och försök igen.',
      ],
      ['nothing at all', { formToken, message: '   ' }, 400, 'Skriv ett meddelande eller bifoga minst en fil.'],
    ];
    for (const [what, form, status, message] of cases) {
      const res = await postComplement(app, url, form);
      expect(res.status, what).toBe(status);
      expect(res.headers.get('content-type'), what).toMatch(/^application\/problem\+json/);
      expect(res.body.detail, what).toBe(message);
      expect(res.body.errors?.[0]?.message, what).toBe(message);
    }
    // A browser gets the page back with the reason above the form.
    const html = await postComplement(
      app,
      url,
      { formToken, files: [{ name: 'stor.pdf', type: 'application/pdf', content: tooBig }] },
      {},
    );
    expect(html.status).toBe(413);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.body).toContain('Kompletteringen kunde inte skickas');
    expect(html.body).toContain('Filen &quot;stor.pdf&quot; är större än 10 MB.');
    expect(html.body).toContain('<form method="post" action="complement" enctype="multipart/form-data">');

    expect(await fileCount(c.id)).toBe(0);
    const after = await app.request('GET', `/api/cases/${c.id}`, { token: livs.token });
    expect(after.body).toMatchObject({ status: 'awaiting_complement', version: before.body.version });
    expect(await app.ctx.db('notifications').where({ case_id: c.id, template: 'complement_arrived' })).toHaveLength(0);
  });

  it('answers a malformed multipart body with 400, as a page or problem+json, and writes nothing', async () => {
    const { c, url } = await waitingCase('livsmedel', livs);
    const formToken = (await publicView(app, url)).forms.complement.formToken as string;
    const part = (name: string, value: string) =>
      `--abc\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const bodies: [string, string, string][] = [
      ['no boundary', 'multipart/form-data', part('formToken', formToken)],
      [
        'a boundary the body does not use',
        'multipart/form-data; boundary=xyz',
        `${part('formToken', formToken)}--abc--\r\n`,
      ],
      [
        'a body cut short',
        'multipart/form-data; boundary=abc',
        `${part('formToken', formToken)}--abc\r\nContent-Disposition: form-data; name="files"; filename="a.pdf"\r\n\r\n%PDF-1.4`,
      ],
      [
        'a part header without a colon',
        'multipart/form-data; boundary=abc',
        `${part('formToken', formToken)}--abc\r\nInget kolon här\r\n\r\nhej\r\n--abc--\r\n`,
      ],
      ['garbage', 'multipart/form-data; boundary=abc', 'inte alls ett formulär'],
      ['another multipart type', 'multipart/mixed; boundary=abc', `${part('message', 'hej')}--abc--\r\n`],
    ];
    const post = (path: string, type: string, body: string, accept: string) =>
      fetch(`${app.url}${path}/complement`, { method: 'POST', headers: { 'content-type': type, accept }, body });
    for (const [what, type, body] of bodies) {
      const json = await post(pathOf(url), type, body, 'application/json');
      expect(json.status, what).toBe(400);
      expect(json.headers.get('content-type'), what).toMatch(/^application\/problem\+json/);
      expect(await json.json(), what).toMatchObject({
        status: 400,
        detail: 'Formuläret kunde inte läsas. Försök igen.',
        errors: [{ path: '(body)' }],
      });

      const page = await post(pathOf(url), type, body, 'text/html');
      expect(page.status, what).toBe(400);
      expect(page.headers.get('content-type'), what).toMatch(/^text\/html/);
      const text = await page.text();
      expect(text, what).toContain('Formuläret kunde inte läsas. Försök igen.');
      expect(text, what).toContain('<form method="post" action="complement" enctype="multipart/form-data">');

      // Without a live link there is nothing to show but the refusal; still never a 500.
      const unknown = await post(`/track/${'A'.repeat(43)}`, type, body, 'text/html');
      expect([400, 404], what).toContain(unknown.status);
      expect(unknown.headers.get('content-type'), what).toMatch(/^text\/html/);
    }
    expect(await fileCount(c.id)).toBe(0);
    const after = await app.request('GET', `/api/cases/${c.id}`, { token: livs.token });
    expect(after.body).toMatchObject({ status: 'awaiting_complement', version: c.version });
  });

  it('accepts a form only from the case’s own live page', async () => {
    const { c, url } = await waitingCase('livsmedel', livs);
    const other = await waitingCase('livsmedel', livs);
    const view = await publicView(app, url);
    const files = [{ name: 'plan.pdf', type: 'application/pdf', content: pdf() }];
    const refused = [
      ['no form token', await postComplement(app, url, { files })],
      [
        'another case’s form token',
        await postComplement(app, url, {
          formToken: (await publicView(app, other.url)).forms.complement.formToken,
          files,
        }),
      ],
      [
        'a cross-site form',
        await postComplement(
          app,
          url,
          { formToken: view.forms.complement.formToken, files },
          { ...asJson, 'sec-fetch-site': 'cross-site' },
        ),
      ],
      [
        'a foreign origin',
        await postComplement(
          app,
          url,
          { formToken: view.forms.complement.formToken, files },
          { ...asJson, origin: 'https://angripare.example' },
        ),
      ],
    ] as const;
    for (const [what, res] of refused) expect(res.status, what).toBe(403);

    // One spelling of each token only: the form token with other unused low bits in its last
    // character, and the link in standard base64 (+ and / for - and _), are not the page's.
    const formToken = view.forms.complement.formToken as string;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(formToken.at(-1)!);
    const sameBytes = `${formToken.slice(0, -1)}${alphabet[last ^ 1]}`;
    expect(Buffer.from(sameBytes, 'base64url').equals(Buffer.from(formToken, 'base64url'))).toBe(true);
    expect((await postComplement(app, url, { formToken: sameBytes, files })).status).toBe(403);
    // A link with both - and _ in it (about one in two has), so its standard spelling differs.
    let linked = { url, formToken };
    while (!/-.*_|_.*-/.test(tokenOf(linked.url))) {
      const next = (await waitingCase('livsmedel', livs)).url;
      linked = { url: next, formToken: (await publicView(app, next)).forms.complement.formToken };
    }
    const token = tokenOf(linked.url);
    const standard = token.replaceAll('-', '+').replaceAll('_', '/');
    for (const spelled of [
      encodeURIComponent(standard),
      encodeURIComponent(standard.replaceAll('/', '_')),
      encodeURIComponent(standard.replaceAll('+', '-')),
      `${token}%3D`,
    ]) {
      const page = await app.request('GET', `/track/${spelled}`, { headers: asJson });
      expect(page.status, spelled).toBe(404);
      expect(
        (await postComplement(app, linked.url.replace(token, spelled), { formToken: linked.formToken, files })).status,
        spelled,
      ).toBe(404);
    }
    expect((await app.request('GET', `/track/${token}`, { headers: asJson })).status).toBe(200);

    // A replaced link takes its forms with it.
    const admin = await app.user('admin');
    const replaced = await app.request('POST', `/api/cases/${c.id}/tracking/revoke`, { token: admin.token, body: {} });
    const stale = await postComplement(app, replaced.body.trackingUrl, {
      formToken: view.forms.complement.formToken,
      files,
    });
    expect(stale.status).toBe(403);
    expect(stale.body.detail).toBe('Formuläret har gått ut. Ladda om sidan och skicka igen.');
    expect((await postComplement(app, url, { formToken: view.forms.complement.formToken, files })).status).toBe(404);
    expect(await fileCount(c.id)).toBe(0);

    // Same-origin (as our own page posts, Origin "null" under no-referrer) goes through.
    const fresh = await publicView(app, replaced.body.trackingUrl);
    const ok = await postComplement(
      app,
      replaced.body.trackingUrl,
      { formToken: fresh.forms.complement.formToken, files },
      { ...asJson, 'sec-fetch-site': 'same-origin', origin: 'null' },
    );
    expect(ok.status).toBe(201);
  });
});
