import { Router, type Request, type RequestHandler } from 'express';
import type { AppContext } from '../context.js';
import { AppError, notFound } from '../domain/errors.js';
import { createUser } from '../application/create-user.js';
import { findPerson, listUsers, setUserActive, setUserPassword, unlockUser } from '../application/manage-users.js';
import { csrfToken, verifyCsrf } from './csrf.js';
import { requireStaff, requireStaffRole } from './staff-session.js';
import { passwordPage, userAdminPage } from './user-admin-page.js';

const notices: Record<string, string> = {
  skapad: 'Användaren har lagts till.',
  inaktiverad: 'Användaren är inaktiverad och kan inte längre logga in.',
  aktiverad: 'Användaren är aktiv igen.',
  upplast: 'Kontot är upplåst.',
  losenord: 'Det nya lösenordet är sparat.',
};

const text = (body: Record<string, unknown>, key: string) =>
  typeof body[key] === 'string' ? (body[key] as string) : '';
const idOf = (req: Request) => String(req.params.id ?? '');

/** /admin/anvandare: the admin's list of users, a form to add one, and the per-user actions. */
export function userAdminRoutes(ctx: AppContext, page: RequestHandler[], form: RequestHandler[]): Router {
  const router = Router();
  const admin = [requireStaff, requireStaffRole('admin')];
  const post = [...form, verifyCsrf(ctx), ...admin];

  const render = async (
    req: Request,
    extra: { notice?: string; values?: Record<string, string>; errors?: { path: string; message: string }[] } = {},
  ) =>
    userAdminPage({
      user: req.staff!,
      csrfToken: csrfToken(req),
      users: await listUsers(ctx.db, ctx.clock.now()),
      ...extra,
    });

  router.get('/admin/anvandare', ...page, ...admin, async (req, res) => {
    const done = typeof req.query.klart === 'string' ? notices[req.query.klart] : undefined;
    res.type('html').send(await render(req, { notice: done }));
  });

  router.post('/admin/anvandare', ...post, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = {
      name: text(body, 'name'),
      email: text(body, 'email').trim(),
      role: text(body, 'role'),
      unit: text(body, 'unit'),
    };
    const password = text(body, 'password');
    try {
      // The same rules as the CLI and the API (create-user.ts); empty selects mean "none".
      await createUser(
        ctx.db,
        ctx.clock,
        { ...values, role: values.role || undefined, unit: values.unit || undefined, password },
        { scryptLog2N: ctx.config.PASSWORD_SCRYPT_LOG2N },
      );
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'invalid_input') throw err;
      // The password is never sent back into the page.
      return void res
        .status(400)
        .type('html')
        .send(
          await render(req, {
            values,
            errors: err.errors.length ? err.errors : [{ path: '(body)', message: err.message }],
          }),
        );
    }
    res.redirect(303, '/admin/anvandare?klart=skapad');
  });

  router.post('/admin/anvandare/:id/inaktivera', ...post, async (req, res) => {
    await setUserActive(ctx.db, idOf(req), false, req.staff!.id);
    res.redirect(303, '/admin/anvandare?klart=inaktiverad');
  });

  router.post('/admin/anvandare/:id/aktivera', ...post, async (req, res) => {
    await setUserActive(ctx.db, idOf(req), true, req.staff!.id);
    res.redirect(303, '/admin/anvandare?klart=aktiverad');
  });

  router.post('/admin/anvandare/:id/las-upp', ...post, async (req, res) => {
    await unlockUser(ctx.db, idOf(req));
    res.redirect(303, '/admin/anvandare?klart=upplast');
  });

  const target = async (req: Request) => {
    const who = await findPerson(ctx.db, idOf(req));
    if (!who) throw notFound('Användaren');
    return who;
  };

  router.get('/admin/anvandare/:id/losenord', ...page, ...admin, async (req, res) => {
    res.type('html').send(passwordPage({ user: req.staff!, csrfToken: csrfToken(req), target: await target(req) }));
  });

  router.post('/admin/anvandare/:id/losenord', ...post, async (req, res) => {
    const who = await target(req);
    try {
      await setUserPassword(
        ctx.db,
        ctx.clock,
        who.id,
        text((req.body ?? {}) as Record<string, unknown>, 'password'),
        ctx.config.PASSWORD_SCRYPT_LOG2N,
      );
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'invalid_input') throw err;
      return void res
        .status(400)
        .type('html')
        .send(passwordPage({ user: req.staff!, csrfToken: csrfToken(req), target: who, errors: err.errors }));
    }
    // An admin who sets their own password stays logged in here; other sessions of theirs end.
    if (who.id === req.staff!.id) req.session.authAt = new Date(ctx.clock.now().getTime() + 1).toISOString();
    res.redirect(303, '/admin/anvandare?klart=losenord');
  });

  return router;
}
