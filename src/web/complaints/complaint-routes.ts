import { Router, type Request, type RequestHandler } from 'express';
import type { AppContext } from '../../context.js';
import { AppError } from '../../domain/errors.js';
import { mayRegister } from '../../domain/roles.js';
import { isUnit } from '../../domain/units.js';
import { toCaseViews } from '../../application/case-view.js';
import { listCases, listCasesQuerySchema } from '../../application/list-cases.js';
import { registerCase } from '../../application/register-case.js';
import { complaintConcerns } from '../../../workflows/complaint-events.js';
import { csrfToken, verifyCsrf } from '../csrf.js';
import { staffNav } from '../staff-layout.js';
import { requireStaff, requireStaffRole } from '../staff-session.js';
import { bodyOf, formStack } from '../register/form-parts.js';
import { requireRegistering } from '../register/register-routes.js';
import { complaintFieldOf, parseComplaint } from './complaint-form.js';
import { complaintFormPage } from './complaint-form-page.js';
import { complaintListPage, type ComplaintFilters } from './complaint-list-page.js';

const query = (req: Request, key: string) => (typeof req.query[key] === 'string' ? (req.query[key] as string) : '');

/** Klagomål: the list with its filters (GET /klagomal) and registration (GET/POST /klagomal/ny). */
export function complaintPages(ctx: AppContext, page: RequestHandler[], _form: RequestHandler[]): Router {
  const router = Router();
  // The roles the navigation shows the section to; what each sees is listCases' visibility.
  const listRoles = staffNav.find((n) => n.href === '/klagomal')!.roles;

  router.get('/klagomal', ...page, requireStaff, requireStaffRole(...listRoles), async (req, res) => {
    const status = query(req, 'status');
    const filters: ComplaintFilters = {
      status: status === 'closed' || status === 'all' ? status : 'open',
      unit: isUnit(query(req, 'enhet')) ? query(req, 'enhet') : '',
      concern: (complaintConcerns as readonly string[]).includes(query(req, 'galler')) ? query(req, 'galler') : '',
    };
    const cursor = query(req, 'fran');
    const parsed = listCasesQuerySchema.parse({
      kind: 'complaint',
      limit: '50',
      ...(filters.status === 'all' ? {} : { open: filters.status === 'open' ? 'true' : 'false' }),
      ...(filters.unit ? { unit: filters.unit } : {}),
      ...(filters.concern ? { concern: filters.concern } : {}),
      ...(cursor ? { cursor } : {}),
    });
    const { rows, nextCursor } = await listCases(ctx, req.staff!, parsed);
    const items = await toCaseViews(ctx, req.staff!, rows, false);
    const next = nextCursor
      ? `/klagomal?${new URLSearchParams({ status: filters.status, enhet: filters.unit, galler: filters.concern, fran: nextCursor })}`
      : null;
    res.type('html').send(
      complaintListPage({
        user: req.staff!,
        csrfToken: csrfToken(req),
        filters,
        items,
        nextHref: next,
        mayRegister: mayRegister(req.staff!),
      }),
    );
  });

  router.get('/klagomal/ny', ...page, requireStaff, requireRegistering, (req, res) => {
    res
      .type('html')
      .send(complaintFormPage({ user: req.staff!, csrfToken: csrfToken(req), values: {}, concerns: [], errors: [] }));
  });

  router.post(
    '/klagomal/ny',
    ...formStack(page),
    verifyCsrf(ctx),
    requireStaff,
    requireRegistering,
    async (req, res) => {
      const parsed = parseComplaint(bodyOf(req), ctx.clock.now());
      const refuse = (errors: { path: string; message: string }[]) =>
        res
          .status(400)
          .type('html')
          .send(
            complaintFormPage({
              user: req.staff!,
              csrfToken: csrfToken(req),
              values: parsed.values,
              concerns: parsed.concerns,
              errors,
            }),
          );
      if (!parsed.input) return void refuse(parsed.errors);
      try {
        const row = await registerCase(ctx, req.staff!, parsed.input);
        res.redirect(303, `/arenden/${row.id}`);
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'invalid_input') throw err;
        refuse(
          err.errors.length
            ? err.errors.map((e) => ({ path: complaintFieldOf(e.path), message: e.message }))
            : [{ path: '(form)', message: err.message }],
        );
      }
    },
  );

  return router;
}
