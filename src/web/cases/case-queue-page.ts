import type { CaseView } from '../../application/case-view-schema.js';
import { categories } from '../../domain/categories.js';
import { units } from '../../domain/units.js';
import { html, type Html } from '../../views/html.js';
import { renderStaffPage, type PageUser } from '../staff-layout.js';
import { caseStylesheet } from './case-css.js';
import { kindLabels, unitName } from './case-format.js';
import {
  dueLabels,
  kindsOrder,
  mayFilterUnit,
  queueHref,
  statusOptions,
  tabLabels,
  type QueueFilters,
} from './case-queue-query.js';
import { mostUrgent, urgencyText, SOON_WORKING_DAYS } from './case-urgency.js';

export interface QueuePageOptions {
  user: PageUser;
  csrfToken: string;
  filters: QueueFilters;
  cases: CaseView[];
  nextCursor: string | null;
  /** "fredag 20 november 2026": the day the times left are counted from. */
  today: string;
  /** On "Mina ärenden": the unit's open cases without an officer, which this user may take. */
  unassigned?: { cases: CaseView[]; more: boolean } | null;
  notice?: string;
  problem?: string;
}

/**
 * "Ta ärendet": assigns the case to whoever clicks, through the case's ASSIGN event with the
 * version the page showed. Offered only where the lifecycle and the role allow it and the case
 * is in the user's own unit (send-case-event.ts's assignee check still decides).
 */
export function mayTake(c: CaseView, user: PageUser): boolean {
  return (
    c.assignee === null &&
    c.allowedEvents.includes('ASSIGN') &&
    (user.role === 'officer' || user.role === 'manager') &&
    user.unit !== null &&
    c.unit === user.unit
  );
}

function takeForm(c: CaseView, csrf: string, back: string): Html {
  return html`<form class="take-form" method="post" action="/arenden/${c.reference}/ta">
<input type="hidden" name="_csrf" value="${csrf}">
<input type="hidden" name="expectedVersion" value="${c.version}">
<input type="hidden" name="tillbaka" value="${back}">
<button type="submit" aria-label="Ta ärendet ${c.reference}">Ta ärendet</button>
</form>`;
}

const selected = (on: boolean) => (on ? html` selected` : '');
/** One choice of a filter, selected when it is the filter's `current` value. */
const option = (value: string, label: string, current: string | undefined) =>
  html`<option value="${value}"${selected(current === value)}>${label}</option>`;

function tabs(f: QueueFilters): Html {
  return html`<nav class="queue-tabs" aria-label="Urval av ärenden"><ul>${f.tabs.map(
    (t) =>
      html`<li><a href="${queueHref(f, { vy: t })}"${t === f.tab ? html` aria-current="page"` : ''}>${tabLabels[t]}</a></li>`,
  )}</ul></nav>`;
}

function filterForm(f: QueueFilters, user: PageUser): Html {
  return html`<form class="queue-filters" method="get" action="/arenden" role="search" aria-label="Filtrera ärendekön">
<input type="hidden" name="vy" value="${f.tab}">
<div class="filter-fields">
<div><label for="f-sok">Sök</label>
<p class="hint" id="f-sok-hint">Diarienummer, rubrik eller företag.</p>
<input type="text" id="f-sok" name="sok" value="${f.q ?? ''}" aria-describedby="f-sok-hint"></div>
<div><label for="f-typ">Typ</label>
<select id="f-typ" name="typ"><option value="">Alla typer</option>${kindsOrder.map((k) => option(k, kindLabels[k], f.kind))}</select></div>
<div><label for="f-status">Läge</label>
<select id="f-status" name="status"><option value="">Alla öppna</option>${statusOptions().map((s) => option(s.value, s.label, f.status))}</select></div>
<div><label for="f-kategori">Kategori</label>
<select id="f-kategori" name="kategori"><option value="">Alla kategorier</option>${categories.map((c) => option(c.code, c.label, f.category))}</select></div>
${
  mayFilterUnit(user.role) && f.tab !== 'enhet'
    ? html`<div><label for="f-enhet">Enhet</label>
<select id="f-enhet" name="enhet"><option value="">Alla enheter</option>${Object.entries(units).map(([code, label]) => option(code, label, f.unit))}</select></div>`
    : ''
}
<div><label for="f-frist">Tidsfrist</label>
<p class="hint" id="f-frist-hint">Snart betyder ${SOON_WORKING_DAYS} arbetsdagar eller mindre kvar.</p>
<select id="f-frist" name="frist" aria-describedby="f-frist-hint"><option value="">Alla</option>${(['forsenade', 'snart'] as const).map((d) => option(d, dueLabels[d], f.due))}</select></div>
</div>
<div class="actions"><button type="submit">Visa</button> <a class="button secondary" href="${queueHref({
    ...f,
    kind: undefined,
    status: undefined,
    category: undefined,
    unit: undefined,
    due: undefined,
    q: undefined,
  })}">Rensa filter</a></div>
</form>`;
}

