import type { CaseView } from '../../application/case-view-schema.js';
import { units, isUnit } from '../../domain/units.js';
import { html, type Html } from '../../views/html.js';
import { complaintConcernLabels, complaintConcerns } from '../../../workflows/complaint-events.js';
import { renderStaffPage, type PageUser } from '../staff-layout.js';
import { selectField } from '../register/form-parts.js';

export interface ComplaintFilters {
  status: 'open' | 'closed' | 'all';
  unit: string;
  concern: string;
}

type Deadline = CaseView['deadlines'][number];

/** "fredag 4 december 2026, 6 arbetsdagar kvar", marked when the promise is broken or at risk of it. */
function deadlineText(d: Deadline | undefined, what: string): Html {
  if (!d) return html``;
  const late = d.state === 'breached' || (d.state === 'running' && d.remainingMs !== null && d.remainingMs < 0);
  const when = d.dueDateText ?? '';
  if (d.state === 'met') return html`<div>${what}: klart (${when})</div>`;
  return html`<div${late ? html` class="overdue"` : ''}>${what} senast ${when}${d.remaining ? html`, ${d.remaining}` : ''}${late ? ' (försenat)' : ''}</div>`;
}

export function complaintListPage(o: {
  user: PageUser;
  csrfToken: string;
  filters: ComplaintFilters;
  items: CaseView[];
  nextHref: string | null;
  mayRegister: boolean;
}): string {
  const f = o.filters;
  const body = html`<h1>Klagomål</h1>
${o.mayRegister ? html`<p><a class="button" href="/klagomal/ny">Registrera klagomål</a></p>` : ''}
<section aria-labelledby="filter-h">
<h2 id="filter-h">Visa</h2>
<form method="get" action="/klagomal" class="filters">
${selectField({
  id: 'status',
  label: 'Öppna eller avslutade',
  options: [
    { value: 'open', label: 'Öppna' },
    { value: 'closed', label: 'Avslutade' },
    { value: 'all', label: 'Alla' },
  ],
  value: f.status,
  errors: [],
})}
${selectField({
  id: 'enhet',
  label: 'Enhet',
  options: [{ value: '', label: 'Alla enheter' }, ...Object.entries(units).map(([value, label]) => ({ value, label }))],
  value: f.unit,
  errors: [],
})}
${selectField({
  id: 'galler',
  label: 'Gäller',
  options: [
    { value: '', label: 'Allt' },
    ...complaintConcerns.map((c) => ({ value: c, label: complaintConcernLabels[c] })),
  ],
  value: f.concern,
  errors: [],
})}
<button type="submit" class="secondary">Visa</button>
</form>
</section>
<section aria-labelledby="lista-h">
<h2 id="lista-h">${o.items.length === 0 ? 'Inga klagomål' : `${o.items.length} klagomål`}</h2>
${
  o.items.length === 0
    ? html`<p>Inga klagomål matchar urvalet.</p>`
    : html`<div class="table-wrap" role="region" aria-labelledby="lista-caption" tabindex="0"><table>
<caption id="lista-caption">Klagomål med svarstider, nyast först</caption>
<thead><tr><th scope="col">Referens</th><th scope="col">Rubrik</th><th scope="col">Gäller</th><th scope="col">Enhet</th><th scope="col">Läge</th><th scope="col">Tidsfrister</th></tr></thead>
<tbody>${o.items.map((c) => {
        const ack = c.deadlines.find((d) => d.clock === 'complaint_ack');
        const answer = c.deadlines.find((d) => d.clock === 'complaint_answer');
        return html`<tr>
<th scope="row"><a href="/arenden/${c.id}">${c.reference}</a></th>
<td>${c.subject}${c.anonymous ? html` <span class="badge">Anonymt</span>` : ''}</td>
<td>${(c.concerns ?? []).map((x) => x.label).join(', ')}</td>
<td>${c.unit && isUnit(c.unit) ? units[c.unit] : ''}</td>
<td>${c.statusLabel}</td>
<td>${deadlineText(ack, 'Bekräfta')}${deadlineText(answer, 'Svara')}${!ack && !answer ? '–' : ''}</td>
</tr>`;
      })}</tbody>
</table></div>`
}
${o.nextHref ? html`<p class="pager"><a href="${o.nextHref}">Äldre klagomål</a></p>` : ''}
</section>`;
  return renderStaffPage({ title: 'Klagomål', user: o.user, csrfToken: o.csrfToken, body, current: '/klagomal' });
}
