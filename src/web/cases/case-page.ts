import type { CaseNote } from '../../application/add-case-note.js';
import type { CaseView, HistoryEntry } from '../../application/case-view-schema.js';
import type { LinkedComplaint } from '../../application/linked-complaints.js';
import type { FieldError } from '../../domain/errors.js';
import { mayRenameCompany } from '../../domain/roles.js';
import { html, paragraphs, type Html } from '../../views/html.js';
import { formErrors, renderStaffPage, type PageUser } from '../staff-layout.js';
import { caseStylesheet } from './case-css.js';
import { eventForm, sentFormErrors, type EventFormContext } from './case-event-forms.js';
import {
  audienceLabels,
  channelLabels,
  decisionOutcomeLabels,
  kindLabels,
  mailStatusLabels,
  mailTemplateLabels,
  swedishDateTime,
  swedishDay,
  unitName,
} from './case-format.js';
import { caseHistorySection } from './case-history-section.js';
import { caseFilesSection, INVOLVED_FIELD, involvedUnitsForm, type InvolvedFormState } from './case-extra-sections.js';
import type { ComplementFileMeta } from '../../application/tracking/case-files.js';
import { caseNotesSection, noteFieldLabels, type NoteFormState } from './case-notes-section.js';
import { urgencyOf, urgencyText } from './case-urgency.js';

export interface EscalationFormState {
  reason: string;
  errors: FieldError[];
}

export interface CasePageOptions extends EventFormContext {
  user: PageUser;
  history: HistoryEntry[];
  /** Names of the users a history entry's payload points at (an ASSIGN's assigneeId). */
  people: Map<string, string>;
  complaints: LinkedComplaint[];
  /** For a complaint: the case it is about, when the user may see it. */
  relatedCase: { reference: string; subject: string } | null;
  notice?: string;
  /** A refusal that concerns the whole page: a version conflict, an event the state no longer takes. */
  problem?: string;
  escalation?: EscalationFormState;
  mayEscalate: boolean;
  /** Interna anteckningar, oldest first; never part of what the company sees. */
  notes: CaseNote[];
  mayAddNote: boolean;
  /** A refused note, with what was typed. */
  noteForm?: NoteFormState;
  /** Files the company sent with complements. */
  files: ComplementFileMeta[];
  /** Whether "Berör även" is offered (flag-involved-units.ts decides in the end). */
  mayFlagUnits: boolean;
  involvedForm?: InvolvedFormState;
  /** A guided visit's own page parts, when the case is one. */
  visit?: Html;
  visitErrors?: Html;
}

const fact = (term: string, value: Html | string | null | undefined) =>
  value ? html`<dt>${term}</dt><dd>${value}</dd>` : '';

/** The company as it is now; the name given at registration too when it differs, and the register for those who keep it. */
function companyFact(c: CaseView, user: PageUser): Html | string {
  if (!c.company) return 'Inget företag';
  const co = c.company;
  const given =
    co.nameGiven && co.nameGiven !== co.name
      ? html`<br><span class="meta">Angivet namn i ärendet: ${co.nameGiven}</span>`
      : '';
  const link = mayRenameCompany(user)
    ? html`<br><a href="/foretag/${co.id}">Företagets uppgifter och namnbyten</a>`
    : '';
  return html`${co.name}${given}<br>${co.idKind === 'sole_trader' ? 'Personnummer' : 'Organisationsnummer'} ${co.orgNumber}${link}`;
}

