import { describe, expect, it } from 'vitest';
import { complaintBody, register, tableCounts } from '../support/fixtures.js';
import { expectFieldError, expectProblem } from '../support/problem.js';
import { type TestUser } from '../support/test-app.js';
import { expectConflict, newCompany, reason, type Body, useServiceGroupApp } from './service-group-support.js';

describe('"dukat bord": input validation, roles and error answers', () => {
  const { app, desk, coordinator, bygg, expectNothingWritten, listFor, companyCase, routedCase } = useServiceGroupApp();

  describe('involved units (PUT /api/cases/:id/involved-units)', () => {
    const flag = (user: TestUser, caseId: string, body: unknown) =>
      app.request('PUT', `/api/cases/${caseId}/involved-units`, { token: user.token, body });
    const tablesOfCase = async (caseId: string) =>
      (await listFor(coordinator, `caseId=${caseId}`)).body.items as Body[];

    it('proposes a table by itself when a company case touches two units', async () => {
      const c = await routedCase();

      const res = await flag(desk, c.id, { units: ['bygglov', 'livsmedel'] });

      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const found = await tablesOfCase(c.id);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({
        origin: 'multi_unit',
        status: 'requested',
        requestedBy: null,
        cases: [{ id: c.id, primary: true }],
      });
      expect(found[0]!.units.map((u: Body) => u.code)).toEqual(expect.arrayContaining(['bygglov', 'livsmedel']));
      expect((await listFor(coordinator, `caseId=${c.reference}`)).body.items.map((e: Body) => e.id)).toEqual([
        found[0]!.id,
      ]);
    });

    it('proposes no second table when the units are flagged again', async () => {
      const c = await routedCase();
      await flag(desk, c.id, { units: ['livsmedel'] });
      const before = await tableCounts(app);

      const res = await flag(bygg, c.id, { units: ['livsmedel', 'raddningstjanst'] });

      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(await tablesOfCase(c.id)).toHaveLength(1);
      const after = await tableCounts(app);
      expect(after.escalations).toBe(before.escalations);
      expect(after.escalation_cases).toBe(before.escalation_cases);
    });

    it('rejects flagging units on a complaint naming units, and writes nothing', async () => {
      const complaint = await register(app, desk, complaintBody({ company: newCompany(), unit: 'bygglov' }));

      const res = await expectNothingWritten(() => flag(desk, complaint.id, { units: ['bygglov', 'livsmedel'] }));

      expectFieldError(res, 'units');
    });

    it('rejects an unknown unit naming its index', async () => {
      const c = await routedCase();

      const res = await expectNothingWritten(() => flag(desk, c.id, { units: ['livsmedel', 'nowhere'] }));

      expectFieldError(res, 'units.1');
    });

    it('rejects an empty list of units', async () => {
      const c = await routedCase();

      const res = await expectNothingWritten(() => flag(desk, c.id, { units: [] }));

      expectFieldError(res, 'units');
    });

    it('answers 404 for an unknown case and for a case of another unit', async () => {
      const hidden = await routedCase(newCompany(), 'livsmedel');

      const unknown = await expectNothingWritten(() => flag(desk, 'HS-2026-999999', { units: ['livsmedel'] }));
      const other = await expectNothingWritten(() => flag(bygg, hidden.id, { units: ['bygglov', 'livsmedel'] }));

      expectProblem(unknown, 404);
      expectProblem(other, 404);
    });

    it('proposes a table for a company case registered with another unit involved', async () => {
      const c = await companyCase(newCompany(), { category: 'bygglov', involvedUnits: ['livsmedel'] });

      const found = await tablesOfCase(c.id);

      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ origin: 'multi_unit', status: 'requested' });
    });

    it('proposes nothing for a company case registered with only its own unit', async () => {
      const before = await tableCounts(app);

      const c = await companyCase(newCompany(), { category: 'bygglov', involvedUnits: ['bygglov'] });

      expect(await tablesOfCase(c.id)).toEqual([]);
      expect((await tableCounts(app)).escalations).toBe(before.escalations);
    });

    it('rejects involved units on a complaint at registration', async () => {
      const res = await expectNothingWritten(() =>
        app.request('POST', '/api/cases', { token: desk.token, body: complaintBody({ involvedUnits: ['livsmedel'] }) }),
      );

      expectFieldError(res, 'involvedUnits');
    });

    it('answers 409 conflict when the desk asks for a table for a case already proposed for one', async () => {
      const c = await companyCase(newCompany(), { involvedUnits: ['livsmedel'] });
      const [proposal] = await tablesOfCase(c.id);

      const res = await expectNothingWritten(() =>
        app.request('POST', '/api/escalations', { token: desk.token, body: { caseId: c.id, reason } }),
      );

      expectConflict(res);
      expect(res.body.escalationId).toBe(proposal!.id);
    });
  });
});
