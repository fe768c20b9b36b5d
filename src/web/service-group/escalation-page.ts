import type { EscalationView } from '../../application/escalation-view-schema.js';
import type { FieldError } from '../../domain/errors.js';
import { html, paragraphs, type Html } from '../../views/html.js';
import { renderStaffPage, type PageUser } from '../staff-layout.js';
import { csrfField, errorSummary, type Anchor } from '../register/form-parts.js';
import type { StepForm } from './escalation-forms.js';
import { stepForms } from './escalation-steps.js';

export interface EscalationPageOptions {
  user: PageUser & { id: string };
  csrfToken: string;
  view: EscalationView;
  now: Date;
  /** The user may mark actions done as coordinator (mayRunEscalation); owners always may their own. */
  runsTables: boolean;
  failed?: StepForm;
  /** A refusal that is not about one field: the table moved on, or the step no longer fits. */
  problem?: string;
  notice?: string;
}

type Deadline = EscalationView['deadlines'][number];

function promise(d: Deadline | undefined): Html {
  if (!d) return html`–`;
  if (d.state === 'met') return html`Hållet: en tid bokades i tid (utlovat senast ${d.dueDateText ?? ''}).`;
  const late = d.state === 'breached' || (d.remainingMs !== null && d.remainingMs < 0);
  // A passed promise says how late it is (promised-date.ts), not a date that reads as still ahead.
  const due = d.promiseText ?? `senast ${d.dueDateText ?? ''}`;
  return html`<span${late ? html` class="overdue"` : ''}>En mötestid bokad – ${due}${!late && d.remaining ? html`, ${d.remaining}` : ''}</span> <span class="meta">(${d.stateLabel})</span>`;
}

function actionsPart(o: EscalationPageOptions): Html {
  const v = o.view;
  if (v.actions.length === 0) return html``;
  return html`<section aria-labelledby="atgarder-h">
<h2 id="atgarder-h">Överenskomna åtgärder</h2>
<ol class="actions-list">${v.actions.map((a) => {
    const mayComplete = a.status === 'open' && (o.runsTables || (a.owner.kind === 'staff' && a.owner.id === o.user.id));
    return html`<li>
<p><strong>${a.description}</strong></p>
<p>Ansvarig: ${a.owner.name}. ${a.promiseText && a.overdue ? `${a.promiseText.charAt(0).toUpperCase()}${a.promiseText.slice(1)}` : `Klart senast ${a.dueDateText}`}. ${a.status === 'done' ? html`<span class="badge">Klar</span>${a.doneNote ? html` ${a.doneNote}` : ''}` : a.overdue ? html`<span class="overdue">Försenad</span>` : html`<span class="badge">Pågår</span>`}</p>
${
  mayComplete
    ? html`<form method="post" action="/dukat-bord/${v.id}/atgarder/${a.id}/klar" novalidate>
${csrfField(o.csrfToken)}
<label for="klar-${a.id}">Anteckning om åtgärden <span class="optional">(frivilligt)</span></label>
<input id="klar-${a.id}" name="note" type="text" autocomplete="off">
<button type="submit" class="secondary">Markera ”${a.description}” som klar</button>
</form>`
    : ''
}
</li>`;
  })}</ol>
</section>`;
}

