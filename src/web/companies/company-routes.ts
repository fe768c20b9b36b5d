import { Router, type Request, type RequestHandler } from 'express';
import type { AppContext } from '../../context.js';
import { AppError } from '../../domain/errors.js';
import {
  assertMayRenameCompany,
  companyView,
  renameCompany,
  renameCompanySchema,
} from '../../application/rename-company.js';
import { csrfToken, verifyCsrf } from '../csrf.js';
import { requireStaff } from '../staff-session.js';
import { bodyOf, formIssues, formStack, textOf } from '../register/form-parts.js';
import { companyPage } from './company-page.js';

const idOf = (req: Request) => String(req.params.id ?? '').slice(0, 40);
const mayKeepRegister: RequestHandler = (req, _res, next) => {
  assertMayRenameCompany(req.staff!);
  next();
};

/** Företag: GET /foretag/:id and POST /foretag/:id/namn, on the same use cases as /api/companies. */
export function companyPages(ctx: AppContext, page: RequestHandler[]): Router {
  const router = Router();
  const guard = [requireStaff, mayKeepRegister];

  router.get('/foretag/:id', ...page, ...guard, async (req, res) => {
    const notice =
      req.query.klart === 'namn' ? 'Namnet är ändrat. Det tidigare namnet finns kvar i listan nedan.' : undefined;
    res.type('html').send(
      companyPage({
        user: req.staff!,
        csrfToken: csrfToken(req),
        company: await companyView(ctx, req.staff!, idOf(req)),
        notice,
      }),
    );
  });

  router.post('/foretag/:id/namn', ...formStack(page, 10), verifyCsrf(ctx), ...guard, async (req, res) => {
    const body = bodyOf(req);
    const values = { name: textOf(body, 'name'), reason: textOf(body, 'reason') };
    const refuse = async (errors: { path: string; message: string }[]) =>
      res
        .status(400)
        .type('html')
        .send(
          companyPage({
            user: req.staff!,
            csrfToken: csrfToken(req),
            company: await companyView(ctx, req.staff!, idOf(req)),
            values,
            errors,
          }),
        );
    const parsed = renameCompanySchema.safeParse({
      ...values,
      expectedName: textOf(body, 'expectedName') || undefined,
    });
    if (!parsed.success) return void (await refuse(formIssues(parsed.error, (p) => p)));
    try {
      await renameCompany(ctx, req.staff!, idOf(req), parsed.data);
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== 'invalid_input' && err.code !== 'conflict')) throw err;
      return void (await refuse(
        err.errors.length
          ? err.errors.map((e) => (e.path === 'expectedName' ? { path: '(form)', message: err.message } : e))
          : [{ path: '(form)', message: err.message }],
      ));
    }
    res.redirect(303, `/foretag/${idOf(req)}?klart=namn`);
  });

  return router;
}
