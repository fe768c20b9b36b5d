import { acceptAttribute, allowedTypesText, COMPLEMENT_LIMITS } from '../../domain/complement-files.js';
import type { PublicCase } from '../../application/tracking/public-case-schema.js';
import { errorSummary, html, paragraphs, type Html } from '../../views/html.js';
import { layout, pagePaths } from './public-layout.js';

export interface TrackingPageOptions {
  token: string;
  depth: 0 | 1;
  /** A confirmation after a form went through. */
  notice?: string | null;
  /** Problems with what the company just sent, shown above the complement form. */
  errors?: string[];
  /** The message the company typed, kept when the form is refused. */
  message?: string;
}

// A promise still ahead reads "Senast …"; one already passed says it is late and by how much.
function promiseLine(g: PublicCase['guarantees'][number]): Html {
  const upper = (t: string) => `${t.charAt(0).toUpperCase()}${t.slice(1)}`;
  if (g.promise && g.lateWorkingDays !== null) return html`<span class="late">${upper(g.promise)}</span>`;
  const due = g.dueDate
    ? html`Senast <strong>${g.dueText}</strong>`
    : html`${g.promise ? upper(g.promise) : g.dueText}`;
  return html`${due}${g.remaining ? html` · ${g.remaining}` : ''}`;
}

function guarantees(c: PublicCase): Html {
  if (c.guarantees.length === 0) return html``;
  return html`<section aria-labelledby="g-h">
<h2 id="g-h">Det här har vi lovat dig</h2>
<ul class="plain">${c.guarantees.map(
    (g) => html`<li>
<p class="g-label">${g.label}</p>
<p class="g-due">${promiseLine(g)}</p>
<p class="g-state">${g.stateLabel}${g.extended ? ' · Tidsfristen har förlängts' : ''}</p>
</li>`,
  )}</ul>
${c.extension ? html`<p>Vi har förlängt tidsfristen för beslut med ${c.extension.weeks} veckor. Skälet är: ${c.extension.reason}</p>` : ''}
</section>`;
}

function complementForm(c: PublicCase, paths: ReturnType<typeof pagePaths>, errors: string[], message: string): Html {
  if (!c.forms.complement) return html``;
  return html`<section aria-labelledby="k-h">
<h2 id="k-h">Skicka din komplettering</h2>
${errorSummary('Kompletteringen kunde inte skickas', errors, 3)}
<form method="post" action="${paths.complement}" enctype="multipart/form-data">
<input type="hidden" name="formToken" value="${c.forms.complement.formToken}">
<label for="message">Meddelande</label>
<p class="hint" id="message-hint">Skriv vad du skickar, eller svara på våra frågor här. Högst ${COMPLEMENT_LIMITS.messageChars.toLocaleString('sv-SE').replace(/\u00A0/g, ' ')} tecken.</p>
<textarea id="message" name="message" rows="5" aria-describedby="message-hint">${message}</textarea>
<label for="files">Filer</label>
<p class="hint" id="files-hint">Högst ${COMPLEMENT_LIMITS.files} filer och högst 10 MB per fil. Vi tar emot ${allowedTypesText}.</p>
<input id="files" name="files" type="file" multiple accept="${acceptAttribute}" aria-describedby="files-hint">
<button type="submit">Skicka kompletteringen</button>
</form>
</section>`;
}

function decision(c: PublicCase): Html {
  const d = c.decision;
  if (!d) return html``;
  return html`<section class="decision" aria-labelledby="d-h">
<h2 id="d-h">Beslutet</h2>
<p><strong>${d.outcomeText}</strong> Beslutet fattades <time datetime="${d.date}">${d.dateText}</time>${d.decidedBy ? html` av ${d.decidedBy}` : ''}.</p>
<h3>Motivering</h3>
${paragraphs(d.reasoning)}
${d.feeReduction ? html`<p>${d.feeReduction}</p>` : ''}
<h3>Om du vill överklaga</h3>
<p>${d.appeal}</p>
</section>`;
}

