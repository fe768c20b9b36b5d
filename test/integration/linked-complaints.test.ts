import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedComplaints } from '../../src/application/linked-complaints.js';
import type { Actor } from '../../src/domain/roles.js';
import { companyCaseBody, complaintBody, register, send } from '../support/fixtures.js';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

// The complaints filed about a case, as its case page lists them: only those the reader may
// see, oldest first, and never those about another case.
describe('complaints about a case', () => {
  let app: TestApp;
  let desk: TestUser;
  let bo: TestUser;
  let manager: TestUser;
  const actor = (u: TestUser): Actor => ({ id: u.id, name: u.email, role: u.role, unit: u.unit });

  beforeAll(async () => {
    app = await startTestApp();
    desk = await app.user('registrar');
    bo = await app.user('officer', 'bygglov', 'Bo Bygg');
    manager = await app.user('manager', 'bygglov', 'Maja Chef');
  });
  afterAll(async () => {
    await app.close();
  });

  it('lists the complaints about the case oldest first, and hides them from the officer they are about', async () => {
    const c = await register(app, desk, companyCaseBody());
    await send(app, desk, c.id, 'ROUTE', { unit: 'bygglov' });
    await send(app, bo, c.id, 'ASSIGN', { assigneeId: bo.id });
    const other = await register(app, desk, companyCaseBody({ subject: 'Ett annat ärende' }));

    const first = await register(app, desk, complaintBody({ relatedCaseId: c.id, subject: 'Första klagomålet' }));
    app.clock.advance(60_000);
    const second = await register(
      app,
      desk,
      complaintBody({ relatedCaseId: c.reference, subject: 'Andra klagomålet' }),
    );
    await register(app, desk, complaintBody({ relatedCaseId: other.id, subject: 'Om det andra ärendet' }));

    const listed = await linkedComplaints(app.ctx.db, actor(manager), c.id);
    expect(listed.map((l) => l.reference)).toEqual([first.reference, second.reference]);
    expect(listed[0]).toMatchObject({ id: first.id, subject: 'Första klagomålet', open: true });
    expect(listed[0]!.statusLabel).toEqual(expect.any(String));

    // The complaints are about Bo's handling: he does not see them.
    expect(await linkedComplaints(app.ctx.db, actor(bo), c.id)).toEqual([]);
    expect((await linkedComplaints(app.ctx.db, actor(desk), other.id)).map((l) => l.subject)).toEqual([
      'Om det andra ärendet',
    ]);
  });
});