export function escalationPage(o: EscalationPageOptions): string {
  const v = o.view;
  const errors: FieldError[] = o.failed?.errors ?? [];
  const anchors: Record<string, Anchor> = {};
  // Labels for the summary come from the form's own labels, read back from the id's last part.
  const names: Record<string, string> = {
    date: 'Datum',
    start: 'Börjar',
    end: 'Slutar',
    location: 'Plats',
    video: 'Videolänk',
    reason: 'Skäl',
    note: 'Anteckning',
    participants: 'Deltagare',
    attendees: 'Vilka som var med',
    company: 'Företaget',
    case: 'Ärende',
    summary: 'Sammanfattning',
    notes: 'Interna anteckningar',
    description: 'Åtgärd',
    owner: 'Ansvarig',
    due: 'Klart senast',
  };
  for (const e of errors) {
    const last = e.path.split('-').pop() ?? '';
    const row = /-action-(\d+)-/.exec(e.path)?.[1];
    const group = ['participants', 'attendees', 'company'].includes(last);
    anchors[e.path] = {
      id: group ? firstChoiceId(o, e.path) : e.path,
      label: `${row ? `Åtgärd ${row}, ` : ''}${names[last] ?? last}`,
    };
  }
  const table = v.deadlines.find((d) => d.clock === 'table_set');
  const body = html`<p class="meta"><a href="/dukat-bord">Alla dukade bord</a></p>
<h1>Dukat bord: ${v.company.name}</h1>
${o.notice ? html`<p class="notice" role="status">${o.notice}</p>` : ''}
${o.problem ? html`<div class="error-summary" role="alert" id="fel"><h2>Steget kunde inte sparas</h2><p>${o.problem}</p></div>` : ''}
${errorSummary('Steget kunde inte sparas', errors, anchors)}
<section aria-labelledby="om-h">
<h2 id="om-h">Om bordet</h2>
<dl class="facts">
<dt>Läge</dt><dd>${v.statusLabel}</dd>
<dt>Företag</dt><dd>${v.company.name}, ${v.company.orgNumber}</dd>
<dt>Ursprung</dt><dd>${v.originLabel}${v.requestedBy ? html`: ${v.requestedBy.name}` : ''}</dd>
<dt>Skäl</dt><dd>${v.reason}</dd>
<dt>Löfte</dt><dd>${promise(table)}</dd>
<dt>Möte</dt><dd>${v.meeting ? html`${v.meeting.text}${v.meeting.location ? html`, ${v.meeting.location}` : ''}${v.meeting.videoUrl ? html`, <a href="${v.meeting.videoUrl}">videolänk</a>` : ''}` : 'Inte bokat'}</dd>
${v.declineReason ? html`<dt>Avböjt</dt><dd>${v.declineReason}</dd>` : ''}
${v.cancelReason ? html`<dt>Inställt</dt><dd>${v.cancelReason}</dd>` : ''}
</dl>
</section>
<section aria-labelledby="arenden-h">
<h2 id="arenden-h">Ärenden vid bordet</h2>
<div class="table-wrap" role="region" aria-labelledby="arenden-caption" tabindex="0"><table>
<caption id="arenden-caption">Företagets ärenden vid bordet</caption>
<thead><tr><th scope="col">Referens</th><th scope="col">Rubrik</th><th scope="col">Enhet</th><th scope="col">Läge</th></tr></thead>
<tbody>${v.cases.map((c) => html`<tr><th scope="row"><a href="/arenden/${c.id}">${c.reference}</a></th><td>${c.subject}</td><td>${v.units.find((u) => u.code === c.unit)?.label ?? '–'}</td><td>${c.statusLabel}</td></tr>`)}</tbody>
</table></div>
<p>Enheter vid bordet: ${v.units.map((u) => u.label).join(', ')}.</p>
</section>
<section aria-labelledby="deltagare-h">
<h2 id="deltagare-h">Deltagare</h2>
${
  v.participants.length
    ? html`<ul>${v.participants.map((p) => html`<li>${p.name}${p.title ? `, ${p.title}` : ''} (${p.unitLabel})${v.status === 'held' || v.outcome ? (v.attendees.some((a) => a.id === p.id) ? ' – var med' : ' – var inte med') : ''}</li>`)}</ul>`
    : html`<p>Inga deltagare valda än.</p>`
}
${v.companyAttended === null ? '' : html`<p>Företaget ${v.companyAttended ? 'var med' : 'var inte med'} på mötet.</p>`}
</section>
${
  v.outcome
    ? html`<section aria-labelledby="utfall-h">
<h2 id="utfall-h">Utfall</h2>
<h3>Sammanfattning till företaget</h3>
${paragraphs(v.outcome.summary)}
${v.outcome.notes ? html`<h3>Interna anteckningar</h3>${paragraphs(v.outcome.notes)}` : ''}
</section>`
    : ''
}
${actionsPart(o)}
${stepForms(v, o.csrfToken, o.failed, o.now)}`;
  return renderStaffPage({
    title: `Dukat bord: ${v.company.name}`,
    user: o.user,
    csrfToken: o.csrfToken,
    body,
    current: '/dukat-bord',
  });
}

/** The first checkbox or radio of a group, where the summary's link lands. */
function firstChoiceId(o: EscalationPageOptions, path: string): string {
  const v = o.view;
  const last = path.split('-').pop();
  if (last === 'company') return `${path}-ja`;
  const first = last === 'attendees' ? v.participants[0] : [...v.participants, ...v.suggestedParticipants][0];
  return first ? `${path}-${first.id}` : path;
}
