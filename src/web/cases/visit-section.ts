import type { AppContext } from '../../context.js';
import type { CaseView } from '../../application/case-view-schema.js';
import { categories } from '../../domain/categories.js';
import type { FieldError } from '../../domain/errors.js';
import { mayActOn, type Actor } from '../../domain/roles.js';
import { units } from '../../domain/units.js';
import { findVisibleCase } from '../../application/get-visible-case.js';
import { html, paragraphs, type Html } from '../../views/html.js';
import { growthAreaLabels, growthAreas } from '../../../workflows/company-visit-events.js';
import { errorSummary, selectField, textArea, textField, type Anchor } from '../register/form-parts.js';
import { swedishDay } from './case-format.js';

/** How many follow-ups the page asks for at once; the API takes up to 20. */
export const FOLLOW_UP_ROWS = 3;

const needId = (area: string) => `besok-behov-${area}`;
const followId = (n: number, part: 'beskrivning' | 'enhet') => `besok-uppfoljning-${n}-${part}`;

export interface VisitFormState {
  values: Record<string, string>;
  errors: FieldError[];
}

type Body = Record<string, unknown>;
const str = (body: Body, key: string) => (typeof body[key] === 'string' ? (body[key] as string) : '');

/**
 * The RECORD_VISIT payload from the page's fields: one text per growth area (those filled in
 * become needs) and rows of follow-ups. `fieldOf` maps the schema's paths back to the fields.
 */
export function visitPayload(body: Body): {
  payload: Record<string, unknown>;
  values: Record<string, string>;
  fieldOf: (path: string) => string | undefined;
} {
  const values: Record<string, string> = { visitedOn: str(body, 'visitedOn'), summary: str(body, 'summary') };
  const paths = new Map<string, string>([
    ['visitedOn', 'besok-datum'],
    ['summary', 'besok-sammanfattning'],
  ]);
  const growthNeeds: { area: string; description: string }[] = [];
  for (const area of growthAreas) {
    const text = str(body, needId(area));
    values[needId(area)] = text;
    if (text.trim() === '') continue;
    paths.set(`growthNeeds.${growthNeeds.length}.description`, needId(area));
    growthNeeds.push({ area, description: text });
  }
  const followUps: { description: string; unit: string }[] = [];
  for (let n = 1; n <= FOLLOW_UP_ROWS; n++) {
    const description = str(body, followId(n, 'beskrivning'));
    const unit = str(body, followId(n, 'enhet'));
    values[followId(n, 'beskrivning')] = description;
    values[followId(n, 'enhet')] = unit;
    if (description.trim() === '' && unit === '') continue;
    paths.set(`followUps.${followUps.length}.description`, followId(n, 'beskrivning'));
    paths.set(`followUps.${followUps.length}.unit`, followId(n, 'enhet'));
    followUps.push({ description, unit });
  }
  return {
    payload: { visitedOn: values.visitedOn, summary: values.summary, growthNeeds, followUps },
    values,
    fieldOf: (path) => paths.get(path),
  };
}

/** The schema's refusals in words for the fields a person filled in. */
export function visitErrors(
  errors: FieldError[],
  fieldOf: (path: string) => string | undefined,
  values: Record<string, string>,
): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const id = fieldOf(e.path);
    if (!id || out.some((x) => x.path === id)) continue;
    const empty =
      (values[id === 'besok-datum' ? 'visitedOn' : id === 'besok-sammanfattning' ? 'summary' : id] ?? '').trim() === '';
    let message = e.message;
    if (id === 'besok-datum' && empty) message = 'Fyll i dagen för besöket.';
    else if (id === 'besok-sammanfattning' && empty) message = 'Skriv en sammanfattning av besöket.';
    else if (id.endsWith('-enhet')) message = 'Välj enheten som ska ta hand om uppföljningen.';
    else if (id.endsWith('-beskrivning') && empty) message = 'Beskriv uppföljningen.';
    out.push({ path: id, message });
  }
  return out;
}

function anchors(): Record<string, Anchor> {
  const a: Record<string, Anchor> = {
    'besok-datum': { id: 'besok-datum', label: 'Besöksdatum' },
    'besok-sammanfattning': { id: 'besok-sammanfattning', label: 'Sammanfattning av besöket' },
  };
  for (const area of growthAreas) a[needId(area)] = { id: needId(area), label: `Behov: ${growthAreaLabels[area]}` };
  for (let n = 1; n <= FOLLOW_UP_ROWS; n++) {
    a[followId(n, 'beskrivning')] = { id: followId(n, 'beskrivning'), label: `Uppföljning ${n}` };
    a[followId(n, 'enhet')] = { id: followId(n, 'enhet'), label: `Uppföljning ${n}, enhet` };
  }
  return a;
}

export const visitErrorSummary = (state: VisitFormState | undefined): Html =>
  state?.errors.length
    ? errorSummary('Besöket kunde inte dokumenteras: rätta det som är fel', state.errors, anchors(), 'besok-fel')
    : html``;

const unitOptions = [
  { value: '', label: 'Välj enhet' },
  ...Object.entries(units).map(([value, label]) => ({ value, label })),
];
const caseCategories = categories.filter((c) => c.kind === 'company_case');