function deadlineCell(c: CaseView): Html {
  const urgent = mostUrgent(c.deadlines);
  if (!urgent) return html`<span class="meta">Ingen tidsfrist löper</span>`;
  const { deadline: d, urgency } = urgent;
  const { badge, text } = urgencyText(urgency, d.remaining ?? d.stateLabel);
  return html`<span class="due due-${urgency}">${badge ? html`<strong class="due-badge">${badge}:</strong> ` : ''}${text}</span>
<span class="meta">${d.label}${d.promiseText ? html`, ${d.promiseText}` : d.dueDateText ? html`, ${d.dueDateText}` : ''}</span>`;
}

function row(c: CaseView, o: QueuePageOptions, back: string): Html {
  const urgency = mostUrgent(c.deadlines)?.urgency;
  return html`<tr${urgency === 'late' || urgency === 'soon' ? html` class="row-${urgency}"` : ''}>
<th scope="row" data-label="Ärende"><a href="/arenden/${c.reference}">${c.reference}</a><span class="subject">${c.subject}</span></th>
<td data-label="Företag">${c.company?.name ?? html`<span class="meta">Inget företag</span>`}</td>
<td data-label="Kategori">${c.categoryLabel}<span class="meta">${kindLabels[c.kind]}</span></td>
<td data-label="Läge">${c.statusLabel}</td>
<td data-label="Enhet och handläggare">${unitName(c.unit)}<span class="meta">${c.assignee?.name ?? 'Ingen handläggare'}</span>${mayTake(c, o.user) ? takeForm(c, o.csrfToken, back) : ''}</td>
<td data-label="Tidsfrist">${deadlineCell(c)}</td>
</tr>`;
}

export function caseQueuePage(o: QueuePageOptions): string {
  const f = o.filters;
  const description = [
    tabLabels[f.tab],
    f.status
      ? statusOptions()
          .find((s) => s.value === f.status)
          ?.label.toLowerCase()
      : 'öppna',
    f.due ? dueLabels[f.due].toLowerCase() : null,
  ]
    .filter(Boolean)
    .join(', ');
  const back = queueHref(f, { fran: f.cursor });
  const order = f.due ? 'Mest försenade först' : 'Nyaste först';
  const table = (cases: CaseView[], caption: Html | string) => html`<table class="case-table">
<caption>${caption}</caption>
<thead><tr><th scope="col">Ärende</th><th scope="col">Företag</th><th scope="col">Kategori</th><th scope="col">Läge</th><th scope="col">Enhet och handläggare</th><th scope="col">Tidsfrist</th></tr></thead>
<tbody>${cases.map((c) => row(c, o, back))}</tbody>
</table>`;
  const waiting = o.unassigned;
  const body = html`${caseStylesheet}<h1>Ärendekö</h1>
${o.notice ? html`<p class="notice" role="status">${o.notice}</p>` : ''}
${o.problem ? html`<div class="error-summary" role="alert" id="fel"><h2>Det gick inte</h2><p>${o.problem}</p></div>` : ''}
${tabs(f)}
${filterForm(f, o.user)}
<section aria-labelledby="lista-h" class="queue">
<h2 id="lista-h">${tabLabels[f.tab]}</h2>
<p class="meta">Tid kvar räknas i arbetsdagar från i dag, ${o.today}.</p>
${
  o.cases.length === 0
    ? html`<p>Inga ärenden matchar urvalet.</p>`
    : table(o.cases, `Ärenden: ${description}. ${order}${f.cursor ? ', fortsättning' : ''}.`)
}
<nav class="pager" aria-label="Sidor">
${f.cursor ? html`<a href="${queueHref(f)}">Till första sidan</a>` : ''}
${o.nextCursor ? html`<a href="${queueHref(f, { fran: o.nextCursor })}" rel="next">Nästa sida</a>` : ''}
</nav>
</section>
${
  waiting
    ? html`<section aria-labelledby="vantar-h" class="queue">
<h2 id="vantar-h">Väntar på handläggare i din enhet</h2>
${
  waiting.cases.length === 0
    ? html`<p>Inga ärenden i din enhet väntar på en handläggare.</p>`
    : html`<p class="meta">Ärenden i din enhet som ingen handläggare har tagit ännu. Med Ta ärendet blir du handläggare.</p>
${table(waiting.cases, 'Ärenden i din enhet utan handläggare. Nyaste först.')}
${waiting.more ? html`<p><a href="${queueHref(f, { vy: 'otilldelade' })}">Visa alla ärenden utan handläggare</a></p>` : ''}`
}
</section>`
    : ''
}`;
  return renderStaffPage({ title: 'Ärendekö', user: o.user, csrfToken: o.csrfToken, body, current: '/arenden' });
}
