import { describe, expect, it } from 'vitest';
import { linkedComplaints } from '../../src/application/linked-complaints.js';
import type { Actor } from '../../src/domain/roles.js';
import { companyCaseBody, complaintBody, register, send } from '../support/fixtures.js';
import type { TestUser } from '../support/test-app.js';
import { useTestApp } from '../support/use-test-app.js';

// The complaints filed about a case, as its case page lists them: only those the reader may
// see, oldest first, and never those about another case.
describe('complaints about a case', () => {
  const { app, users } = useTestApp({
    users: { desk: 'registrar', bo: ['officer', 'bygglov', 'Bo Bygg'], manager: ['manager', 'bygglov', 'Maja Chef'] },
  });
  const { desk, bo, manager } = users;
  const actor = (u: TestUser): Actor => ({ id: u.id, name: u.email, role: u.role, unit: u.unit });

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
