import { describe, expect, it } from 'vitest';
import type { EventObject } from 'xstate';
import { companyCaseMachine } from '../../workflows/company-case.js';
import { complaintMachine } from '../../workflows/complaint.js';
import { companyVisitMachine } from '../../workflows/company-visit.js';
import { companyCaseBody, complaintBody, postAtCurrentVersion, register } from '../support/fixtures.js';
import { transitionEdges, type Edge } from '../support/machine-paths.js';
import { useTestApp } from '../support/use-test-app.js';

const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000';

const companyEvents: EventObject[] = [
  { type: 'ROUTE', unit: 'bygglov' } as EventObject,
  { type: 'RESOLVE_AT_FIRST_CONTACT', resolution: 'Besked lämnat direkt i telefon.' } as EventObject,
  { type: 'ASSIGN', assigneeId: PLACEHOLDER_ID } as EventObject,
  { type: 'START' },
  { type: 'REQUEST_COMPLEMENT', message: 'Skicka in en situationsplan.' } as EventObject,
  { type: 'COMPLEMENT_RECEIVED', note: 'Situationsplan inkommen.' } as EventObject,
  { type: 'EXTEND_DEADLINE', reason: 'Samråd med grannar krävs.', weeks: 10 } as EventObject,
  { type: 'DECIDE', outcome: 'approved', reasoning: 'Åtgärden följer detaljplanen.' } as EventObject,
  { type: 'CLOSE' },
  { type: 'REOPEN', reason: 'Beslutet saknade bilaga.' } as EventObject,
  { type: 'WITHDRAW', reason: 'Sökanden drog tillbaka ansökan.' } as EventObject,
];

const complaintEvents: EventObject[] = [
  { type: 'ACKNOWLEDGE' },
  { type: 'ASSIGN', assigneeId: PLACEHOLDER_ID } as EventObject,
  { type: 'START_INVESTIGATION' },
  { type: 'ANSWER', answer: 'Vi ber om ursäkt.', measures: 'Samtalsrutinen har setts över.' } as EventObject,
  { type: 'CLOSE', measures: 'Rutinen har setts över.' } as EventObject,
  { type: 'DISSATISFIED', reason: 'Svaret förklarar inget.' } as EventObject,
  { type: 'WITHDRAW', reason: 'Klaganden drog tillbaka klagomålet.', withdrawnBy: 'complainant' } as EventObject,
];

const visitEvents: EventObject[] = [
  { type: 'ASSIGN', assigneeId: PLACEHOLDER_ID } as EventObject,
  {
    type: 'RECORD_VISIT',
    visitedOn: '2026-11-19',
    summary: 'Företaget vill växa.',
    followUps: [{ description: 'Markfråga', unit: 'mark-exploatering' }],
  } as EventObject,
  { type: 'CLOSE' },
  { type: 'CANCEL', reason: 'Företaget lade ned verksamheten.' } as EventObject,
];

const visitEdges = transitionEdges(companyVisitMachine, {}, visitEvents, () => '');
const companyEdges = transitionEdges(
  companyCaseMachine,
  {},
  companyEvents,
  (s) => `ext=${s.context.extension !== null}`,
);
const complaintEdges = [true, false].flatMap((anonymous) =>
  transitionEdges(complaintMachine, { anonymous }, complaintEvents, (s) => `anon=${s.context.anonymous}`),
);

const label = (e: Edge) => `${e.input.anonymous === true ? 'anonymous ' : ''}${e.from} --${e.event.type}--> ${e.to}`;

describe('every transition of the case lifecycles, through HTTP', () => {
  const {
    app,
    users: { admin, officer, host },
  } = useTestApp({ users: { admin: 'admin', officer: ['officer', 'bygglov'], host: ['officer', 'naringsliv'] } });

  async function replay(caseId: string, events: EventObject[], assignee = officer) {
    let body: any;
    for (const e of events) {
      const { type, ...payload } = e.type === 'ASSIGN' ? { ...e, assigneeId: assignee.id } : e;
      const { res, before } = await postAtCurrentVersion(app, admin, 'cases', caseId, type, payload);
      expect(res.status, `${e.type} from ${before.status}: ${JSON.stringify(res.body)}`).toBe(200);
      body = res.body;
    }
    return body;
  }

  it('finds the transitions the machines declare', () => {
    // Guards against a traversal that silently finds nothing: both machines have many edges.
    expect(companyEdges.length).toBeGreaterThanOrEqual(25);
    expect(complaintEdges.length).toBeGreaterThanOrEqual(15);
    expect(visitEdges.length).toBeGreaterThanOrEqual(5);
    const statesReached = new Set([...companyEdges, ...complaintEdges, ...visitEdges].flatMap((e) => [e.from, e.to]));
    for (const state of [
      ...Object.keys(companyCaseMachine.states),
      ...Object.keys(complaintMachine.states),
      ...Object.keys(companyVisitMachine.states),
    ]) {
      expect(statesReached, `state ${state} is never reached`).toContain(state);
    }
  });

  it.each(companyEdges.map((e) => [label(e), e] as const))('company case: %s', async (_name, edge) => {
    const created = await register(app, admin, companyCaseBody());
    const before = edge.path.length ? await replay(created.id, edge.path) : created;
    expect(before.status).toBe(edge.from);
    expect(before.allowedEvents).toContain(edge.event.type);
    const after = await replay(created.id, [edge.event]);
    expect(after.status).toBe(edge.to);
    expect(after.version).toBe(before.version + 1);
  });

  it.each(complaintEdges.map((e) => [label(e), e] as const))('complaint: %s', async (_name, edge) => {
    const anonymous = edge.input.anonymous === true;
    const created = await register(
      app,
      admin,
      complaintBody(
        anonymous ? { anonymous: true, contact: undefined, company: undefined, unit: 'bygglov' } : { unit: 'bygglov' },
      ),
    );
    const before = edge.path.length ? await replay(created.id, edge.path) : created;
    expect(before.status).toBe(edge.from);
    const after = await replay(created.id, [edge.event]);
    expect(after.status).toBe(edge.to);
  });

  it.each(visitEdges.map((e) => [label(e), e] as const))('company visit: %s', async (_name, edge) => {
    const created = await register(app, admin, {
      kind: 'company_visit',
      channel: 'company_visit',
      subject: 'Lotsande besök',
      company: { orgNumber: '5560360793', name: 'Saab AB' },
      contact: { name: 'Anna Svensson', email: 'anna@example.se' },
    });
    const before = edge.path.length ? await replay(created.id, edge.path, host) : created;
    expect(before.status).toBe(edge.from);
    expect(before.allowedEvents).toContain(edge.event.type);
    const after = await replay(created.id, [edge.event], host);
    expect(after.status).toBe(edge.to);
  });
});
