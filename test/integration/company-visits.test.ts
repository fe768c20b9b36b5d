import { describe, expect, it } from 'vitest';
import { postAtCurrentVersion, register, send, tableCounts } from '../support/fixtures.js';
import { useTestApp } from '../support/use-test-app.js';

const visitBody = (overrides: Record<string, unknown> = {}) => ({
  kind: 'company_visit',
  channel: 'company_visit',
  subject: 'Lotsande besök hos Verkstaden i Åby',
  description: 'Besök på plats med vd och produktionschef.',
  company: { orgNumber: '5566778899', name: 'Verkstaden i Åby AB' },
  contact: { name: 'Åsa Öberg', email: 'asa@verkstaden.example' },
  ...overrides,
});

describe('guided company visits (lotsande företagsbesök)', () => {
  // Monday 23 November 2026, 09:00 in Stockholm.
  const {
    app,
    users: { desk, host, bygg },
  } = useTestApp({
    now: '2026-11-23T09:00:00+01:00',
    users: { desk: 'registrar', host: ['officer', 'naringsliv', 'Nora Näringsliv'], bygg: ['officer', 'bygglov'] },
  });

  it('plans, documents and closes a visit, and turns a follow-up into a routed case for its unit', async () => {
    const visit = await register(app, desk, visitBody());
    expect(visit).toMatchObject({
      kind: 'company_visit',
      category: 'foretagsbesok',
      status: 'planned',
      statusLabel: 'Planerat besök',
      unit: 'naringsliv',
      deadlines: [],
    });
    await send(app, host, visit.id, 'ASSIGN', { assigneeId: host.id });
    const visited = await send(app, host, visit.id, 'RECORD_VISIT', {
      visitedOn: '2026-11-23',
      summary: 'Företaget vill bygga ut och anställa tio personer.',
      growthNeeds: [
        { area: 'premises', description: 'Behöver 2 000 kvm till, helst intill nuvarande tomt.' },
        { area: 'recruitment', description: 'Svårt att hitta svetsare.' },
      ],
      followUps: [
        { description: 'Förhandsbesked om tillbyggnad', unit: 'bygglov' },
        { description: 'Kontakt med Arbetsförmedlingen om svetsutbildning', unit: 'naringsliv' },
      ],
    });
    expect(visited).toMatchObject({
      status: 'visited',
      visit: {
        visitedOn: '2026-11-23',
        growthNeeds: [
          { area: 'premises', areaLabel: 'Lokaler och mark' },
          { area: 'recruitment', areaLabel: 'Kompetensförsörjning' },
        ],
        followUps: [
          {
            position: 1,
            description: 'Förhandsbesked om tillbyggnad',
            unit: 'bygglov',
            unitLabel: 'Bygglov',
            caseId: null,
          },
          { position: 2, unit: 'naringsliv', caseId: null },
        ],
      },
    });

    const followUp = visited.visit!.followUps[0]!;
    const created = await app.request('POST', `/api/cases/${visit.id}/follow-ups/${followUp.id}/case`, {
      token: host.token,
      body: { category: 'forhandsbesked' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'company_case',
      category: 'forhandsbesked',
      channel: 'company_visit',
      status: 'routed',
      unit: 'bygglov',
      subject: 'Förhandsbesked om tillbyggnad',
      relatedCaseId: visit.id,
      company: { name: 'Verkstaden i Åby AB' },
    });
    // The new case is the unit's now, with its own guarantee clocks running.
    const seenByUnit = await app.request('GET', `/api/cases/${created.body.id}`, { token: bygg.token });
    expect(seenByUnit.status).toBe(200);
    expect(seenByUnit.body.deadlines.map((d: { clock: string }) => d.clock).sort()).toEqual([
      'decision',
      'first_contact',
    ]);

    const again = await app.request('POST', `/api/cases/${visit.id}/follow-ups/${followUp.id}/case`, {
      token: host.token,
      body: { category: 'forhandsbesked' },
    });
    expect(again.status).toBe(409);
    const after = await app.request('GET', `/api/cases/${visit.id}`, { token: host.token });
    expect(after.body.visit.followUps[0]).toMatchObject({
      caseId: created.body.id,
      caseReference: created.body.reference,
    });

    const closed = await send(app, host, visit.id, 'CLOSE', {});
    expect(closed).toMatchObject({ status: 'closed', open: false });
    const history = await app.request('GET', `/api/cases/${visit.id}/history`, { token: host.token });
    expect(history.body.items.map((e: { label: string }) => e.label)).toEqual([
      'Registrerat',
      'Utse besökare',
      'Dokumentera besöket',
      'Avsluta',
    ]);
  });

  it('refuses a visit date in the future, naming the field, and writes nothing', async () => {
    const visit = await register(app, desk, visitBody({ company: { orgNumber: '5569876542', name: 'Framtid AB' } }));
    const before = await tableCounts(app);
    const { res } = await postAtCurrentVersion(app, host, 'cases', visit.id, 'RECORD_VISIT', {
      visitedOn: '2026-11-24',
      summary: 'För tidigt.',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'visitedOn', message: 'Besöket kan inte ligga i framtiden.' }]);
    expect(await tableCounts(app)).toEqual(before);
    expect(await app.ctx.db('company_visits').where({ case_id: visit.id }).first()).toBeUndefined();
  });

  it('refuses a visit without a company, or in a category of another kind', async () => {
    const noCompany = await app.request('POST', '/api/cases', {
      token: desk.token,
      body: visitBody({ company: undefined }),
    });
    expect(noCompany.status).toBe(400);
    expect(noCompany.body.errors).toContainEqual({
      path: 'company',
      message: 'Ett företagsärende behöver ett företag.',
    });
    const wrongCategory = await app.request('POST', '/api/cases', {
      token: desk.token,
      body: visitBody({ category: 'bygglov' }),
    });
    expect(wrongCategory.status).toBe(400);
    expect(wrongCategory.body.errors).toEqual([
      { path: 'category', message: 'Kategorin bygglov gäller inte företagsbesök.' },
    ]);
  });

  it("lets only the visit's unit turn follow-ups into cases, and finds no follow-up on another visit", async () => {
    const visit = await register(
      app,
      desk,
      visitBody({ company: { orgNumber: '5561231233', name: 'Uppföljning AB' } }),
    );
    const visited = await send(app, host, visit.id, 'RECORD_VISIT', {
      visitedOn: '2026-11-20',
      summary: 'Kort besök.',
      followUps: [{ description: 'Markfråga', unit: 'mark-exploatering' }],
    });
    const id = visited.visit!.followUps[0]!.id as string;
    const byOtherUnit = await app.request('POST', `/api/cases/${visit.id}/follow-ups/${id}/case`, {
      token: bygg.token,
      body: { category: 'markupplatelse' },
    });
    expect(byOtherUnit.status).toBe(404);
    const other = await register(app, desk, visitBody({ company: { orgNumber: '5562223338', name: 'Annat AB' } }));
    const wrongVisit = await app.request('POST', `/api/cases/${other.id}/follow-ups/${id}/case`, {
      token: host.token,
      body: { category: 'markupplatelse' },
    });
    expect(wrongVisit.status).toBe(404);
    const badCategory = await app.request('POST', `/api/cases/${visit.id}/follow-ups/${id}/case`, {
      token: host.token,
      body: { category: 'klagomal' },
    });
    expect(badCategory.status).toBe(400);
    expect(badCategory.body.errors[0].path).toBe('category');
  });
});
