import { Router, type Request, type RequestHandler } from 'express';
import type { AppContext } from '../../context.js';
import { toCaseViews } from '../../application/case-view.js';
import type { CaseView } from '../../application/case-view-schema.js';
import { listCases, listCasesQuerySchema } from '../../application/list-cases.js';
import { crossFieldErrors, registerCase } from '../../application/register-case.js';
import { registerCaseSchema } from '../../application/register-case-input.js';
import { visitReport } from '../../application/reports/visit-report.js';
import { AppError, type FieldError } from '../../domain/errors.js';
import { html } from '../../views/html.js';
import { csrfToken, verifyCsrf } from '../csrf.js';
import { renderStaffPage, type PageUser } from '../staff-layout.js';
import { requireStaff } from '../staff-session.js';
import {
  bodyOf,
  errorSummary,
  formIssues,
  formStack,
  textArea,
  textField,
  textOf,
  type Anchor,
  type Values,
} from '../register/form-parts.js';
import { requireRegistering } from '../register/register-routes.js';
import { caseStylesheet } from '../cases/case-css.js';
import { swedishDay } from '../cases/case-format.js';

const fields: Record<string, { label: string; api: string }> = {
  orgNumber: { label: 'Organisationsnummer', api: 'company.orgNumber' },
  companyName: { label: 'Företagets namn', api: 'company.name' },
  contactName: { label: 'Kontaktperson', api: 'contact.name' },
  contactEmail: { label: 'Kontaktpersonens e-post', api: 'contact.email' },
  contactPhone: { label: 'Kontaktpersonens telefon', api: 'contact.phone' },
  subject: { label: 'Rubrik', api: 'subject' },
  description: { label: 'Plan för besöket', api: 'description' },
};
const fieldOfApi = (path: string) =>
  Object.entries(fields).find(([, f]) => f.api === path || path.startsWith(`${f.api}.`))?.[0] ??
  (path.startsWith('company') ? 'orgNumber' : path.startsWith('contact') ? 'contactName' : path);
const anchors: Record<string, Anchor> = Object.fromEntries(
  Object.entries(fields).map(([k, f]) => [k, { id: `besok-${k}`, label: f.label }]),
);

interface Progress {
  year: number;
  done: number;
  target: number;
  targetToDate: number;
}

function visitsPage(o: {
  user: PageUser;
  csrf: string;
  progress: Progress;
  visits: CaseView[];
  values: Values;
  errors: FieldError[];
}): string {
  const v = o.values;
  const field = (name: string, extra: Partial<Parameters<typeof textField>[0]> = {}) =>
    textField({
      id: `besok-${name}`,
      name,
      label: fields[name]!.label,
      value: v[name] ?? '',
      errors: o.errors,
      ...extra,
    });
  const p = o.progress;
  const ahead = p.done - p.targetToDate;
  const body = html`${caseStylesheet}<h1>Företagsbesök</h1>
<p>Lotsande företagsbesök: Näringsliv besöker ett företag, lyssnar efter vad det behöver för att växa och ser till att varje behov når enheten som kan göra något åt det.</p>
<section aria-labelledby="mal-h">
<h2 id="mal-h">Årets mål</h2>
<p class="visit-target"><strong>${p.done} av ${p.target}</strong> besök är gjorda ${p.year}.</p>
<p>Målet hittills i år är ${p.targetToDate} besök. ${ahead >= 0 ? `Det är ${ahead} besök före målet.` : `Det är ${-ahead} besök efter målet.`}</p>
<p class="meta">Ett besök räknas den dag det gjordes, när det är dokumenterat. <a href="/rapporter">Månad för månad i Rapporter</a>.</p>
</section>
<section aria-labelledby="planera-h">
<h2 id="planera-h">Planera ett besök</h2>
${errorSummary('Besöket kunde inte planeras: rätta det som är fel', o.errors, anchors)}
<form method="post" action="/besok" novalidate aria-labelledby="planera-h">
<input type="hidden" name="_csrf" value="${o.csrf}">
${field('orgNumber', { inputmode: 'numeric', spellcheck: false, required: true, hint: 'Till exempel 556036-0793.' })}
${field('companyName', { required: true })}
${field('contactName', { required: true })}
${field('contactEmail', { type: 'email', optional: true, autocomplete: 'off' })}
${field('contactPhone', { type: 'tel', optional: true, autocomplete: 'off' })}
${field('subject', { required: true })}
${textArea({
  id: 'besok-description',
  name: 'description',
  label: fields.description!.label,
  value: v.description ?? '',
  errors: o.errors,
  optional: true,
  hint: 'När och var besöket ska göras, vem som följer med och vad det ska handla om.',
})}
<button type="submit">Planera besöket</button>
</form>
</section>
<section aria-labelledby="besok-lista-h">
<h2 id="besok-lista-h">Besök</h2>
${
  o.visits.length === 0
    ? html`<p>Inga besök är planerade ännu.</p>`
    : html`<table class="case-table">
<caption>Lotsande företagsbesök, nyaste först</caption>
<thead><tr><th scope="col">Besök</th><th scope="col">Företag</th><th scope="col">Läge</th><th scope="col">Besökare</th><th scope="col">Planerat</th></tr></thead>
<tbody>${o.visits.map(
        (c) => html`<tr>
<th scope="row" data-label="Besök"><a href="/arenden/${c.reference}">${c.reference}</a><span class="subject">${c.subject}</span></th>
<td data-label="Företag">${c.company?.name ?? '–'}</td>
<td data-label="Läge">${c.statusLabel}</td>
<td data-label="Besökare">${c.assignee?.name ?? 'Ingen besökare ännu'}</td>
<td data-label="Planerat">${swedishDay(c.createdAt)}</td>
</tr>`,
      )}</tbody>
</table>`
}
</section>`;
  return renderStaffPage({ title: 'Företagsbesök', user: o.user, csrfToken: o.csrf, body, current: '/besok' });
}

