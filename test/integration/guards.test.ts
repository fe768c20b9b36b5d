import { describe, expect, it } from 'vitest';
import { companyCaseMachine } from '../../workflows/company-case.js';
import { complaintMachine } from '../../workflows/complaint.js';
import { companyCaseBody, complaintBody, postAtCurrentVersion, register, send } from '../support/fixtures.js';
import { useTestApp } from '../support/use-test-app.js';
import { expectProblem } from '../support/problem.js';

describe('guards refuse what the state does not allow (422)', () => {
  const {
    app,
    users: { admin, officer },
  } = useTestApp({ users: { admin: 'admin', officer: ['officer', 'bygglov'] } });

  const attempt = (caseId: string, type: string, payload: Record<string, unknown> = {}) =>
    postAtCurrentVersion(app, admin, 'cases', caseId, type, payload);

  async function expectRefused(caseId: string, type: string, payload: Record<string, unknown> = {}) {
    const { res, before } = await attempt(caseId, type, payload);
    expectProblem(res, 422);
    expect(before.allowedEvents).not.toContain(type);
    const after = await app.request('GET', `/api/cases/${caseId}`, { token: admin.token });
    expect(after.body.version).toBe(before.version);
    expect(after.body.status).toBe(before.status);
  }

  async function inProgressCase() {
    const c = await register(app, admin, companyCaseBody());
    await send(app, admin, c.id, 'ROUTE', { unit: 'bygglov' });
    await send(app, admin, c.id, 'ASSIGN', { assigneeId: officer.id });
    return send(app, admin, c.id, 'START');
  }

  it('covers every guard the machines declare', () => {
    // If a guard is added to a machine, this list and a test below must follow.
    const tested = ['extensionAvailable', 'isAnonymous', 'isNamed'];
    const declared = [
      ...Object.keys(companyCaseMachine.implementations.guards),
      ...Object.keys(complaintMachine.implementations.guards),
    ];
    expect([...new Set(declared)].sort()).toEqual([...tested].sort());
  });

  it('extends the decision limit once, and refuses a second extension', async () => {
    const c = await inProgressCase();
    const extended = await send(app, officer, c.id, 'EXTEND_DEADLINE', {
      reason: 'Remiss till Trafikverket.',
      weeks: 6,
    });
    expect(extended.details.extension).toEqual({ reason: 'Remiss till Trafikverket.', weeks: 6 });
    expect(extended.allowedEvents).not.toContain('EXTEND_DEADLINE');
    await expectRefused(c.id, 'EXTEND_DEADLINE', { reason: 'En gång till.' });
  });

  it('keeps the extension used after a complement round', async () => {
    const c = await inProgressCase();
    await send(app, officer, c.id, 'EXTEND_DEADLINE', { reason: 'Remiss.' });
    await send(app, officer, c.id, 'REQUEST_COMPLEMENT', { message: 'Skicka ritningar.' });
    await expectRefused(c.id, 'EXTEND_DEADLINE', { reason: 'Igen.' });
  });

  it('refuses acknowledging an anonymous complaint', async () => {
    const c = await register(app, admin, complaintBody({ anonymous: true, contact: undefined, company: undefined }));
    await expectRefused(c.id, 'ACKNOWLEDGE');
  });

  it('refuses skipping acknowledgement of a named complaint', async () => {
    const c = await register(app, admin, complaintBody());
    await expectRefused(c.id, 'START_INVESTIGATION');
  });

  it('refuses answering an anonymous complaint, and closes it with its measures instead', async () => {
    const c = await register(app, admin, complaintBody({ anonymous: true, contact: undefined, company: undefined }));
    await send(app, admin, c.id, 'START_INVESTIGATION');
    await expectRefused(c.id, 'ANSWER', { answer: 'Svar', measures: 'Åtgärd' });
    const closed = await send(app, admin, c.id, 'CLOSE', { measures: 'Telefonrutinen ses över.' });
    expect(closed.status).toBe('closed');
    expect(closed.details.measures).toBe('Telefonrutinen ses över.');
  });

  it('refuses closing a named complaint before it is answered', async () => {
    const c = await register(app, admin, complaintBody());
    await send(app, admin, c.id, 'ACKNOWLEDGE');
    await send(app, admin, c.id, 'START_INVESTIGATION');
    await expectRefused(c.id, 'CLOSE');
  });

  it('refuses dissatisfaction on a closed anonymous complaint', async () => {
    const c = await register(app, admin, complaintBody({ anonymous: true, contact: undefined, company: undefined }));
    await send(app, admin, c.id, 'START_INVESTIGATION');
    await send(app, admin, c.id, 'CLOSE', { measures: 'Ingen åtgärd behövs.' });
    await expectRefused(c.id, 'DISSATISFIED', { reason: 'Missnöjd' });
  });

  it('refuses any event on a withdrawn case', async () => {
    const c = await register(app, admin, companyCaseBody());
    await send(app, admin, c.id, 'WITHDRAW', { reason: 'Ångrat sig.' });
    await expectRefused(c.id, 'REOPEN', { reason: 'Vill ändå.' });
    await expectRefused(c.id, 'ROUTE', { unit: 'bygglov' });
  });

  it('records a decision with its reasoning, as FL 31–32 §§ require', async () => {
    const c = await inProgressCase();
    const decided = await send(app, officer, c.id, 'DECIDE', {
      outcome: 'rejected',
      reasoning: 'Byggnaden strider mot detaljplanens högsta byggnadshöjd.',
      decidedBy: 'Bygglovschef Eva Ek',
      presentedBy: 'Handläggare Olle',
    });
    expect(decided.status).toBe('decided');
    expect(decided.details.decision).toMatchObject({
      outcome: 'rejected',
      reasoning: 'Byggnaden strider mot detaljplanens högsta byggnadshöjd.',
      decidedBy: 'Bygglovschef Eva Ek',
      presentedBy: 'Handläggare Olle',
    });
  });
});
