import type { CaseNote } from '../../application/add-case-note.js';
import type { FieldError } from '../../domain/errors.js';
import { html, paragraphs, type Html } from '../../views/html.js';
import { swedishDateTime } from './case-format.js';

export interface NoteFormState {
  body: string;
  errors: FieldError[];
}

/** The note field's id on the page; the error summary links to it. */
export const NOTE_FIELD = 'note-body';
export const noteFieldLabels = { [NOTE_FIELD]: 'Ny anteckning' };

/** Interna anteckningar: what colleagues wrote for each other, oldest first, and a form for a new one. */
export function caseNotesSection(o: {
  reference: string;
  csrf: string;
  notes: CaseNote[];
  mayAdd: boolean;
  form?: NoteFormState | undefined;
}): Html {
  const error = o.form?.errors.find((e) => e.path === NOTE_FIELD)?.message;
  const describedBy = error ? `${NOTE_FIELD}-error ${NOTE_FIELD}-hint` : `${NOTE_FIELD}-hint`;
  return html`<section aria-labelledby="anteckningar-h">
<h2 id="anteckningar-h">Interna anteckningar</h2>
<p class="meta">Anteckningarna är till för kollegor. Företaget ser dem aldrig, varken på ärendets sida eller i e-post.</p>
${
  o.notes.length === 0
    ? html`<p>Det finns inga anteckningar i ärendet.</p>`
    : html`<ol class="case-notes">${o.notes.map(
        (n) => html`<li>
<p class="meta">${n.author.name} · <time datetime="${n.createdAt}">${swedishDateTime(n.createdAt)}</time></p>
<blockquote>${paragraphs(n.body)}</blockquote>
</li>`,
      )}</ol>`
}
${
  o.mayAdd
    ? html`<form class="note-form" method="post" action="/arenden/${o.reference}/anteckningar" novalidate aria-labelledby="ny-anteckning-h">
<h3 id="ny-anteckning-h">Skriv en anteckning</h3>
<input type="hidden" name="_csrf" value="${o.csrf}">
<label for="${NOTE_FIELD}">Ny anteckning</label>
<p class="meta" id="${NOTE_FIELD}-hint">Högst 4\u00a0000 tecken.</p>
${error ? html`<p class="field-error" id="${NOTE_FIELD}-error">${error}</p>` : ''}
<textarea id="${NOTE_FIELD}" name="body" rows="4" required aria-describedby="${describedBy}"${error ? html` aria-invalid="true"` : ''}>${o.form?.body ?? ''}</textarea>
<button type="submit">Spara anteckningen</button>
</form>`
    : ''
}
</section>`;
}
