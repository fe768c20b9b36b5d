import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/roles.js';
import { sendCaseEvent } from '../../src/application/send-case-event.js';
import { inTransaction } from '../../src/application/tx-context.js';
import { findCase } from '../../src/infra/db/case-repository.js';
import { routedCase, tableCounts } from '../support/fixtures.js';
import type { TestUser } from '../support/test-app.js';
import { useTestApp } from '../support/use-test-app.js';

describe('a case event joined to the caller’s transaction', () => {
  const { app, users } = useTestApp({
    users: { desk: 'registrar', manager: ['manager', 'bygglov'], officer: ['officer', 'bygglov'] },
  });
  const { desk, manager, officer } = users;
  const actorOf = (u: TestUser): Actor => ({ id: u.id, name: u.email, role: u.role, unit: u.unit });

  const snapshotOf = async (caseId: string) => {
    const counts = await tableCounts(app);
    const c = (await findCase(app.ctx.db, caseId))!;
    return { counts, version: c.version, status: c.status, assigneeId: c.assigneeId };
  };

  it('rolls back with it: nothing of the event is left when a later step fails', async () => {
    const c = await routedCase(app, desk, 'bygglov');
    const before = await snapshotOf(c.id);

    const failed = inTransaction(app.ctx, async (tx) => {
      expect('db' in tx).toBe(false);
      const row = await sendCaseEvent(tx, actorOf(manager), c.id, {
        type: 'ASSIGN',
        expectedVersion: before.version,
        assigneeId: officer.id,
      });
      // Inside, the event is there to build on; its mail is recorded beside it.
      expect(row.assigneeId).toBe(officer.id);
      expect((await findCase(tx.trx, c.id))!.version).toBe(before.version + 1);
      expect(await tx.trx('notifications').where({ case_id: c.id, template: 'assigned' }).first()).toBeDefined();
      throw new Error('a later step in the same transaction failed');
    });

    await expect(failed).rejects.toThrow('a later step in the same transaction failed');
    expect(await snapshotOf(c.id)).toEqual(before);
  });

  it('commits with it, once, when the caller’s transaction does', async () => {
    const c = await routedCase(app, desk, 'bygglov');
    const before = await snapshotOf(c.id);

    await inTransaction(app.ctx, (tx) =>
      sendCaseEvent(tx, actorOf(manager), c.id, {
        type: 'ASSIGN',
        expectedVersion: before.version,
        assigneeId: officer.id,
      }),
    );

    const after = await snapshotOf(c.id);
    expect(after.version).toBe(before.version + 1);
    expect(after.assigneeId).toBe(officer.id);
    expect(after.counts.case_events).toBe(before.counts.case_events! + 1);
    expect(await app.ctx.db('notifications').where({ case_id: c.id, template: 'assigned' })).toHaveLength(1);
  });
});