function facts(c: CaseView, user: PageUser): Html {
  return html`<section aria-labelledby="uppgifter-h">
<h2 id="uppgifter-h">Uppgifter</h2>
<dl class="case-facts">
${fact('Läge', html`<span class="status-badge">${c.statusLabel}</span>`)}
${fact('Typ', kindLabels[c.kind])}
${fact('Kategori', c.categoryLabel)}
${fact('Enhet', unitName(c.unit))}
${fact('Handläggare', c.assignee?.name ?? (c.closedAt ? 'Ingen handläggare' : 'Ingen handläggare ännu'))}
${fact('Kanal', channelLabels[c.channel] ?? c.channel)}
${fact('Inkom', swedishDateTime(c.receivedAt))}
${fact('Registrerat', swedishDateTime(c.createdAt))}
${c.closedAt ? fact('Avslutat', swedishDateTime(c.closedAt)) : ''}
${fact('Företag', companyFact(c, user))}
${fact(
  'Kontaktperson',
  c.contact
    ? html`${c.contact.name}${c.contact.email ? html`<br><a href="mailto:${c.contact.email}">${c.contact.email}</a>` : ''}${c.contact.phone ? html`<br>${c.contact.phone}` : ''}`
    : c.anonymous
      ? 'Anonymt klagomål'
      : 'Ingen kontaktperson',
)}
${c.concerns?.length ? fact('Gäller', c.concerns.map((x) => x.label).join(', ')) : ''}
${c.involvedUnits.length ? fact('Berör även', c.involvedUnits.map((u) => unitName(u)).join(', ')) : ''}
${c.trackingUrl ? fact('Företagets sida', html`<a href="${c.trackingUrl}">Följ ditt ärende</a> (länken kan ges till företaget)`) : ''}
</dl>
<h3>Beskrivning</h3>
<div class="description">${c.description ? paragraphs(c.description) : html`<p>Ingen beskrivning.</p>`}</div>
</section>`;
}

// What the lifecycle recorded that a reader needs: the decision above all (FL 32 §).
function recorded(c: CaseView): Html {
  const d = c.details as {
    decision?: { outcome: string; reasoning: string; decidedBy: string | null; presentedBy: string | null } | null;
    extension?: { reason: string; weeks: number } | null;
    resolution?: string | null;
    withdrawReason?: string | null;
    withdrawnBy?: 'complainant' | 'municipality' | null;
    answer?: { answer: string; measures: string } | null;
    measures?: string | null;
  };
  const parts: Html[] = [];
  if (d.decision) {
    parts.push(html`<h3>Beslut: ${decisionOutcomeLabels[d.decision.outcome] ?? d.decision.outcome}</h3>
${d.decision.decidedBy ? html`<p>Beslutsfattare: ${d.decision.decidedBy}${d.decision.presentedBy ? html`, föredragande: ${d.decision.presentedBy}` : ''}</p>` : ''}
<h4>Motivering</h4>${paragraphs(d.decision.reasoning)}`);
  }
  if (d.extension)
    parts.push(
      html`<h3>Förlängd tidsfrist</h3><p>${d.extension.weeks} veckor. Skäl:</p>${paragraphs(d.extension.reason)}`,
    );
  if (d.resolution) parts.push(html`<h3>Löst vid första kontakten</h3>${paragraphs(d.resolution)}`);
  if (d.answer)
    parts.push(
      html`<h3>Svar till klaganden</h3>${paragraphs(d.answer.answer)}<h4>Åtgärder</h4>${paragraphs(d.answer.measures)}`,
    );
  else if (d.measures) parts.push(html`<h3>Åtgärder</h3>${paragraphs(d.measures)}`);
  if (d.withdrawReason)
    parts.push(
      html`<h3>${d.withdrawnBy === 'municipality' ? 'Återkallat av kommunen' : d.withdrawnBy === 'complainant' ? 'Återkallat av klaganden' : 'Återkallat'}</h3>${paragraphs(d.withdrawReason)}`,
    );
  if (parts.length === 0) return html``;
  return html`<section aria-labelledby="beslut-h"><h2 id="beslut-h">Beslut och besked</h2>${parts}</section>`;
}

