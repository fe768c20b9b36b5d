import { Router, type Request, type RequestHandler } from 'express';
import type { AppContext } from '../../context.js';
import {
  categoryParams,
  categoryUnitsInputSchema,
  deleteMember,
  memberInputSchema,
  memberParams,
  putCategoryUnits,
  putMember,
  serviceGroupRegister,
} from '../../application/service-group-register.js';
import { activeStaffByName } from '../../application/staff-directory.js';
import { AppError, type FieldError } from '../../domain/errors.js';
import { roleLabels } from '../../domain/role-labels.js';
import { html, type Html } from '../../views/html.js';
import { csrfToken, verifyCsrf } from '../csrf.js';
import { renderStaffPage, type PageUser } from '../staff-layout.js';
import { requireStaff, requireStaffRole } from '../staff-session.js';
import { bodyOf, errorSummary, listOf, selectField, textField, textOf, type Anchor } from '../register/form-parts.js';

type Register = Awaited<ReturnType<typeof serviceGroupRegister>>;

interface Refusal {
  /** Which form: `add-<unit>`, `title-<unit>-<userId>` or `cat-<category>`. */
  form: string;
  values: Record<string, string | string[]>;
  errors: FieldError[];
}

const notices: Record<string, string> = {
  medlem: 'Medlemmen är sparad i servicegruppens register.',
  borttagen: 'Medlemmen är borttagen ur enheten i servicegruppens register.',
  kategori: 'Enheterna för kategorin är sparade. Nya dukade bord för kategorin föreslår dem.',
};

function unitBlock(
  u: Register['units'][number],
  users: { id: string; name: string; role: string }[],
  csrf: string,
  refused: Refusal | undefined,
): Html {
  const addForm = `add-${u.code}`;
  const addErrors = refused?.form === addForm ? refused.errors : [];
  const addValues = refused?.form === addForm ? refused.values : {};
  const candidates = users.filter((x) => !u.members.some((m) => m.userId === x.id));
  return html`<section class="register-unit" aria-labelledby="enhet-${u.code}-h">
<h3 id="enhet-${u.code}-h">${u.label}</h3>
${
  u.members.length
    ? html`<ul class="member-list">${u.members.map((m) => {
        const form = `title-${u.code}-${m.userId}`;
        const errors = refused?.form === form ? refused.errors : [];
        const value = refused?.form === form ? String(refused.values.title ?? '') : m.title;
        return html`<li><p><strong>${m.name}</strong>, ${m.title} <span class="meta">${roleLabels[m.role as keyof typeof roleLabels] ?? m.role}${m.active ? '' : ', inaktiv'}. ${m.email}</span></p>
<form method="post" action="/servicegruppen/${u.code}/medlemmar/${m.userId}" novalidate class="inline-fields">
<input type="hidden" name="_csrf" value="${csrf}">
${textField({ id: form, name: 'title', label: `Titel för ${m.name}`, value, errors, errorPath: form })}
<button type="submit" class="secondary">Spara titeln</button>
</form>
<form method="post" action="/servicegruppen/${u.code}/medlemmar/${m.userId}/ta-bort">
<input type="hidden" name="_csrf" value="${csrf}">
<button type="submit" class="secondary" aria-label="Ta bort ${m.name} ur ${u.label}">Ta bort ur enheten</button>
</form></li>`;
      })}</ul>`
    : html`<p>Ingen i enheten sitter med vid dukade bord ännu.</p>`
}
<form method="post" action="/servicegruppen/${u.code}/medlemmar" novalidate>
<input type="hidden" name="_csrf" value="${csrf}">
<div class="inline-fields">
${selectField({
  id: `${addForm}-user`,
  name: 'userId',
  label: 'Lägg till en person',
  options: [
    { value: '', label: 'Välj person' },
    ...candidates.map((x) => ({
      value: x.id,
      label: `${x.name}, ${(roleLabels[x.role as keyof typeof roleLabels] ?? x.role).toLowerCase()}`,
    })),
  ],
  value: String(addValues.userId ?? ''),
  errors: addErrors,
  errorPath: `${addForm}-user`,
})}
${textField({
  id: `${addForm}-title`,
  name: 'title',
  label: 'Titel',
  value: String(addValues.title ?? ''),
  errors: addErrors,
  errorPath: `${addForm}-title`,
  hint: 'Till exempel Bygglovshandläggare.',
})}
</div>
<button type="submit">Lägg till i ${u.label}</button>
</form>
${u.categories.length ? html`<p class="meta">Kallas för kategorierna: ${u.categories.join(', ')}.</p>` : ''}
</section>`;
}

