import { createHash } from 'node:crypto';
import type { FieldError } from '../../domain/errors.js';
import { serviceFactors, type ServiceFactor } from '../../domain/nki.js';
import { formatSwedishDate } from '../../domain/working-days.js';
import type { SurveyView } from '../../application/survey-view.js';
import { renderDocument } from '../../views/document.js';
import { esc, Html } from '../../views/html.js';

// The survey page: plain HTML, no script, no external resource, one inline style allowed by
// its hash. It works on a phone, with a keyboard and with a screen reader: each question is a
// fieldset whose legend is the question, every choice has a label, and errors are listed at the
// top with links to the questions they concern.

const style = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:1.0625rem;line-height:1.5;color:#1b1b1b;background:#fff}
main{max-width:42rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;line-height:1.25}
h2{font-size:1.25rem;margin-top:2rem}
fieldset{border:1px solid #767676;border-radius:.5rem;margin:0 0 1.25rem;padding:.75rem 1rem 1rem}
legend{font-weight:600;padding:0 .25rem}
.hint{margin:.25rem 0 .5rem;color:#4a4a4a}
.choices{display:flex;flex-wrap:wrap;gap:.5rem}
.choice{position:relative}
.choice input{position:absolute;opacity:0;width:1px;height:1px}
.choice label{display:inline-block;min-width:2.75rem;min-height:2.75rem;padding:.55rem .75rem;border:2px solid #767676;border-radius:.375rem;text-align:center;cursor:pointer}
.choice input:checked+label{background:#004b8d;border-color:#004b8d;color:#fff}
.choice input:focus-visible+label{outline:3px solid #ffbf47;outline-offset:2px}
.error{color:#b00020;font-weight:600;margin:.25rem 0 .5rem}
.invalid{border-color:#b00020;border-width:2px}
.summary{border:3px solid #b00020;border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0}
.summary a{color:#b00020}
textarea{width:100%;font:inherit;padding:.5rem;border:2px solid #767676;border-radius:.375rem}
button{font:inherit;font-weight:600;padding:.75rem 1.25rem;border-radius:.375rem;border:2px solid #004b8d;background:#004b8d;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#004b8d}
button:focus-visible,textarea:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
`;

/** The Content-Security-Policy every survey page carries: nothing but the inline style above. */
export const surveyCsp = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(style, 'utf8').digest('base64')}'`,
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

function page(title: string, body: string): string {
  return renderDocument({
    title,
    robots: 'noindex',
    noReferrer: true,
    css: { inline: style },
    body: new Html(`<main>\n${body}\n</main>`),
  });
}

export const nkiQuestions = [
  {
    name: 'nkiOverall',
    text: 'Hur nöjd är du sammantaget med kommunens service i ditt ärende?',
    hint: '1 betyder mycket missnöjd och 10 mycket nöjd.',
  },
  {
    name: 'nkiExpectations',
    text: 'Hur väl motsvarade servicen dina förväntningar?',
    hint: '1 betyder inte alls och 10 helt och hållet.',
  },
  {
    name: 'nkiIdeal',
    text: 'Hur nära ett idealiskt serviceutförande kom kommunen?',
    hint: '1 betyder mycket långt ifrån och 10 mycket nära.',
  },
] as const;

export const factorQuestions: Record<ServiceFactor, string> = {
  information: 'Information: Hur nöjd är du med informationen om hur ärendet går till och vad du behövde göra?',
  tillganglighet: 'Tillgänglighet: Hur nöjd är du med hur lätt det var att komma i kontakt med oss?',
  bemotande: 'Bemötande: Hur nöjd är du med hur du blev bemött?',
  kompetens: 'Kompetens: Hur nöjd är du med vår kunskap och hur väl vi förstod ditt företags behov?',
  rattssakerhet: 'Rättssäkerhet: Hur nöjd är du med att ärendet behandlades sakligt, korrekt och enligt reglerna?',
  effektivitet: 'Effektivitet: Hur nöjd är du med hur snabbt och smidigt ärendet hanterades?',
};

export interface FormState {
  values: Record<string, unknown>;
  errors: FieldError[];
}

function choiceGroup(
  name: string,
  legend: string,
  hint: string,
  options: { value: string; label: string }[],
  state: FormState,
  required: boolean,
): string {
  const error = state.errors.find((e) => e.path === name);
  const chosen = state.values[name] === null ? 'vet-ej' : String(state.values[name] ?? '');
  const described = [`${name}-hint`, error ? `${name}-error` : ''].filter(Boolean).join(' ');
  const inputs = options
    .map((o, i) => {
      const id = `${name}-${o.value}`;
      const attrs = [
        'type="radio"',
        `id="${id}"`,
        `name="${name}"`,
        `value="${o.value}"`,
        chosen === o.value ? 'checked' : '',
        required && i === 0 ? 'required' : '',
        error ? 'aria-invalid="true"' : '',
      ].filter(Boolean);
      return `<span class="choice"><input ${attrs.join(' ')}><label for="${id}">${esc(o.label)}</label></span>`;
    })
    .join('');
  return `<fieldset id="${name}" aria-describedby="${described}"${error ? ' class="invalid"' : ''}>
<legend>${esc(legend)}</legend>
<p class="hint" id="${name}-hint">${esc(hint)}</p>
${error ? `<p class="error" id="${name}-error">Fel: ${esc(error.message)}</p>` : ''}
<div class="choices">${inputs}</div>
</fieldset>`;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }));

const fieldLabel = (path: string): string =>
  nkiQuestions.find((q) => q.name === path)?.text ??
  (factorQuestions as Record<string, string>)[path] ??
  (path === 'comment' ? 'Övriga synpunkter' : path);

export function surveyFormPage(
  view: SurveyView,
  declineAction: string,
  state: FormState = { values: {}, errors: [] },
): string {
  const summary = state.errors.length
    ? `<div class="summary" role="alert" aria-labelledby="summary-title" tabindex="-1">
<h2 id="summary-title">Några svar behöver rättas</h2>
<ul>${state.errors.map((e) => `<li><a href="#${esc(e.path)}">${esc(fieldLabel(e.path))} ${esc(e.message)}</a></li>`).join('')}</ul>
</div>`
    : '';
  const commentError = state.errors.find((e) => e.path === 'comment');
  const comment = typeof state.values.comment === 'string' ? state.values.comment : '';
  return page(
    `${state.errors.length ? 'Fel: ' : ''}Vad tyckte du om vår service? – Kommunen`,
    `<h1>Vad tyckte du om vår service?</h1>
<p>Frågorna gäller ditt ärende ${esc(view.reference)} (${esc(view.areaLabel)}). Det tar ungefär tre minuter. Du kan svara till och med ${esc(formatSwedishDate(view.lastDay))}.</p>
<p>Dina svar sparas utan ditt namn, ditt företag och ärendenumret. Ingen kan se vad just du har svarat.</p>
${summary}
<form method="post">
<h2>Hela ärendet</h2>
${nkiQuestions.map((q) => choiceGroup(q.name, q.text, q.hint, range(10), state, true)).join('\n')}
<h2>Olika delar av servicen</h2>
<p>1 betyder mycket missnöjd och 6 mycket nöjd. Välj "Vet ej" om du inte kan bedöma det.</p>
${serviceFactors.map((f) => choiceGroup(f, factorQuestions[f], '1 betyder mycket missnöjd och 6 mycket nöjd.', [...range(6), { value: 'vet-ej', label: 'Vet ej' }], state, false)).join('\n')}
<h2>Något mer?</h2>
<p><label for="comment">Vill du berätta något mer om hur vi skötte ditt ärende? Skriv inte ditt namn eller annat som visar vem du är.</label></p>
${commentError ? `<p class="error" id="comment-error">Fel: ${esc(commentError.message)}</p>` : ''}
<textarea id="comment" name="comment" rows="5"${commentError ? ' aria-invalid="true" aria-describedby="comment-error"' : ''}>${esc(comment)}</textarea>
<p><button type="submit">Skicka svaren</button></p>
</form>
<form method="post" action="${esc(declineAction)}">
<p>Vill du inte svara? Då skickar vi inga fler påminnelser.</p>
<p><button type="submit" class="secondary">Jag vill inte svara</button></p>
</form>`,
  );
}

export const surveyThanksPage = () =>
  page(
    'Tack för dina svar – Kommunen',
    `<h1>Tack för dina svar!</h1>\n<p>Vi använder svaren för att göra servicen till företag bättre. Du kan stänga sidan nu.</p>`,
  );

export const surveyDeclinedPage = () =>
  page(
    'Du har tackat nej – Kommunen',
    `<h1>Tack, vi har noterat det</h1>\n<p>Du får inga fler påminnelser om den här enkäten. Du kan stänga sidan nu.</p>`,
  );

/** The same page for an unknown, answered, declined or closed link. */
export const surveyGonePage = () =>
  page(
    'Enkäten finns inte – Kommunen',
    `<h1>Enkäten finns inte</h1>\n<p>Länken kan vara fel, eller så är enkäten redan ` +
      `besvarad eller stängd.</p>\n<p>Har du frågor om ditt ärende är du välkommen att ` +
      `kontakta kommunen.</p>`,
  );
