import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectFieldError, expectProblem } from '../support/problem.js';
import { type TestUser } from '../support/test-app.js';
import { newCompany, type Body, useServiceGroupApp } from './service-group-support.js';

describe('"dukat bord": input validation, roles and error answers', () => {
  const { app, desk, coordinator, admin, bygg, manager, outsider, expectNothingWritten, companyCase, requestFor } =
    useServiceGroupApp();

  describe('the register (/api/service-group)', () => {
    const unitCodes = [
      'medborgarcenter',
      'bygglov',
      'miljo-halsoskydd',
      'livsmedel',
      'serveringstillstand',
      'raddningstjanst',
      'mark-exploatering',
      'naringsliv',
      'upphandling',
    ];
    const putMember = (user: TestUser, unit: string, userId: string, body: unknown = { title: 'Handläggare' }) =>
      app.request('PUT', `/api/service-group/units/${unit}/members/${userId}`, { token: user.token, body });
    const deleteMember = (user: TestUser, unit: string, userId: string) =>
      app.request('DELETE', `/api/service-group/units/${unit}/members/${userId}`, { token: user.token });
    const putCategory = (user: TestUser, category: string, body: unknown) =>
      app.request('PUT', `/api/service-group/categories/${category}`, { token: user.token, body });
    const membersOf = (register: Body, unit: string) =>
      (register.units as Body[]).find((u) => u.code === unit)!.members as Body[];

    it('lists every unit to any member of staff', async () => {
      const res = await app.request('GET', '/api/service-group', { token: outsider.token });

      expect(res.status).toBe(200);
      expect(res.body.units.map((u: Body) => u.code)).toEqual(unitCodes);
      for (const u of res.body.units)
        expect(u).toEqual({
          code: expect.any(String),
          label: expect.any(String),
          members: expect.any(Array),
          categories: expect.any(Array),
        });
      expect(membersOf(res.body, 'bygglov')).toEqual(
        expect.arrayContaining([expect.objectContaining({ userId: bygg.id, title: 'Bygglovshandläggare' })]),
      );
      expect(res.body.categories.map((c: Body) => c.code)).not.toContain('klagomal');
    });

    it('answers 401 without a token, and changes nothing', async () => {
      const read = await app.request('GET', '/api/service-group');
      const put = await expectNothingWritten(() =>
        app.request('PUT', `/api/service-group/units/bygglov/members/${outsider.id}`, {
          body: { title: 'Handläggare' },
        }),
      );
      const del = await expectNothingWritten(() =>
        app.request('DELETE', `/api/service-group/units/bygglov/members/${bygg.id}`),
      );
      const cat = await expectNothingWritten(() =>
        app.request('PUT', '/api/service-group/categories/ovrigt', { body: { units: ['upphandling'] } }),
      );

      for (const res of [read, put, del, cat]) expectProblem(res, 401);
    });

    it('lets the coordinator add a member, who appears with their title', async () => {
      const user = await app.user('officer', 'raddningstjanst', 'Britt Brand');

      const res = await putMember(coordinator, 'raddningstjanst', user.id, { title: 'Brandinspektör' });

      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(membersOf(res.body, 'raddningstjanst')).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ userId: user.id, name: 'Britt Brand', title: 'Brandinspektör', active: true }),
        ]),
      );
      const read = await app.request('GET', '/api/service-group', { token: desk.token });
      expect(membersOf(read.body, 'raddningstjanst').map((m) => m.userId)).toContain(user.id);
    });

    it('changes the title of a member already in the unit, without a second row', async () => {
      const user = await app.user('officer', 'naringsliv');
      await putMember(coordinator, 'naringsliv', user.id, { title: 'Näringslivsutvecklare' });

      const res = await putMember(admin, 'naringsliv', user.id, { title: 'Företagslots' });

      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(membersOf(res.body, 'naringsliv').filter((m) => m.userId === user.id)).toEqual([
        expect.objectContaining({ title: 'Företagslots' }),
      ]);
    });

    it.each(['officer', 'desk', 'manager'] as const)(
      'forbids a %s to change the register: 403 and nothing written',
      async (who) => {
        const user = { officer: bygg, desk, manager }[who];
        const someone = await app.user('officer', 'naringsliv');

        const put = await expectNothingWritten(() => putMember(user, 'naringsliv', someone.id));
        const del = await expectNothingWritten(() => deleteMember(user, 'bygglov', bygg.id));
        const cat = await expectNothingWritten(() =>
          putCategory(user, 'ovrigt', { units: ['naringsliv', 'upphandling'] }),
        );

        expectProblem(put, 403);
        expectProblem(del, 403);
        expectProblem(cat, 403);
      },
    );

    const invalidMembers: Array<{ name: string; unit: string; userId: () => string; body: unknown; path: string }> = [
      {
        name: 'an unknown unit',
        unit: 'nowhere',
        userId: () => bygg.id,
        body: { title: 'Handläggare' },
        path: 'params.unit',
      },
      {
        name: 'a user id that is not a uuid',
        unit: 'bygglov',
        userId: () => 'bo.bygg',
        body: { title: 'Handläggare' },
        path: 'params.userId',
      },
      { name: 'a missing title', unit: 'bygglov', userId: () => bygg.id, body: {}, path: 'title' },
      { name: 'an empty title', unit: 'bygglov', userId: () => bygg.id, body: { title: ' ' }, path: 'title' },
      {
        name: 'a title over 120 characters',
        unit: 'bygglov',
        userId: () => bygg.id,
        body: { title: 't'.repeat(121) },
        path: 'title',
      },
      {
        name: 'a field the member does not have',
        unit: 'bygglov',
        userId: () => bygg.id,
        body: { title: 'Handläggare', phone: '08-123' },
        path: 'phone',
      },
    ];

    it.each(invalidMembers)('rejects adding a member with $name naming $path', async ({ unit, userId, body, path }) => {
      const res = await expectNothingWritten(() => putMember(coordinator, unit, userId(), body));

      expectFieldError(res, path);
    });

    it('answers 404 for a user that does not exist', async () => {
      const res = await expectNothingWritten(() => putMember(coordinator, 'bygglov', randomUUID()));

      expectProblem(res, 404);
    });

    it('removes a member with 204, and answers 404 when asked again', async () => {
      const user = await app.user('officer', 'mark-exploatering');
      await putMember(coordinator, 'mark-exploatering', user.id, { title: 'Exploateringsingenjör' });

      const first = await deleteMember(coordinator, 'mark-exploatering', user.id);
      const again = await expectNothingWritten(() => deleteMember(coordinator, 'mark-exploatering', user.id));

      expect(first.status).toBe(204);
      expect(first.body).toBeNull();
      expectProblem(again, 404);
      const read = await app.request('GET', '/api/service-group', { token: coordinator.token });
      expect(membersOf(read.body, 'mark-exploatering').map((m) => m.userId)).not.toContain(user.id);
    });

    it('rejects removing a member of an unknown unit naming params.unit', async () => {
      const res = await expectNothingWritten(() => deleteMember(coordinator, 'nowhere', bygg.id));

      expectFieldError(res, 'params.unit');
    });

    const invalidCategories: Array<{ name: string; category: string; body: unknown; path: string }> = [
      { name: 'an unknown unit', category: 'ovrigt', body: { units: ['naringsliv', 'nowhere'] }, path: 'units.1' },
      { name: 'no units', category: 'ovrigt', body: { units: [] }, path: 'units' },
      { name: 'units that is not a list', category: 'ovrigt', body: { units: 'naringsliv' }, path: 'units' },
      { name: 'an unknown category', category: 'fiskevard', body: { units: ['naringsliv'] }, path: 'params.category' },
      {
        name: 'a complaint category, which never comes to a table',
        category: 'klagomal',
        body: { units: ['naringsliv'] },
        path: 'params.category',
      },
      {
        name: 'a field the body does not have',
        category: 'ovrigt',
        body: { units: ['naringsliv'], note: 'x' },
        path: 'note',
      },
    ];

    it.each(invalidCategories)(
      'rejects setting category units with $name naming $path',
      async ({ category, body, path }) => {
        const before = (await app.request('GET', '/api/service-group', { token: coordinator.token })).body.categories;

        const res = await expectNothingWritten(() => putCategory(coordinator, category, body));

        expectFieldError(res, path);
        expect((await app.request('GET', '/api/service-group', { token: coordinator.token })).body.categories).toEqual(
          before,
        );
      },
    );

    it("lets the coordinator set a category's units, and a new table for that category then suggests those units' members", async () => {
      const upp = await app.user('officer', 'upphandling', 'Ulla Upphandlare');
      expect((await putMember(coordinator, 'upphandling', upp.id, { title: 'Upphandlare' })).status).toBe(200);
      const before = await requestFor(await companyCase(newCompany(), { category: 'anmalan' }));
      expect(before.suggestedParticipants.map((p: Body) => p.id)).not.toContain(upp.id);

      const res = await putCategory(coordinator, 'anmalan', { units: ['upphandling'] });

      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.categories.find((c: Body) => c.code === 'anmalan').units).toEqual(['upphandling']);
      expect(res.body.units.find((u: Body) => u.code === 'upphandling').categories).toContain('anmalan');
      const after = await requestFor(await companyCase(newCompany(), { category: 'anmalan' }));
      expect(after.units.map((u: Body) => u.code)).toContain('upphandling');
      expect(after.suggestedParticipants).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: upp.id, title: 'Upphandlare', unit: 'upphandling' })]),
      );
    });
  });
});
