import { roleLabels } from '../domain/role-labels.js';
import { formatSwedishTime } from '../domain/working-days.js';
import { swedishDateTime } from './cases/case-format.js';
import { roles } from '../domain/roles.js';
import type { FieldError } from '../domain/errors.js';
import { units, isUnit } from '../domain/units.js';
import type { UserListEntry } from '../application/manage-users.js';
import { html, type Html } from '../views/html.js';
import { formErrors, renderStaffPage, type PageUser } from './staff-layout.js';
import { renderAdminPage } from './admin/admin-layout.js';

export const createLabels: Record<string, string> = {
  name: 'Namn',
  email: 'E-postadress',
  role: 'Roll',
  unit: 'Enhet',
  password: 'Första lösenord',
};

const errorOf = (errors: FieldError[], path: string) => errors.find((e) => e.path === path)?.message;

/** A labelled field with its error right above the input, tied to it by aria-describedby. */
function field(name: string, errors: FieldError[], control: (attrs: Html) => Html, hint?: string): Html {
  const error = errorOf(errors, name);
  const described = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
  const attrs = html` id="${name}" name="${name}"${described ? html` aria-describedby="${described}"` : ''}${error ? html` aria-invalid="true"` : ''}`;
  return html`<label for="${name}">${createLabels[name] ?? name}</label>
${hint ? html`<p class="hint" id="${name}-hint">${hint}</p>` : ''}
${error ? html`<p class="field-error" id="${name}-error">${error}</p>` : ''}
${control(attrs)}`;
}

function createForm(csrf: string, values: Record<string, string>, errors: FieldError[]): Html {
  const v = (k: string) => values[k] ?? '';
  const option = (name: string, value: string, label: string) =>
    html`<option value="${value}"${v(name) === value ? ' selected' : ''}>${label}</option>`;
  return html`<section aria-labelledby="ny-h">
<h2 id="ny-h">Lägg till en användare</h2>
${formErrors('Användaren kunde inte skapas', errors, createLabels)}
<form method="post" action="/admin/anvandare" novalidate>
<input type="hidden" name="_csrf" value="${csrf}">
${field('name', errors, (a) => html`<input${a} type="text" autocomplete="off" value="${v('name')}">`)}
${field('email', errors, (a) => html`<input${a} type="email" autocomplete="off" spellcheck="false" value="${v('email')}">`)}
${field('role', errors, (a) => html`<select${a}><option value="">Välj roll</option>${roles.map((r) => option('role', r, roleLabels[r]))}</select>`)}
${field(
  'unit',
  errors,
  (a) =>
    html`<select${a}><option value="">Ingen enhet</option>${Object.entries(units).map(([code, label]) => option('unit', code, label))}</select>`,
  'Handläggare och chefer hör till en enhet.',
)}
${field('password', errors, (a) => html`<input${a} type="password" autocomplete="new-password">`, 'Minst 12 tecken. Lämna över det på ett säkert sätt; användaren kan inte byta det själv än.')}
<button type="submit">Lägg till användaren</button>
</form>
</section>`;
}

function userCard(u: UserListEntry, me: string, csrf: string): Html {
  const unit = u.unit && isUnit(u.unit) ? units[u.unit] : null;
  const post = (action: string, label: string, aria: string, secondary = true) =>
    html`<form method="post" action="/admin/anvandare/${u.id}/${action}"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit"${secondary ? html` class="secondary"` : ''} aria-label="${aria}">${label}</button></form>`;
  return html`<li>
<h3>${u.name}${u.id === me ? ' (du)' : ''}</h3>
<p>${u.email}</p>
<p class="meta">${roleLabels[u.role]}${unit ? html`, ${unit}` : ''} · ${u.lastLoginAt ? html`Senast inloggad ${swedishDateTime(u.lastLoginAt)}` : 'Har inte loggat in'}</p>
<p>${u.active ? '' : html`<span class="badge inactive">Inaktiv</span> `}${u.lockedUntil ? html`<span class="badge locked">Låst till ${formatSwedishTime(u.lockedUntil)}</span> ` : ''}${u.hasPassword ? '' : html`<span class="badge">Inget lösenord</span>`}</p>
<div class="actions">
${u.lockedUntil ? post('las-upp', 'Lås upp', `Lås upp ${u.name}`) : ''}
<a class="button secondary" href="/admin/anvandare/${u.id}/losenord" aria-label="Nytt lösenord för ${u.name}">Nytt lösenord</a>
${u.id === me ? '' : u.active ? post('inaktivera', 'Inaktivera', `Inaktivera ${u.name}`) : post('aktivera', 'Aktivera', `Aktivera ${u.name}`)}
</div>
</li>`;
}

export interface UserAdminPageOptions {
  user: PageUser & { id: string };
  csrfToken: string;
  users: UserListEntry[];
  notice?: string;
  values?: Record<string, string>;
  errors?: FieldError[];
}

export function userAdminPage(o: UserAdminPageOptions): string {
  const body = html`<h1>Användare</h1>
${o.notice ? html`<p class="notice" role="status">${o.notice}</p>` : ''}
${createForm(o.csrfToken, o.values ?? {}, o.errors ?? [])}
<section aria-labelledby="lista-h">
<h2 id="lista-h">Alla användare (${o.users.length})</h2>
<ul class="users">${o.users.map((u) => userCard(u, o.user.id, o.csrfToken))}</ul>
</section>`;
  return renderAdminPage({
    title: 'Användare',
    user: o.user,
    csrfToken: o.csrfToken,
    body,
    current: '/admin/anvandare',
  });
}

export function passwordPage(o: {
  user: PageUser;
  csrfToken: string;
  target: { id: string; name: string };
  errors?: FieldError[];
}): string {
  const errors = o.errors ?? [];
  const body = html`<h1>Nytt lösenord för ${o.target.name}</h1>
${formErrors('Lösenordet kunde inte sparas', errors, { password: 'Nytt lösenord' })}
<form method="post" action="/admin/anvandare/${o.target.id}/losenord" novalidate>
<input type="hidden" name="_csrf" value="${o.csrfToken}">
<label for="password">Nytt lösenord</label>
<p class="hint" id="password-hint">Minst 12 tecken. Användaren loggas ut där hen är inloggad, och ett låst konto låses upp.</p>
${errorOf(errors, 'password') ? html`<p class="field-error" id="password-error">${errorOf(errors, 'password')}</p>` : ''}
<input id="password" name="password" type="password" autocomplete="new-password" aria-describedby="password-hint${errorOf(errors, 'password') ? ' password-error' : ''}"${errorOf(errors, 'password') ? html` aria-invalid="true"` : ''}>
<button type="submit">Spara lösenordet</button>
</form>
<p><a href="/admin/anvandare">Tillbaka till användarna</a></p>`;
  return renderStaffPage({
    title: `Nytt lösenord för ${o.target.name}`,
    user: o.user,
    csrfToken: o.csrfToken,
    body,
    current: '/admin/anvandare',
    narrow: true,
  });
}
