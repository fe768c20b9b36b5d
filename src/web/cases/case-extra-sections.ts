import type { CaseView } from '../../application/case-view-schema.js';
import type { FieldError } from '../../domain/errors.js';
import { units } from '../../domain/units.js';
import type { ComplementFileMeta } from '../../application/tracking/case-files.js';
import { html, type Html } from '../../views/html.js';
import { swedishDateTime } from './case-format.js';

/** "1,4 MB", "820 kB": a size a person reads. */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

const typeLabels: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG-bild',
  'image/png': 'PNG-bild',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
  'text/plain; charset=utf-8': 'Text',
};

/** The files the company sent with its complements, each a download through the staff session. */
export function caseFilesSection(reference: string, files: ComplementFileMeta[]): Html {
  return html`<section aria-labelledby="filer-h">
<h2 id="filer-h">Filer från företaget</h2>
${
  files.length === 0
    ? html`<p>Företaget har inte skickat några filer.</p>`
    : html`<p class="meta">Filerna som företaget skickade med sina kompletteringar på sin sida för ärendet, äldst först. De laddas ner och öppnas aldrig i Handslag.</p>
<table class="case-table">
<caption>Filer från företaget</caption>
<thead><tr><th scope="col">Fil</th><th scope="col">Typ och storlek</th><th scope="col">Kom in</th></tr></thead>
<tbody>${files.map(
        (f) => html`<tr>
<th scope="row" data-label="Fil"><a href="/arenden/${reference}/filer/${f.id}" download>${f.name}</a></th>
<td data-label="Typ och storlek">${typeLabels[f.mediaType] ?? f.mediaType}, ${fileSize(f.sizeBytes)}</td>
<td data-label="Kom in">${swedishDateTime(f.createdAt)}</td>
</tr>`,
      )}</tbody>
</table>`
}
</section>`;
}

export interface InvolvedFormState {
  units: string[];
  errors: FieldError[];
}

export const INVOLVED_FIELD = 'berors-enheter';

/**
 * "Berör även": the other units the matter touches. With the case's own unit, two or more
 * propose a dukat bord to the coordinator (flag-involved-units.ts decides).
 */
export function involvedUnitsForm(c: CaseView, csrf: string, state?: InvolvedFormState): Html {
  const chosen = state?.units ?? c.involvedUnits;
  const error = state?.errors.find((e) => e.path === INVOLVED_FIELD)?.message;
  const others = Object.entries(units).filter(([code]) => code !== c.unit);
  return html`<div class="event-form" id="berors">
<h3 id="berors-h">Berör även</h3>
<form method="post" action="/arenden/${c.reference}/beror" novalidate aria-labelledby="berors-h">
<input type="hidden" name="_csrf" value="${csrf}">
<fieldset class="checks" id="${INVOLVED_FIELD}"${error ? html` aria-describedby="${INVOLVED_FIELD}-error"` : ''}>
<legend>Andra enheter som ärendet berör</legend>
<p class="hint">Berör ärendet minst en enhet till än ${c.unit ? units[c.unit as keyof typeof units] : 'sin egen'} föreslås ett dukat bord för samordnaren.</p>
${error ? html`<p class="field-error" id="${INVOLVED_FIELD}-error">${error}</p>` : ''}
${others.map(
  ([code, label], i) =>
    html`<div class="check"><input type="checkbox" id="${INVOLVED_FIELD}-${i}" name="units" value="${code}"${chosen.includes(code) ? ' checked' : ''}><label for="${INVOLVED_FIELD}-${i}">${label}</label></div>`,
)}
</fieldset>
<button type="submit">Spara berörda enheter</button>
</form>
</div>`;
}