function categoryForm(
  c: Register['categories'][number],
  unitList: Register['units'],
  csrf: string,
  refused: Refusal | undefined,
): Html {
  const form = `cat-${c.code}`;
  const errors = refused?.form === form ? refused.errors : [];
  const chosen = refused?.form === form ? (refused.values.units as string[]) : c.units;
  const error = errors[0]?.message;
  return html`<form method="post" action="/servicegruppen/kategorier/${c.code}" novalidate>
<input type="hidden" name="_csrf" value="${csrf}">
<fieldset class="checks" id="${form}"${error ? html` aria-describedby="${form}-error"` : ''}>
<legend>${c.label}</legend>
${error ? html`<p class="field-error" id="${form}-error">${error}</p>` : ''}
${unitList.map((u) => html`<div class="check"><input type="checkbox" id="${form}-${u.code}" name="units" value="${u.code}"${chosen.includes(u.code) ? ' checked' : ''}><label for="${form}-${u.code}">${u.label}</label></div>`)}
<button type="submit" class="secondary">Spara enheterna för ${c.label.toLowerCase()}</button>
</fieldset>
</form>`;
}

function registerPage(o: {
  user: PageUser;
  csrf: string;
  register: Register;
  users: { id: string; name: string; role: string }[];
  refused?: Refusal;
  notice?: string;
}): string {
  const categoryLabels = new Map(o.register.categories.map((c) => [c.code, c.label]));
  const units = o.register.units.map((u) => ({
    ...u,
    categories: u.categories.map((c) => categoryLabels.get(c) ?? c),
  }));
  const anchors: Record<string, Anchor> = {};
  for (const e of o.refused?.errors ?? [])
    anchors[e.path] = {
      id: e.path.startsWith('cat-') ? `${e.path}-${o.register.units[0]!.code}` : e.path,
      label: 'Fel',
    };
  const body = html`<p><a href="/dukat-bord">Till dukat bord</a></p>
<h1>Servicegruppens register</h1>
<p>Vilka som kan sitta med vid ett dukat bord för varje enhet, med sin titel, och vilka enheter varje kategori av ärenden brukar behöva. När ett dukat bord sätts samman föreslås medlemmarna i de enheter som berörs.</p>
${o.notice ? html`<p class="notice" role="status">${o.notice}</p>` : ''}
${o.refused ? errorSummary('Det gick inte att spara', o.refused.errors, anchors) : ''}
<section aria-labelledby="enheter-h">
<h2 id="enheter-h">Enheter och medlemmar</h2>
${units.map((u) => unitBlock(u, o.users, o.csrf, o.refused))}
</section>
<section aria-labelledby="kategorier-h">
<h2 id="kategorier-h">Kategorier och enheter</h2>
<p>Enheterna som ett dukat bord för ett ärende i kategorin brukar behöva.</p>
${o.register.categories.map((c) => categoryForm(c, o.register.units, o.csrf, o.refused))}
</section>`;
  return renderStaffPage({
    title: 'Servicegruppens register',
    user: o.user,
    csrfToken: o.csrf,
    body,
    current: '/servicegruppen',
  });
}