function recordForm(c: CaseView, csrf: string, today: string, state: VisitFormState | undefined): Html {
  const v = state?.values ?? {};
  const errors = state?.errors ?? [];
  return html`<h3 id="dokumentera-h">Dokumentera besöket</h3>
<form method="post" action="/arenden/${c.reference}/besok" novalidate aria-labelledby="dokumentera-h">
<input type="hidden" name="_csrf" value="${csrf}">
<input type="hidden" name="expectedVersion" value="${c.version}">
${textField({
  id: 'besok-datum',
  name: 'visitedOn',
  label: 'Besöksdatum',
  type: 'date',
  value: v.visitedOn ?? today,
  errors,
  required: true,
  hint: 'Dagen då besöket gjordes. Besöket räknas mot årets mål den dagen.',
})}
${textArea({ id: 'besok-sammanfattning', name: 'summary', label: 'Sammanfattning av besöket', value: v.summary ?? '', errors, required: true })}
<fieldset class="checks"><legend>Företagets behov för att växa</legend>
<p class="hint">Skriv vad företaget behöver inom de områden som gäller. Tomma områden sparas inte.</p>
${growthAreas.map((area) => textArea({ id: needId(area), label: growthAreaLabels[area], value: v[needId(area)] ?? '', errors, optional: true, rows: 2 }))}
</fieldset>
<fieldset class="checks"><legend>Uppföljningar</legend>
<p class="hint">Det som en enhet ska göra efter besöket. Varje uppföljning kan sedan bli ett ärende för enheten.</p>
${Array.from({ length: FOLLOW_UP_ROWS }, (_, i) => i + 1).map(
  (n) => html`${textArea({
    id: followId(n, 'beskrivning'),
    label: `Uppföljning ${n}`,
    value: v[followId(n, 'beskrivning')] ?? '',
    errors,
    optional: true,
    rows: 2,
  })}
${selectField({
  id: followId(n, 'enhet'),
  label: `Enhet för uppföljning ${n}`,
  options: unitOptions,
  value: v[followId(n, 'enhet')] ?? '',
  errors,
  optional: true,
})}`,
)}
</fieldset>
<button type="submit">Dokumentera besöket</button>
</form>`;
}

/**
 * The visit's own part of the case page: what was recorded (needs, follow-ups and the cases
 * they became), the form that documents it while it is planned, and "Gör ett ärende" per
 * follow-up, on the API's use cases (RECORD_VISIT through send-case-event.ts, follow-up-to-case.ts).
 */
export async function visitSection(
  ctx: AppContext,
  actor: Actor,
  c: CaseView,
  csrf: string,
  state?: VisitFormState,
  followUpErrors: FieldError[] = [],
): Promise<Html> {
  const visit = c.visit;
  const row = await findVisibleCase(ctx, actor, c.id);
  const mayFollowUp = row !== undefined && mayActOn(actor, row, 'RECORD_VISIT') && row.closedAt === null;
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(ctx.clock.now());
  const recorded = visit?.visitedOn
    ? html`<p>Besöket gjordes ${swedishDay(`${visit.visitedOn}T12:00:00Z`)}.</p>
${visit.summary ? html`<h3>Sammanfattning</h3>${paragraphs(visit.summary)}` : ''}
<h3>Företagets behov</h3>
${visit.growthNeeds.length ? html`<dl class="case-facts">${visit.growthNeeds.map((g) => html`<dt>${g.areaLabel}</dt><dd>${g.description}</dd>`)}</dl>` : html`<p>Inga behov antecknades.</p>`}
<h3>Uppföljningar</h3>
${
  visit.followUps.length
    ? html`<ol class="case-notes">${visit.followUps.map((f) => {
        const error = followUpErrors.find((e) => e.path === `uppfoljning-${f.id}`)?.message;
        return html`<li><p>${f.description} <span class="meta">${f.unitLabel}</span></p>
${
  f.caseReference
    ? html`<p>Blev ärendet <a href="/arenden/${f.caseReference}">${f.caseReference}</a>.</p>`
    : mayFollowUp
      ? html`<form method="post" action="/arenden/${c.reference}/uppfoljningar/${f.id}" novalidate>
<input type="hidden" name="_csrf" value="${csrf}">
${selectField({
  id: `uppfoljning-${f.id}`,
  name: 'category',
  label: `Kategori för ärendet hos ${f.unitLabel}`,
  options: [{ value: '', label: 'Välj kategori' }, ...caseCategories.map((k) => ({ value: k.code, label: k.label }))],
  value: '',
  errorPath: `uppfoljning-${f.id}`,
  errors: error ? [{ path: `uppfoljning-${f.id}`, message: error }] : [],
})}
<button type="submit">Gör ett ärende av uppföljningen</button>
</form>`
      : html`<p class="meta">Inget ärende ännu.</p>`
}</li>`;
      })}</ol>`
    : html`<p>Inga uppföljningar.</p>`
}`
    : html`<p>Besöket är inte dokumenterat ännu.</p>`;
  return html`<section aria-labelledby="besok-h">
<h2 id="besok-h">Besöket</h2>
${recorded}
${c.allowedEvents.includes('RECORD_VISIT') ? recordForm(c, csrf, today, state) : ''}
</section>`;
}
