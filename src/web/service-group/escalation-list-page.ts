import type { EscalationView } from '../../application/escalation-view-schema.js';
import { html } from '../../views/html.js';
import { renderStaffPage, type PageUser } from '../staff-layout.js';
import { selectField } from '../register/form-parts.js';

/** The status filter's choices: the open ones together first, as the coordinator works from them. */
export const statusChoices = (labels: Record<string, string>) => [
  { value: 'oppna', label: 'Alla öppna' },
  ...Object.entries(labels).map(([value, label]) => ({ value, label })),
  { value: 'alla', label: 'Alla' },
];

export function escalationListPage(o: {
  user: PageUser;
  csrfToken: string;
  status: string;
  statusLabels: Record<string, string>;
  items: EscalationView[];
  nextHref: string | null;
}): string {
  const body = html`<h1>Dukat bord</h1>
<p>Servicegruppens möten där företaget träffar alla enheter som arbetar med dess ärenden. Löftet är en mötestid inom 10 arbetsdagar från begäran.</p>
<section aria-labelledby="filter-h">
<h2 id="filter-h">Visa</h2>
<form method="get" action="/dukat-bord" class="filters">
${selectField({ id: 'status', label: 'Läge', options: statusChoices(o.statusLabels), value: o.status, errors: [] })}
<button type="submit" class="secondary">Visa</button>
</form>
</section>
<section aria-labelledby="lista-h">
<h2 id="lista-h">${o.items.length === 0 ? 'Inga dukade bord' : o.items.length === 1 ? '1 dukat bord' : `${o.items.length} dukade bord`}</h2>
${
  o.items.length === 0
    ? html`<p>Inga dukade bord matchar urvalet.</p>`
    : html`<div class="table-wrap" role="region" aria-labelledby="lista-caption" tabindex="0"><table>
<caption id="lista-caption">Dukade bord, nyast först</caption>
<thead><tr><th scope="col">Företag</th><th scope="col">Ärenden</th><th scope="col">Läge</th><th scope="col">Möte</th><th scope="col">Mötestid utlovad senast</th></tr></thead>
<tbody>${o.items.map((e) => {
        const promise = e.deadlines.find((d) => d.clock === 'table_set');
        const late =
          promise &&
          (promise.state === 'breached' ||
            (promise.state === 'running' && promise.remainingMs !== null && promise.remainingMs < 0));
        return html`<tr>
<th scope="row"><a href="/dukat-bord/${e.id}">${e.company.name}</a></th>
<td>${e.cases.map((c) => c.reference).join(', ')}</td>
<td>${e.statusLabel}</td>
<td>${e.meeting ? e.meeting.text : '–'}</td>
<td>${promise ? html`<span${late ? html` class="overdue"` : ''}>${promise.state === 'met' ? html`${promise.dueDateText ?? ''} (hållet)` : (promise.promiseText ?? promise.dueDateText ?? '')}</span>` : '–'}</td>
</tr>`;
      })}</tbody>
</table></div>`
}
${o.nextHref ? html`<p class="pager"><a href="${o.nextHref}">Äldre dukade bord</a></p>` : ''}
</section>`;
  return renderStaffPage({ title: 'Dukat bord', user: o.user, csrfToken: o.csrfToken, body, current: '/dukat-bord' });
}
