import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMachine } from 'xstate';
import { companyCaseMachine } from '../../workflows/company-case.js';
import { addLifecycleVersion, currentLifecycle } from '../../workflows/registry.js';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app.js';
import { companyCaseBody, register, send } from '../support/fixtures.js';

// A second version of the company case machine, built here and never shipped: the desk may no
// longer resolve a case at first contact. A case stored on version 1 keeps the transitions it
// started with (docs/lifecycles.md says when a change needs a version of its own).
function companyCaseV2() {
  const config = companyCaseMachine.config;
  const states = config.states as Record<string, { on?: Record<string, unknown> }>;
  const { RESOLVE_AT_FIRST_CONTACT: _gone, ...registeredOn } = states.registered!.on!;
  const machine = createMachine(
    { ...config, version: '2', states: { ...states, registered: { ...states.registered, on: registeredOn } } } as never,
    companyCaseMachine.implementations as never,
  );
  return { ...currentLifecycle('company_case'), machine, version: '2' };
}

describe('a case stored on an older machine version', () => {
  let app: TestApp;
  let desk: TestUser;
  let restore: () => void = () => {};
  let oldCase: { id: string };
  beforeAll(async () => {
    app = await startTestApp();
    desk = await app.user('registrar');
    oldCase = await register(app, desk, companyCaseBody());
    restore = addLifecycleVersion(companyCaseV2(), { current: true });
  });
  afterAll(async () => {
    restore();
    await app.close();
  });

  const versionOf = async (id: string) =>
    ((await app.ctx.db('cases').where({ id }).first('machine_version')) as { machine_version: string }).machine_version;

  it('starts new cases on the newest version and leaves stored ones where they are', async () => {
    const fresh = await register(app, desk, companyCaseBody());
    expect(await versionOf(fresh.id)).toBe('2');
    expect(await versionOf(oldCase.id)).toBe('1');
    expect(fresh.allowedEvents).not.toContain('RESOLVE_AT_FIRST_CONTACT');
    const refused = await app.request('POST', `/api/cases/${fresh.id}/events`, {
      token: desk.token,
      body: { type: 'RESOLVE_AT_FIRST_CONTACT', expectedVersion: fresh.version, resolution: 'Besked direkt.' },
    });
    expect(refused.status).toBe(422);
  });

  it('advances a case on version 1 by version 1, all the way to its end', async () => {
    const before = await app.request('GET', `/api/cases/${oldCase.id}`, { token: desk.token });
    expect(before.body.allowedEvents).toContain('RESOLVE_AT_FIRST_CONTACT');
    const resolved = await send(app, desk, oldCase.id, 'RESOLVE_AT_FIRST_CONTACT', { resolution: 'Besked direkt.' });
    expect(resolved.status).toBe('resolved_at_first_contact');
    const reopened = await send(app, desk, oldCase.id, 'REOPEN', { reason: 'Frågan kom tillbaka.' });
    expect(reopened.status).toBe('registered');
    expect(await versionOf(oldCase.id)).toBe('1');
  });
});
