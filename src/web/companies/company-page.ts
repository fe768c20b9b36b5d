import type { CompanyView } from '../../application/rename-company.js';
import type { FieldError } from '../../domain/errors.js';
import { html } from '../../views/html.js';
import { csrfField, textArea, textField } from '../register/form-parts.js';
import { swedishDateTime } from '../cases/case-format.js';
import { formErrors, renderStaffPage, type PageUser } from '../staff-layout.js';

export const renameLabels: Record<string, string> = {
  name: 'Nytt namn',
  reason: 'Skäl till namnbytet',
  expectedName: 'Nuvarande namn',
};

export interface CompanyPageOptions {
  user: PageUser;
  csrfToken: string;
  company: CompanyView;
  notice?: string;
  values?: { name?: string; reason?: string };
  errors?: FieldError[];
}

/** /foretag/:id: the company as every case shows it, its earlier names, and a deliberate change of name. */
export function companyPage(o: CompanyPageOptions): string {
  const c = o.company;
  const errors = o.errors ?? [];
  const body = html`<h1>${c.name}</h1>
${o.notice ? html`<p class="notice" role="status">${o.notice}</p>` : ''}
<section aria-labelledby="uppgifter-h">
<h2 id="uppgifter-h">Uppgifter</h2>
<dl class="facts">
<dt>${c.idKind === 'sole_trader' ? 'Personnummer' : 'Organisationsnummer'}</dt><dd>${c.orgNumber}</dd>
<dt>Ärenden</dt><dd>${String(c.caseCount)}</dd>
</dl>
<p class="meta">Namnet visas i alla företagets ärenden, på spårningssidan och vid dukat bord. Att registrera ett ärende under ett annat namn ändrar det inte: det angivna namnet sparas i ärendet.</p>
</section>
<section aria-labelledby="namn-h">
<h2 id="namn-h">Tidigare namn</h2>
${
  c.nameChanges.length === 0
    ? html`<p>Företaget har inte bytt namn i Handslag.</p>`
    : html`<ul class="name-changes">${c.nameChanges.map((n) => html`<li><strong>${n.oldName}</strong> blev <strong>${n.newName}</strong> ${swedishDateTime(n.changedAt)}, av ${n.changedBy.name}.<br>Skäl: ${n.reason}</li>`)}</ul>`
}
</section>
<section aria-labelledby="byt-h">
<h2 id="byt-h">Byt namn</h2>
${formErrors('Namnet kunde inte ändras', errors, renameLabels)}
<form method="post" action="/foretag/${c.id}/namn" novalidate>
${csrfField(o.csrfToken)}
<input type="hidden" name="expectedName" value="${c.name}">
${textField({
  id: 'name',
  label: renameLabels.name!,
  value: o.values?.name ?? '',
  errors,
  autocomplete: 'off',
  hint: 'Som det är registrerat hos Bolagsverket.',
})}
${textArea({
  id: 'reason',
  label: renameLabels.reason!,
  value: o.values?.reason ?? '',
  errors,
  rows: 3,
  hint: 'Till exempel ”Namnbyte registrerat hos Bolagsverket 1 december 2026”.',
})}
<button type="submit">Byt namn</button>
</form>
</section>`;
  return renderStaffPage({ title: c.name, user: o.user, csrfToken: o.csrfToken, body });
}
