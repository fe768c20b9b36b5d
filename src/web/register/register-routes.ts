import { Router, type Request, type RequestHandler } from 'express';
import type { AppContext } from '../../context.js';
import { AppError } from '../../domain/errors.js';
import { canSeeEscalation, mayActOn, mayRegister, type Actor } from '../../domain/roles.js';
import { newestTableOf } from '../../application/case-tables.js';
import { listCategories } from '../../application/list-categories.js';
import { registerCases } from '../../application/register-case.js';
import { searchCompanies } from '../../application/search-companies.js';
import { sendCaseEvent } from '../../application/send-case-event.js';
import { csrfToken, verifyCsrf } from '../csrf.js';
import { requireStaff } from '../staff-session.js';
import { bodyOf, formStack, type Values } from './form-parts.js';
import { fieldOfApiPath, parseRegistration, routeUnitOf } from './register-form.js';
import { registerPage } from './register-page.js';

/** Only roles that register (domain/roles.ts); the same rule registerCase enforces again. */
export const requireRegistering: RequestHandler = (req, _res, next) => {
  if (!req.staff || !mayRegister(req.staff)) throw new AppError('forbidden', 'Din roll får inte registrera ärenden.');
  next();
};

// What this user may do with a case just registered, asked of the same rules the events obey.
const stepsFor = (actor: Actor) => {
  const fresh = {
    kind: 'company_case' as const,
    status: 'registered',
    unit: null,
    assigneeId: null,
    createdBy: actor.id,
  };
  return { route: mayActOn(actor, fresh, 'ROUTE'), resolve: mayActOn(actor, fresh, 'RESOLVE_AT_FIRST_CONTACT') };
};

/** Registrera ärende: GET and POST /arenden/ny, mounted before /arenden/:id so "ny" is never taken for an id. */
export function registerPages(ctx: AppContext, page: RequestHandler[], _form: RequestHandler[]): Router {
  const router = Router();
  const guard = [requireStaff, requireRegistering];

  const render = async (
    req: Request,
    search: string | null,
    values: Values,
    errors: { path: string; message: string }[],
  ) => {
    const categories = (await listCategories(ctx)).filter((c) => c.kind === 'company_case');
    const matches = search ? await searchCompanies(ctx.db, search) : [];
    return registerPage({
      user: req.staff!,
      csrfToken: csrfToken(req),
      search,
      matches,
      categories,
      values,
      errors,
      steps: stepsFor(req.staff!),
    });
  };

  router.get('/arenden/ny', ...page, ...guard, async (req, res) => {
    const search = typeof req.query.foretag === 'string' ? req.query.foretag.trim().slice(0, 100) : '';
    const values: Values = {};
    if (search) {
      // No match for a number: it is most likely a new company, so the number is kept for it.
      const matches = await searchCompanies(ctx.db, search);
      if (matches.length === 0) {
        if (/\d{6}/.test(search)) values.orgNumber = search;
        else values.companyName = search;
      }
    }
    res.type('html').send(await render(req, search || null, values, []));
  });

  router.post('/arenden/ny', ...formStack(page), verifyCsrf(ctx), ...guard, async (req, res) => {
    const actor = req.staff!;
    const parsed = await parseRegistration(ctx.db, bodyOf(req), ctx.clock.now());
    const search = parsed.values.foretag || null;
    const refuse = async (errors: { path: string; message: string }[]) =>
      res
        .status(400)
        .type('html')
        .send(await render(req, search, parsed.values, errors));
    if (!parsed.input) return void (await refuse(parsed.errors));
    const step = parsed.step;
    try {
      // Registration and the first step commit together, or neither does; with several
      // categories each case takes the step, routed to its own category's unit.
      const rows = await registerCases(ctx, actor, parsed.input, {
        within: step
          ? async (tx, row) => {
              const event =
                step.type === 'ROUTE' ? { type: 'ROUTE' as const, unit: routeUnitOf(step, row.category) } : step;
              await sendCaseEvent(tx, actor, row.id, { expectedVersion: row.version, ...event });
            }
          : undefined,
      });
      // Cases registered together land on their common table, which lists each of them.
      const together =
        rows.length > 1 &&
        canSeeEscalation(actor, { requestedBy: null, participantIds: [], actionOwnerIds: [], cases: rows });
      const table = together ? await newestTableOf(ctx, rows[0]!.id) : undefined;
      res.redirect(303, table ? `/dukat-bord/${table}?klart=registrerade` : `/arenden/${rows[0]!.id}`);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'invalid_input') throw err;
      const errors = err.errors.length
        ? err.errors.map((e) => ({ path: fieldOfApiPath(e.path), message: e.message }))
        : [{ path: '(form)', message: err.message }];
      await refuse(errors);
    }
  });

  return router;
}
