import type { HistoryEntry } from '../../application/case-view-schema.js';
import { formatSwedishDate } from '../../domain/working-days.js';
import { html, paragraphs, type Html } from '../../views/html.js';
import { roleLabels } from '../../domain/role-labels.js';
import { ESERVICE_USER_ID } from '../../application/tracking/eservice-actor.js';
import type { Role } from '../../domain/roles.js';
import { decisionOutcomeLabels, swedishDateTime, unitName } from './case-format.js';

// The free texts an event carries, in the order a reader wants them. Notes recorded with an
// event (a complement received, a closing) are the case's internal notes; they show here.
const texts: [key: string, label: string][] = [
  ['reason', 'Skäl'],
  ['message', 'Meddelande'],
  ['note', 'Anteckning'],
  ['resolution', 'Lösning'],
  ['reasoning', 'Motivering'],
  ['answer', 'Svar'],
  ['measures', 'Åtgärder'],
  ['summary', 'Sammanfattning'],
];

function facts(e: HistoryEntry, people: Map<string, string>): Html[] {
  const p = e.payload;
  const out: Html[] = [];
  if (typeof p.outcome === 'string' && e.type === 'DECIDE')
    out.push(html`<p>Utfall: ${decisionOutcomeLabels[p.outcome] ?? p.outcome}</p>`);
  if (typeof p.unit === 'string' && e.type === 'ROUTE') out.push(html`<p>Till enhet: ${unitName(p.unit)}</p>`);
  if (typeof p.assigneeId === 'string')
    out.push(html`<p>Handläggare: ${people.get(p.assigneeId) ?? 'okänd användare'}</p>`);
  if (typeof p.dueDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(p.dueDate))
    out.push(html`<p>Sista dag: ${formatSwedishDate(p.dueDate)}</p>`);
  if (typeof p.weeks === 'number') out.push(html`<p>Förlängning: ${p.weeks} veckor</p>`);
  if (p.withdrawnBy === 'complainant' || p.withdrawnBy === 'municipality')
    out.push(html`<p>Återkallat av: ${p.withdrawnBy === 'municipality' ? 'kommunen' : 'klaganden'}</p>`);
  for (const [key, label] of texts) {
    const v = p[key];
    if (typeof v === 'string' && v.trim()) out.push(html`<p>${label}:</p><blockquote>${paragraphs(v)}</blockquote>`);
  }
  return out;
}

// What the company did itself through the e-service is the company's, not a role's on the staff.
const actorText = (actor: HistoryEntry['actor']) =>
  !actor
    ? 'Handslag'
    : actor.id === ESERVICE_USER_ID
      ? actor.name
      : `${actor.name}, ${roleLabels[actor.role as Role]?.toLowerCase() ?? actor.role}`;

/** The audit trail, oldest first, as a list of what happened, who did it and what it said. */
export function caseHistorySection(history: HistoryEntry[], people: Map<string, string>): Html {
  return html`<section aria-labelledby="historik-h">
<h2 id="historik-h">Historik</h2>
${
  history.length === 0
    ? html`<p>Inget har hänt i ärendet ännu.</p>`
    : html`<ol class="timeline">${history.map(
        (e) => html`<li>
<h3>${e.label}</h3>
<p class="meta"><time datetime="${e.at}">${swedishDateTime(e.at)}</time> · ${actorText(e.actor)}${e.fromState && e.fromState !== e.toState ? html` · ${e.fromStateLabel} → ${e.toStateLabel}` : ''}</p>
${facts(e, people)}
</li>`,
      )}</ol>`
}
</section>`;
}
