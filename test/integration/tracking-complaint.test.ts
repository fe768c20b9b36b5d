import { describe, expect, it } from 'vitest';
import { companyCaseBody, contactAnna, register, saab, send } from '../support/fixtures.js';
import { ESERVICE_USER_ID } from '../../src/application/tracking/eservice-actor.js';
import { asJson, pathOf, publicView, tokenOf, trackingUrl } from './tracking-fixtures.js';
import { useTestApp } from '../support/use-test-app.js';

const form = (fields: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) p.append(k, one);
  return p.toString();
};

describe('a complaint from the tracking page', () => {
  const {
    app,
    users: { desk, officer },
  } = useTestApp({
    now: '2026-11-25T10:00:00+01:00', // onsdag
    users: { desk: 'registrar', officer: ['officer', 'bygglov', 'Bo Bygg'] },
  });

  async function handledCase() {
    const c = await register(app, desk, companyCaseBody());
    await send(app, desk, c.id, 'ROUTE', { unit: 'bygglov' });
    await send(app, officer, c.id, 'ASSIGN', { assigneeId: officer.id });
    return { c, url: await trackingUrl(app, desk, c.id) };
  }
  const post = (url: string, body: string, headers: Record<string, string> = asJson) =>
    app.request('POST', `${pathOf(url)}/complaint`, {
      rawBody: body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
  const caseCount = async () => Number(((await app.ctx.db('cases').count({ n: '*' })) as { n: string }[])[0]!.n);

  it('registers a complaint linked to the case, for its company and unit, with its own clocks and its own link', async () => {
    const { c, url } = await handledCase();
    const page = await app.request('GET', `${pathOf(url)}/complaint`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<h1>Lämna ett klagomål</h1>');
    expect(page.body).toContain('Bemötande');
    expect(page.body).toContain('Rättssäkerhet');
    expect(page.body).not.toContain(contactAnna.email);
    const { forms } = await publicView(app, url);

    const res = await post(
      url,
      form({
        formToken: forms.complaint.formToken,
        concerns: ['treatment', 'efficiency'],
        description: 'Ingen svarade på mina mejl under två veckor.',
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body.reference).toMatch(/^HS-2026-\d{6}$/);
    expect(res.body.trackingUrl).toMatch(/^http:\/\/localhost:3000\/track\/[A-Za-z0-9_-]{48}$/);
    expect(res.headers.get('location')).toBe(res.body.trackingUrl);

    const complaint = await app.request('GET', `/api/cases/${res.body.reference}`, { token: desk.token });
    expect(complaint.body).toMatchObject({
      kind: 'complaint',
      category: 'klagomal',
      channel: 'eservice',
      status: 'received',
      subject: `Klagomål om handläggningen av ${c.reference}`,
      description: 'Ingen svarade på mina mejl under två veckor.',
      relatedCaseId: c.id,
      unit: 'bygglov',
      company: { orgNumber: '556036-0793', name: saab.name },
      contact: contactAnna,
      concerns: [
        { code: 'treatment', label: 'Bemötande' },
        { code: 'efficiency', label: 'Effektivitet' },
      ],
      anonymous: false,
      trackingUrl: res.body.trackingUrl,
    });
    // Acknowledge within 2 working days (Friday 27 November), answer within 10 (Wednesday 9 December).
    expect(complaint.body.deadlines.map((d: any) => [d.clock, d.state, d.dueDateText])).toEqual([
      ['complaint_ack', 'running', 'fredag 27 november 2026'],
      ['complaint_answer', 'running', 'onsdag 9 december 2026'],
    ]);
    const history = await app.request('GET', `/api/cases/${complaint.body.id}/history`, { token: desk.token });
    expect(history.body.items[0]).toMatchObject({
      type: 'REGISTERED',
      actor: { id: ESERVICE_USER_ID, name: 'Företaget via e-tjänsten' },
      payload: { channel: 'eservice', relatedCaseId: c.id },
    });
    // The e-service account acts only through these pages: it cannot sign in.
    const eservice = await app.ctx.db('users').where({ id: ESERVICE_USER_ID }).first();
    expect(eservice.name).toBe('Företaget via e-tjänsten');
    expect(eservice.active).toBeFalsy();

    // The complaint's own page, and the case it is about.
    const own = await publicView(app, res.body.trackingUrl);
    expect(own).toMatchObject({
      reference: res.body.reference,
      kind: 'complaint',
      kindLabel: 'Klagomål',
      relatedReference: c.reference,
      status: { label: 'Ditt klagomål har tagits emot' },
      nextStep:
        'Vi bekräftar att vi har tagit emot klagomålet och berättar vem som utreder det, senast fredag 27 november 2026.',
      forms: { complement: null, complaint: null },
    });
    expect((await app.request('GET', `${pathOf(res.body.trackingUrl)}/complaint`)).status).toBe(404);
  });

  it('answers whom the company names, and sends a browser on to the complaint’s own page', async () => {
    const { c, url } = await handledCase();
    const { forms } = await publicView(app, url);
    // As a browser posts the form: no JSON asked for, and the redirect is looked at, not followed.
    const res = await fetch(`${app.url}${pathOf(url)}/complaint`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form({
        formToken: forms.complaint.formToken,
        concerns: 'information',
        description: 'Beslutet gick inte att förstå.',
        contactName: 'Per Holm',
        contactEmail: 'per@holm.example',
        contactPhone: '',
      }),
    });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\.\.\/[A-Za-z0-9_-]{48}\?skickat=klagomal$/);
    const token = location.slice(3, 51);
    const page = await app.request('GET', `/track/${token}?skickat=klagomal`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Tack! Vi har tagit emot ditt klagomål.');
    expect(page.body).toContain(`http://localhost:3000/track/${token}`);
    const view = await app.request('GET', `/track/${token}`, { headers: asJson });
    const complaint = await app.request('GET', `/api/cases/${view.body.reference}`, { token: desk.token });
    expect(complaint.body).toMatchObject({
      relatedCaseId: c.id,
      contact: { name: 'Per Holm', email: 'per@holm.example', phone: null },
      concerns: [{ code: 'information' }],
    });
    expect(tokenOf(complaint.body.trackingUrl)).toBe(token);
  });

  it('quotes the case it is about with Swedish quotation marks and one full stop', async () => {
    const c = await register(app, desk, companyCaseBody({ subject: 'Vi vill öppna en uteservering.' }));
    await send(app, desk, c.id, 'ROUTE', { unit: 'bygglov' });
    const url = await trackingUrl(app, desk, c.id);
    const page = (await app.request('GET', `${pathOf(url)}/complaint`)).body as string;
    expect(page).toContain(`hanterat ärende ${c.reference}, ”Vi vill öppna en uteservering”. Vill du`);
  });

  it('names what is missing, keeps what was written, and registers nothing', async () => {
    const { url } = await handledCase();
    const { forms } = await publicView(app, url);
    const before = await caseCount();

    const json = await post(
      url,
      form({ formToken: forms.complaint.formToken, description: '', contactEmail: 'inte-en-adress', concerns: 'fel' }),
    );
    expect(json.status).toBe(400);
    expect(json.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'concerns.0',
      'contactEmail',
      'description',
    ]);
    expect(json.body.errors.find((e: { path: string }) => e.path === 'contactEmail').message).toBe(
      'Ange en giltig e-postadress.',
    );

    const named = await post(
      url,
      form({
        formToken: forms.complaint.formToken,
        concerns: 'other',
        description: 'Något hände.',
        contactEmail: 'per@holm.example',
      }),
    );
    expect(named.status).toBe(400);
    expect(named.body.errors).toEqual([{ path: 'contactName', message: 'Ange ditt namn.' }]);

    const html = await post(
      url,
      form({ formToken: forms.complaint.formToken, description: 'Jag fick vänta länge på <svar>.' }),
      {},
    );
    expect(html.status).toBe(400);
    expect(html.body).toContain('Klagomålet kunde inte skickas');
    expect(html.body).toContain('Välj minst ett alternativ.');
    expect(html.body).toContain('Jag fick vänta länge på &lt;svar&gt;.</textarea>');

    const forged = await post(url, form({ formToken: 'A'.repeat(22), concerns: 'other', description: 'x' }));
    expect(forged.status).toBe(403);
    expect(await caseCount()).toBe(before);
  });
});
