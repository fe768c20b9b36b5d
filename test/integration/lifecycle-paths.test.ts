import { describe, expect, it } from 'vitest';
import type { EventObject } from 'xstate';
import { companyCaseMachine } from '../../workflows/company-case.js';
import { complaintMachine } from '../../workflows/complaint.js';
import { companyVisitMachine } from '../../workflows/company-visit.js';
import { companyCaseBody, complaintBody, postAtCurrentVersion, register } from '../support/fixtures.js';
import { transitionEdges, type Edge } from '../support/machine-paths.js';
import { useTestApp } from '../support/use-test-app.js';
import { companyCaseEvents } from '../../workflows/company-case-events.js';
import { companyVisitEvents } from '../../workflows/company-visit-events.js';
import { complaintEvents as complaintDefinitions } from '../../workflows/complaint-events.js';
import type { EventDefinition } from '../../workflows/event-definition.js';

// One event of each type, with the example payload its definition carries: an event added to
// a machine is walked here without anyone listing it.
const eventsOf = (definitions: Record<string, EventDefinition>): EventObject[] =>
  Object.entries(definitions).map(([type, d]) => ({ type, ...d.example }) as EventObject);

const companyEvents = eventsOf(companyCaseEvents);
const complaintEvents = eventsOf(complaintDefinitions);
const visitEvents = eventsOf(companyVisitEvents);

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