function deadlines(c: CaseView): Html {
  const rows = c.deadlines;
  return html`<section aria-labelledby="frister-h">
<h2 id="frister-h">Tidsfrister</h2>
${
  rows.length === 0
    ? html`<p>Ärendet har inga tidsfrister.</p>`
    : html`<table class="case-table">
<caption>Servicegarantins tidsfrister för ärendet</caption>
<thead><tr><th scope="col">Garanti</th><th scope="col">Läge</th><th scope="col">Utlovat</th><th scope="col">Tid kvar</th></tr></thead>
<tbody>${rows.map((d) => {
        const u = urgencyOf(d);
        const shown = d.remaining ? urgencyText(u, d.remaining) : null;
        return html`<tr${u === 'late' || u === 'soon' ? html` class="row-${u}"` : ''}>
<th scope="row" data-label="Garanti">${d.label}</th>
<td data-label="Läge">${d.stateLabel}${d.extendedAt ? html`<span class="meta">Förlängd ${swedishDay(d.extendedAt)}</span>` : ''}</td>
<td data-label="Utlovat">${d.promiseText ?? d.dueDateText ?? swedishDateTime(d.dueAt)}</td>
<td data-label="Tid kvar">${shown ? html`<span class="due due-${u ?? 'normal'}">${shown.badge ? html`<strong>${shown.badge}:</strong> ` : ''}${shown.text}</span>` : '–'}${d.feeReductionFifths ? html`<span class="meta">Avgiften sätts ned med ${d.feeReductionFifths} femtedelar (PBL 12 kap. 8 a §)</span>` : ''}</td>
</tr>`;
      })}</tbody>
</table>`
}
</section>`;
}

function actions(o: CasePageOptions): Html {
  // A visit is documented in its own section, with its needs and follow-ups.
  const allowed = o.c.allowedEvents.filter((t) => !(o.visit && t === 'RECORD_VISIT'));
  return html`<section aria-labelledby="atgarder-h">
<h2 id="atgarder-h">Åtgärder</h2>
${
  allowed.length === 0 && !o.mayFlagUnits
    ? html`<p>Det finns inget du kan göra i ärendet i dess nuvarande läge.</p>`
    : html`<p class="meta">Det här kan du göra i ärendet nu.</p><div class="event-forms">${allowed.map((type) => eventForm(type, o))}${o.mayFlagUnits ? involvedUnitsForm(o.c, o.csrf, o.involvedForm) : ''}</div>`
}
</section>`;
}

function serviceGroup(o: CasePageOptions): Html {
  const tables = o.c.serviceGroup ?? [];
  const e = o.escalation;
  const error = e?.errors.find((x) => x.path === 'escalation-reason')?.message;
  return html`<section aria-labelledby="dukat-h">
<h2 id="dukat-h">Dukat bord</h2>
${
  tables.length
    ? html`<ul>${tables.map((t) => html`<li><a href="/dukat-bord/${t.id}">${t.statusLabel}</a>${t.meetingStartsAt ? html`, möte ${swedishDateTime(t.meetingStartsAt)}` : ''}${t.open ? '' : ' (avslutat)'}</li>`)}</ul>`
    : html`<p>Ärendet har inte varit vid något dukat bord.</p>`
}
${
  o.mayEscalate
    ? html`<h3 id="eskalera-h">Eskalera till servicegruppen</h3>
<p>Servicegruppen samlar företaget och alla berörda enheter till ett möte. Samordnaren får din begäran med skälet.</p>
<form class="escalate-form" method="post" action="/arenden/${o.c.reference}/eskalera" novalidate aria-labelledby="eskalera-h">
<input type="hidden" name="_csrf" value="${o.csrf}">
<label for="escalation-reason">Skäl till ett dukat bord</label>
${error ? html`<p class="field-error" id="escalation-reason-error">${error}</p>` : ''}
<textarea id="escalation-reason" name="reason" rows="4" required${error ? html` aria-invalid="true" aria-describedby="escalation-reason-error"` : ''}>${e?.reason ?? ''}</textarea>
<button type="submit">Begär ett dukat bord</button>
</form>`
    : ''
}
</section>`;
}

