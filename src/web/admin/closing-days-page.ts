import type { FieldError } from '../../domain/errors.js';
import type { NamedDay } from '../../domain/swedish-calendar.js';
import { formatSwedishDate } from '../../domain/working-days.js';
import { html, type Html } from '../../views/html.js';
import { formErrors, type PageUser } from '../staff-layout.js';
import { notice, renderAdminPage } from './admin-layout.js';

export const closingDayLabels: Record<string, string> = { date: 'Datum', name: 'Anledning' };

const errorOf = (errors: FieldError[], path: string) => errors.find((e) => e.path === path)?.message;

function field(name: 'date' | 'name', errors: FieldError[], control: (attrs: Html) => Html, hint: string): Html {
  const error = errorOf(errors, name);
  const attrs = html` id="${name}" name="${name}" aria-describedby="${name}-hint${error ? ` ${name}-error` : ''}"${error ? html` aria-invalid="true"` : ''}`;
  return html`<label for="${name}">${closingDayLabels[name]}</label>
<p class="hint" id="${name}-hint">${hint}</p>
${error ? html`<p class="field-error" id="${name}-error">${error}</p>` : ''}
${control(attrs)}`;
}

export function closingDaysPage(o: {
  user: PageUser;
  csrfToken: string;
  days: NamedDay[];
  today: string;
  notice?: string;
  values?: { date: string; name: string };
  errors?: FieldError[];
}): string {
  const errors = o.errors ?? [];
  const v = o.values ?? { date: '', name: '' };
  const coming = o.days.filter((d) => d.date >= o.today);
  const past = o.days.filter((d) => d.date < o.today);
  const dayItem = (d: NamedDay) => html`<li>
<h3>${formatSwedishDate(d.date)}</h3>
<p>${d.name}</p>
<form method="post" action="/admin/stangda-dagar/ta-bort"><input type="hidden" name="_csrf" value="${o.csrfToken}"><input type="hidden" name="date" value="${d.date}"><button type="submit" class="secondary">Ta bort<span class="visually-hidden"> ${formatSwedishDate(d.date)}</span></button></form>
</li>`;
  const body = html`<h1>Stängda dagar</h1>
${notice(o.notice)}
<p>Dagar då kommunen håller stängt utöver helgdagarna, till exempel en klämdag. De räknas inte som arbetsdagar: en tidsfrist som räknas efter att dagen lagts till hamnar en arbetsdag senare. Klockor som redan går behåller sina datum.</p>
<section aria-labelledby="ny-h">
<h2 id="ny-h">Lägg till en stängd dag</h2>
${formErrors('Dagen kunde inte läggas till', errors, closingDayLabels)}
<form method="post" action="/admin/stangda-dagar" novalidate>
<input type="hidden" name="_csrf" value="${o.csrfToken}">
${field('date', errors, (a) => html`<input${a} type="date" value="${v.date}">`, 'Skrivs ÅÅÅÅ-MM-DD, till exempel 2026-12-28.')}
${field('name', errors, (a) => html`<input${a} type="text" value="${v.name}">`, 'Visas i kalendern, till exempel ”Klämdag”.')}
<div><button type="submit">Lägg till dagen</button></div>
</form>
</section>
<section aria-labelledby="kommande-h">
<h2 id="kommande-h">Kommande stängda dagar (${coming.length})</h2>
${coming.length ? html`<ul class="admin-list">${coming.map(dayItem)}</ul>` : html`<p>Inga stängda dagar är inlagda framåt.</p>`}
</section>
${past.length ? html`<section aria-labelledby="tidigare-h"><h2 id="tidigare-h">Tidigare stängda dagar (${past.length})</h2><ul class="admin-list">${past.map(dayItem)}</ul></section>` : ''}`;
  return renderAdminPage({
    title: 'Stängda dagar',
    user: o.user,
    csrfToken: o.csrfToken,
    body,
    current: '/admin/stangda-dagar',
  });
}
