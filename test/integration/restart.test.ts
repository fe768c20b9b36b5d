import { describe, expect, it } from 'vitest';
import { companyCaseBody, complaintBody, register, send } from '../support/fixtures.js';
import { useTestApp } from '../support/use-test-app.js';

describe('a restart', () => {
  const {
    app,
    users: { admin, officer },
  } = useTestApp({ users: { admin: 'admin', officer: ['officer', 'bygglov'] } });

  it('keeps every case in its state, with its context, and the lifecycle goes on', async () => {
    const registered = await register(app, admin, companyCaseBody());
    const waiting = await register(app, admin, companyCaseBody());
    await send(app, admin, waiting.id, 'ROUTE', { unit: 'bygglov' });
    await send(app, admin, waiting.id, 'ASSIGN', { assigneeId: officer.id });
    await send(app, officer, waiting.id, 'START');
    await send(app, officer, waiting.id, 'EXTEND_DEADLINE', { reason: 'Remiss.' });
    await send(app, officer, waiting.id, 'REQUEST_COMPLEMENT', { message: 'Skicka ritningar.' });
    const complaint = await register(app, admin, complaintBody());
    await send(app, admin, complaint.id, 'ACKNOWLEDGE');

    const before = await Promise.all(
      [registered, waiting, complaint].map((c) => app.request('GET', `/api/cases/${c.id}`, { token: admin.token })),
    );
    await app.restart();
    const after = await Promise.all(
      [registered, waiting, complaint].map((c) => app.request('GET', `/api/cases/${c.id}`, { token: admin.token })),
    );

    expect(after.map((r) => r.body.status)).toEqual(['registered', 'awaiting_complement', 'acknowledged']);
    expect(after.map((r) => r.body)).toEqual(before.map((r) => r.body));
    // The restored snapshot still remembers the extension: a second one is refused.
    expect(after[1]!.body.allowedEvents).not.toContain('EXTEND_DEADLINE');
    const resumed = await send(app, officer, waiting.id, 'COMPLEMENT_RECEIVED');
    expect(resumed.status).toBe('in_progress');
    const next = await register(app, admin, companyCaseBody());
    expect(Number(next.reference.slice(-6))).toBeGreaterThan(Number(complaint.reference.slice(-6)));
  });
});