function complaints(o: CasePageOptions): Html {
  if (o.c.kind === 'complaint') {
    return html`<section aria-labelledby="klagomal-h"><h2 id="klagomal-h">Ärendet klagomålet gäller</h2>
${o.relatedCase ? html`<p><a href="/arenden/${o.relatedCase.reference}">${o.relatedCase.reference}</a> ${o.relatedCase.subject}</p>` : html`<p>Klagomålet är inte kopplat till något ärende du kan se.</p>`}</section>`;
  }
  return html`<section aria-labelledby="klagomal-h"><h2 id="klagomal-h">Klagomål på ärendet</h2>
${
  o.complaints.length
    ? html`<ul>${o.complaints.map((k) => html`<li><a href="/arenden/${k.reference}">${k.reference}</a> ${k.subject} – ${k.statusLabel}, inkom ${swedishDay(k.createdAt)}</li>`)}</ul>`
    : html`<p>Inga klagomål har kommit in om ärendet.</p>`
}
</section>`;
}

function mails(c: CaseView): Html {
  const list = c.notifications ?? [];
  return html`<section aria-labelledby="epost-h">
<h2 id="epost-h">E-post</h2>
${
  list.length === 0
    ? html`<p>Inga e-postmeddelanden har skickats för ärendet.</p>`
    : html`<table class="case-table">
<caption>E-post som skickats eller ska skickas för ärendet, äldst först</caption>
<thead><tr><th scope="col">Meddelande</th><th scope="col">Till</th><th scope="col">Läge</th><th scope="col">Tid</th></tr></thead>
<tbody>${list.map(
        (n) => html`<tr>
<th scope="row" data-label="Meddelande">${mailTemplateLabels[n.template] ?? n.template}</th>
<td data-label="Till">${audienceLabels[n.audience] ?? n.audience}: ${n.recipient}</td>
<td data-label="Läge">${n.status === 'failed' || n.status === 'uncertain' ? html`<span class="mail-failed">${n.status === 'failed' ? `${mailStatusLabels.failed} efter ${n.attempts} försök` : mailStatusLabels.uncertain}</span>${n.lastError ? html`<span class="meta">${n.lastError}</span>` : ''}` : (mailStatusLabels[n.status] ?? n.status)}</td>
<td data-label="Tid">${swedishDateTime(n.sentAt ?? n.createdAt)}</td>
</tr>`,
      )}</tbody>
</table>`
}
</section>`;
}

export function casePage(o: CasePageOptions): string {
  const c = o.c;
  const title = `${c.reference} ${c.subject}`;
  const body = html`${caseStylesheet}<p><a href="/arenden">Till ärendekön</a></p>
<h1><span class="ref">${kindLabels[c.kind]} ${c.reference}</span> ${c.subject}</h1>
${o.notice ? html`<p class="notice" role="status">${o.notice}</p>` : ''}
${o.problem ? html`<div class="error-summary" role="alert" id="fel"><h2>Det gick inte</h2><p>${o.problem}</p></div>` : ''}
${sentFormErrors(o)}
${o.escalation?.errors.length ? formErrors('Begäran om dukat bord kunde inte skickas', o.escalation.errors, { 'escalation-reason': 'Skäl till ett dukat bord' }) : ''}
${o.noteForm?.errors.length ? formErrors('Anteckningen kunde inte sparas', o.noteForm.errors, noteFieldLabels) : ''}
${o.visitErrors ?? ''}
${o.involvedForm?.errors.length ? formErrors('De berörda enheterna kunde inte sparas', o.involvedForm.errors, { [INVOLVED_FIELD]: 'Andra enheter som ärendet berör' }) : ''}
${facts(c, o.user)}
${o.visit ?? ''}
${recorded(c)}
${deadlines(c)}
${actions(o)}
${caseNotesSection({ reference: c.reference, csrf: o.csrf, notes: o.notes, mayAdd: o.mayAddNote, form: o.noteForm })}
${serviceGroup(o)}
${complaints(o)}
${caseFilesSection(c.reference, o.files)}
${caseHistorySection(o.history, o.people)}
${mails(c)}`;
  return renderStaffPage({ title, user: o.user, csrfToken: o.csrf, body, current: '/arenden' });
}
