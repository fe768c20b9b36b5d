import { complaintConcernLabels, complaintConcerns } from '../../../workflows/complaint-events.js';
import type { PublicCase } from '../../application/tracking/public-case-schema.js';
import { errorSummary, html } from '../../views/html.js';
import { layout, pagePaths } from './public-layout.js';

export interface ComplaintPageOptions {
  token: string;
  formToken: string;
  /** What the company wrote, kept when the form comes back with errors. */
  values?: Record<string, unknown>;
  errors?: { path: string; message: string }[];
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const chosen = (v: unknown) => new Set(Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

/** The short complaint form: what it concerns, what happened, and whom to answer. */
export function complaintPage(c: PublicCase, o: ComplaintPageOptions): string {
  const paths = pagePaths(o.token, 1);
  const values = o.values ?? {};
  const errors = o.errors ?? [];
  const errorFor = (...fields: string[]) =>
    errors
      .filter((e) => fields.some((f) => e.path === f || e.path.startsWith(`${f}.`)))
      .map((e) => html`<p class="field-error">${e.message}</p>`);
  const picked = chosen(values.concerns);
  const body = html`<p><a href="${paths.page}">Tillbaka till ärende ${c.reference}</a></p>
<h1>Lämna ett klagomål</h1>
<p>Klagomålet gäller hur vi har hanterat ärende ${c.reference}, ”${c.subject.replace(/[.!?…\s]+$/u, '')}”. Vill du ändra ett beslut ska du i stället överklaga det. Hur du gör det står i beslutet.</p>
${errorSummary(
  'Klagomålet kunde inte skickas',
  errors.map((e) => e.message),
)}
<form method="post" action="${paths.complaint}" class="card">
<input type="hidden" name="formToken" value="${o.formToken}">
<fieldset aria-describedby="concerns-hint">
<legend>Vad gäller klagomålet?</legend>
<p class="hint" id="concerns-hint">Välj ett eller flera alternativ.</p>
${errorFor('concerns')}
${complaintConcerns.map(
  (code) =>
    html`<label class="choice"><input type="checkbox" name="concerns" value="${code}"${picked.has(code) ? html` checked` : ''}> ${complaintConcernLabels[code]}</label>`,
)}
</fieldset>
<label for="description">Berätta vad som hände</label>
${errorFor('description')}
<textarea id="description" name="description" rows="7" required>${text(values.description)}</textarea>
<fieldset>
<legend>Vem ska vi svara?</legend>
<p class="hint">Lämnar du fälten tomma svarar vi samma kontaktperson som i ärendet.</p>
<label for="contactName">Namn</label>
${errorFor('contactName')}
<input type="text" id="contactName" name="contactName" autocomplete="name" value="${text(values.contactName)}">
<label for="contactEmail">E-post</label>
${errorFor('contactEmail')}
<input type="email" id="contactEmail" name="contactEmail" autocomplete="email" value="${text(values.contactEmail)}">
<label for="contactPhone">Telefon</label>
${errorFor('contactPhone')}
<input type="tel" id="contactPhone" name="contactPhone" autocomplete="tel" value="${text(values.contactPhone)}">
</fieldset>
<button type="submit">Skicka klagomålet</button>
</form>`;
  return layout({ title: `Lämna ett klagomål – ${c.reference}`, css: paths.css, body });
}