/** /servicegruppen: the register for the coordinator and admins, on the API's use cases (service-group-register.ts). */
export function serviceGroupRegisterPages(ctx: AppContext, page: RequestHandler[], form: RequestHandler[]): Router {
  const router = Router();
  const guard = [requireStaff, requireStaffRole('coordinator', 'admin')];
  const post = [...form, verifyCsrf(ctx), ...guard];

  const render = async (req: Request, extra: { refused?: Refusal; notice?: string } = {}) => {
    const users = await activeStaffByName(ctx);
    return registerPage({
      user: req.staff!,
      csrf: csrfToken(req),
      register: await serviceGroupRegister(ctx.db),
      users,
      ...extra,
    });
  };

  router.get('/servicegruppen', ...page, ...guard, async (req, res) => {
    const klart = typeof req.query.klart === 'string' ? notices[req.query.klart] : undefined;
    res.type('html').send(await render(req, klart ? { notice: klart } : {}));
  });

  // Adding a member and changing a title are one use case (PUT …/members/:userId in the API).
  const saveMember = async (
    req: Request,
    userId: string,
    formName: string,
    titlePath: string,
    userPath: string | null,
  ) => {
    const params = memberParams.safeParse({ unit: req.params.unit, userId });
    const title = textOf(bodyOf(req), 'title');
    const errors: FieldError[] = [];
    if (!params.success) {
      if (!userPath || !memberParams.shape.unit.safeParse(req.params.unit).success)
        throw new AppError('not_found', 'Enheten finns inte.');
      errors.push({ path: userPath, message: 'Välj en person.' });
    }
    const input = memberInputSchema.safeParse({ title });
    if (!input.success)
      errors.push({
        path: titlePath,
        message: title.trim() === '' ? 'Fyll i titeln.' : (input.error.issues[0]?.message ?? 'Titeln kan inte sparas.'),
      });
    if (errors.length || !params.success || !input.success)
      return { form: formName, values: { title, userId }, errors } satisfies Refusal;
    try {
      await putMember(ctx, req.staff!, params.data.unit, params.data.userId, input.data);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'not_found') throw err;
      return {
        form: formName,
        values: { title, userId },
        errors: [{ path: userPath ?? titlePath, message: 'Personen finns inte eller är inaktiv.' }],
      } satisfies Refusal;
    }
    return null;
  };

  router.post('/servicegruppen/:unit/medlemmar', ...post, async (req, res) => {
    const unit = String(req.params.unit);
    const refused = await saveMember(
      req,
      textOf(bodyOf(req), 'userId'),
      `add-${unit}`,
      `add-${unit}-title`,
      `add-${unit}-user`,
    );
    if (refused)
      return void res
        .status(400)
        .type('html')
        .send(await render(req, { refused }));
    res.redirect(303, '/servicegruppen?klart=medlem');
  });

  router.post('/servicegruppen/:unit/medlemmar/:userId', ...post, async (req, res) => {
    const form = `title-${String(req.params.unit)}-${String(req.params.userId)}`;
    const refused = await saveMember(req, String(req.params.userId), form, form, null);
    if (refused)
      return void res
        .status(400)
        .type('html')
        .send(await render(req, { refused }));
    res.redirect(303, '/servicegruppen?klart=medlem');
  });

  router.post('/servicegruppen/:unit/medlemmar/:userId/ta-bort', ...post, async (req, res) => {
    const params = memberParams.safeParse(req.params);
    if (!params.success) throw new AppError('not_found', 'Medlemmen finns inte.');
    await deleteMember(ctx, req.staff!, params.data.unit, params.data.userId);
    res.redirect(303, '/servicegruppen?klart=borttagen');
  });

  router.post('/servicegruppen/kategorier/:category', ...post, async (req, res) => {
    const params = categoryParams.safeParse(req.params);
    if (!params.success) throw new AppError('not_found', 'Kategorin finns inte.');
    const units = listOf(bodyOf(req), 'units');
    const input = categoryUnitsInputSchema.safeParse({ units });
    if (!input.success) {
      const form = `cat-${params.data.category}`;
      const message = units.length === 0 ? 'Välj minst en enhet.' : 'Välj bland enheterna i listan.';
      return void res
        .status(400)
        .type('html')
        .send(await render(req, { refused: { form, values: { units }, errors: [{ path: form, message }] } }));
    }
    await putCategoryUnits(ctx, req.staff!, params.data.category, input.data);
    res.redirect(303, '/servicegruppen?klart=kategori');
  });

  return router;
}