function resolution(c: PublicCase): Html {
  if (!c.resolution) return html``;
  return html`<section aria-labelledby="r-h">
<h2 id="r-h">Svaret du fick</h2>
<p class="meta">Ärendet löstes <time datetime="${c.resolution.date}">${c.resolution.dateText}</time>.</p>
${paragraphs(c.resolution.text)}
</section>`;
}

function withdrawal(c: PublicCase): Html {
  if (!c.withdrawal?.reason) return html``;
  return html`<section aria-labelledby="wd-h">
<h2 id="wd-h">Varför vi avslutade klagomålet</h2>
${paragraphs(c.withdrawal.reason)}
</section>`;
}

function answer(c: PublicCase): Html {
  if (!c.answer) return html``;
  return html`<section aria-labelledby="a-h">
<h2 id="a-h">Vårt svar</h2>
${paragraphs(c.answer.answer)}
<h3>Det här gör vi</h3>
${paragraphs(c.answer.measures)}
</section>`;
}

export function trackingPage(c: PublicCase, o: TrackingPageOptions): string {
  const paths = pagePaths(o.token, o.depth);
  const what = c.kind === 'complaint' ? 'Klagomål' : c.kind === 'company_visit' ? 'Företagsbesök' : 'Ärende';
  const body = html`<h1>${what} <span class="ref">${c.reference}</span></h1>
<p class="subject">${c.subject}</p>
<p class="meta">${c.categoryLabel} · Inkom <time datetime="${c.received.date}">${c.received.dateText}</time>${c.companyName ? html` · ${c.companyName}` : ''}${c.relatedReference ? html` · Gäller ärende ${c.relatedReference}` : ''}</p>
${o.notice ? html`<p class="notice" role="status">${o.notice}</p>` : ''}
${c.forms.complement ? '' : errorSummary('Det gick inte att skicka', o.errors ?? [])}
<section aria-labelledby="s-h">
<h2 id="s-h">Just nu</h2>
<p class="status">${c.status.label}</p>
<p><strong>Nästa steg:</strong> ${c.nextStep}</p>
${c.yourPart ? html`<p class="your-part"><strong>Det här behöver du göra:</strong> ${c.yourPart}</p>` : ''}
</section>
${complementForm(c, paths, o.errors ?? [], o.message ?? '')}
${resolution(c)}
${decision(c)}
${answer(c)}
${withdrawal(c)}
${guarantees(c)}
${
  c.unit || c.officer
    ? html`<section aria-labelledby="w-h">
<h2 id="w-h">Vem handlägger ${c.kind === 'complaint' ? 'klagomålet' : 'ärendet'}</h2>
<dl class="facts">${c.unit ? html`<dt>Enhet</dt><dd>${c.unit.label}</dd>` : ''}${c.officer ? html`<dt>${c.kind === 'complaint' ? 'Utreds av' : 'Handläggare'}</dt><dd>${c.officer.firstName}</dd>` : ''}</dl>
</section>`
    : ''
}
<section aria-labelledby="h-h">
<h2 id="h-h">Så har ${c.kind === 'complaint' ? 'klagomålet' : 'ärendet'} gått</h2>
<ol class="history">${[...c.history].reverse().map((h) => html`<li><time datetime="${h.date}">${h.dateText}</time>${h.label}</li>`)}</ol>
</section>
${
  c.forms.complaint
    ? html`<section aria-labelledby="c-h">
<h2 id="c-h">Är du inte nöjd med hur vi har hanterat ditt ärende?</h2>
<p>Berätta det för oss. Ett klagomål hjälper oss att bli bättre. Du får en bekräftelse och ett svar inom den tid vi lovar. Ett klagomål är inte ett överklagande av ett beslut.</p>
<p><a href="${paths.complaint}">Lämna ett klagomål</a></p>
</section>`
    : ''
}`;
  return layout({ title: `${what} ${c.reference} – Följ ditt ärende`, css: paths.css, body });
}