/** Företagsbesök: the year's target, planning a visit, and the visits, on the API's use cases. */
export function visitPages(ctx: AppContext, page: RequestHandler[]): Router {
  const router = Router();
  const guard = [requireStaff, requireRegistering];

  const render = async (req: Request, values: Values, errors: FieldError[]) => {
    const actor = req.staff!;
    const year = Number(
      new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric' }).format(ctx.clock.now()),
    );
    // The same figures as GET /api/reports/visits.
    const report = await visitReport(ctx, { year });
    const last = report.rows[report.rows.length - 1];
    const progress = {
      year,
      done: last?.cumulative ?? 0,
      target: ctx.config.VISITS_TARGET_PER_YEAR,
      targetToDate: last?.targetToDate ?? 0,
    };
    const { rows } = await listCases(ctx, actor, listCasesQuerySchema.parse({ kind: 'company_visit', limit: '50' }), {
      openOnly: false,
    });
    return visitsPage({
      user: actor,
      csrf: csrfToken(req),
      progress,
      visits: await toCaseViews(ctx, actor, rows, false),
      values,
      errors,
    });
  };

  router.get('/besok', ...page, ...guard, async (req, res) => {
    res.type('html').send(await render(req, {}, []));
  });

  router.post('/besok', ...formStack(page, 20), verifyCsrf(ctx), ...guard, async (req, res) => {
    const body = bodyOf(req);
    const values: Values = Object.fromEntries(Object.keys(fields).map((k) => [k, textOf(body, k)]));
    const refuse = async (errors: FieldError[]) =>
      res
        .status(400)
        .type('html')
        .send(await render(req, values, errors));
    const optional = (s: string | undefined) => (s && s.trim() ? s : undefined);
    const input = (fill: (v: string | undefined) => string | undefined) => ({
      kind: 'company_visit',
      channel: 'company_visit',
      subject: fill(values.subject),
      description: values.description,
      company: { orgNumber: fill(values.orgNumber), name: fill(values.companyName) },
      contact: {
        name: fill(values.contactName),
        ...(optional(values.contactEmail) ? { email: values.contactEmail!.trim() } : {}),
        ...(optional(values.contactPhone) ? { phone: values.contactPhone } : {}),
      },
    });
    const parsed = registerCaseSchema.safeParse(input((v) => v));
    const errors = parsed.success ? [] : formIssues(parsed.error, fieldOfApi);
    // Every error at once: an empty field stands in as a placeholder so that the rules across
    // fields (the organisation number's form and check digit, e-mail or phone) still run.
    const whole = parsed.success ? parsed : registerCaseSchema.safeParse(input((v) => (v && v.trim() ? v : '–')));
    if (whole.success)
      for (const e of crossFieldErrors(whole.data, ctx.clock.now()).errors)
        if (!errors.some((x) => x.path === fieldOfApi(e.path)))
          errors.push({ path: fieldOfApi(e.path), message: e.message });
    if (errors.length || !parsed.success) return void (await refuse(inFieldOrder(errors)));
    try {
      const row = await registerCase(ctx, req.staff!, parsed.data);
      res.redirect(303, `/arenden/${row.reference}`);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'invalid_input') throw err;
      await refuse(
        err.errors.length
          ? inFieldOrder(err.errors.map((e) => ({ path: fieldOfApi(e.path), message: e.message })))
          : [{ path: '(form)', message: err.message }],
      );
    }
  });

  return router;
}

const order = Object.keys(fields);
const inFieldOrder = (errors: FieldError[]) =>
  [...errors].sort((a, b) => order.indexOf(a.path) - order.indexOf(b.path));
