import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { complaintBody, register, tableCounts } from '../support/fixtures.js';
import { expectFieldError, expectProblem } from '../support/problem.js';
import { expectConflict, without, newCompany, reason, useServiceGroupApp } from './service-group-support.js';

describe('"dukat bord": input validation, roles and error answers', () => {
  const { app, desk, bygg, expectNothingWritten, companyCase, routedCase, closedCase, requestFor, step } =
    useServiceGroupApp();

  describe('asking for a table (POST /api/escalations)', () => {
    const invalidRequests: Array<{ name: string; build: () => Promise<unknown>; path: string }> = [
      { name: 'a request without reason', build: async () => ({ caseId: (await routedCase()).id }), path: 'reason' },
      { name: 'an empty reason', build: async () => ({ caseId: (await routedCase()).id, reason: '' }), path: 'reason' },
      {
        name: 'a reason of only whitespace',
        build: async () => ({ caseId: (await routedCase()).id, reason: '   ' }),
        path: 'reason',
      },
      {
        name: 'a reason with a NUL character',
        build: async () => ({ caseId: (await routedCase()).id, reason: 'Tre\u0000enheter' }),
        path: 'reason',
      },
      { name: 'a request without caseId', build: async () => ({ reason }), path: 'caseId' },
      { name: 'an unknown case id', build: async () => ({ caseId: randomUUID(), reason }), path: 'caseId' },
      { name: 'an unknown case reference', build: async () => ({ caseId: 'HS-2026-999999', reason }), path: 'caseId' },
      { name: 'a garbage case id', build: async () => ({ caseId: 'garbage', reason }), path: 'caseId' },
      {
        name: 'a complaint',
        build: async () => ({
          caseId: (await register(app, desk, complaintBody({ company: newCompany() }))).id,
          reason,
        }),
        path: 'caseId',
      },
      {
        name: 'a complaint without company',
        build: async () => ({ caseId: (await register(app, desk, without(complaintBody(), 'company'))).id, reason }),
        path: 'caseId',
      },
      { name: 'a closed case', build: async () => ({ caseId: (await closedCase()).id, reason }), path: 'caseId' },
      {
        name: "another company's case among otherCaseIds",
        build: async () => ({ caseId: (await routedCase()).id, reason, otherCaseIds: [(await routedCase()).id] }),
        path: 'otherCaseIds.0',
      },
      {
        name: 'an unknown case second among otherCaseIds',
        build: async () => {
          const company = newCompany();
          return {
            caseId: (await routedCase(company)).id,
            reason,
            otherCaseIds: [(await companyCase(company)).id, randomUUID()],
          };
        },
        path: 'otherCaseIds.1',
      },
      {
        name: 'a closed case of the company among otherCaseIds',
        build: async () => {
          const company = newCompany();
          return { caseId: (await routedCase(company)).id, reason, otherCaseIds: [(await closedCase(company)).id] };
        },
        path: 'otherCaseIds.0',
      },
      {
        name: 'a complaint of the same company among otherCaseIds',
        build: async () => {
          const company = newCompany();
          return {
            caseId: (await routedCase(company)).id,
            reason,
            otherCaseIds: [(await register(app, desk, complaintBody({ company }))).id],
          };
        },
        path: 'otherCaseIds.0',
      },
      {
        name: 'the primary case again among otherCaseIds, by reference',
        build: async () => {
          const c = await routedCase();
          return { caseId: c.id, reason, otherCaseIds: [c.reference] };
        },
        path: 'otherCaseIds.0',
      },
      {
        name: 'the same other case twice',
        build: async () => {
          const company = newCompany();
          const other = await companyCase(company);
          return { caseId: (await routedCase(company)).id, reason, otherCaseIds: [other.id, other.reference] };
        },
        path: 'otherCaseIds.1',
      },
      {
        name: 'otherCaseIds that is not an array',
        build: async () => ({ caseId: (await routedCase()).id, reason, otherCaseIds: 'HS-2026-000001' }),
        path: 'otherCaseIds',
      },
      {
        name: 'a field the request does not have',
        build: async () => ({ caseId: (await routedCase()).id, reason, priority: 'high' }),
        path: 'priority',
      },
    ];

    it.each(invalidRequests)('rejects $name with 400 naming $path and writes nothing', async ({ build, path }) => {
      const body = await build();
      const before = await tableCounts(app);

      const res = await app.request('POST', '/api/escalations', { token: desk.token, body });

      expectFieldError(res, path);
      expect(await tableCounts(app)).toEqual(before);
    });

    it('rejects a body that is not valid JSON with 400', async () => {
      const res = await expectNothingWritten(() =>
        app.request('POST', '/api/escalations', { token: desk.token, rawBody: '{"caseId": ' }),
      );

      expectProblem(res, 400);
    });

    it('answers an officer who asks for a case of another unit as if the case did not exist', async () => {
      const c = await routedCase(newCompany(), 'livsmedel');

      const res = await expectNothingWritten(() =>
        app.request('POST', '/api/escalations', { token: bygg.token, body: { caseId: c.id, reason } }),
      );

      expectFieldError(res, 'caseId');
      expect(JSON.stringify(res.body)).not.toContain(c.reference);
    });

    it('answers 409 conflict, naming the open table, for a case already at one', async () => {
      const c = await routedCase();
      const first = await requestFor(c);

      const res = await expectNothingWritten(() =>
        app.request('POST', '/api/escalations', { token: desk.token, body: { caseId: c.reference, reason } }),
      );

      expectConflict(res);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['caseId']);
      expect(res.body.escalationId).toBe(first.id);
    });

    it('answers 409 conflict for another case of the company that already sits at an open table', async () => {
      const company = newCompany();
      const atTable = await routedCase(company);
      await requestFor(atTable);
      const fresh = await routedCase(company);

      const res = await expectNothingWritten(() =>
        app.request('POST', '/api/escalations', {
          token: desk.token,
          body: { caseId: fresh.id, reason, otherCaseIds: [atTable.id] },
        }),
      );

      expectConflict(res);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['otherCaseIds.0']);
    });

    it('lets a case come to a new table once its last one was declined', async () => {
      const c = await routedCase();
      await step(await requestFor(c), 'DECLINE', { reason: 'Ärendet klaras inom enheten.' });

      const res = await app.request('POST', '/api/escalations', { token: desk.token, body: { caseId: c.id, reason } });

      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.status).toBe('requested');
    });

    it('lets an officer ask for a table for a case of their unit, recorded as theirs', async () => {
      const c = await routedCase();

      const res = await app.request('POST', '/api/escalations', { token: bygg.token, body: { caseId: c.id, reason } });

      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ origin: 'manual', requestedBy: { id: bygg.id }, allowedEvents: [] });
    });

    it('answers 401 without a token and writes nothing', async () => {
      const c = await routedCase();

      const res = await expectNothingWritten(() =>
        app.request('POST', '/api/escalations', { body: { caseId: c.id, reason } }),
      );

      expectProblem(res, 401);
    });
  });
});
