// HTML built on the server for the company's pages and the staff app alike: every value is
// escaped unless it is already-built Html, so a page cannot carry markup someone typed.

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export const esc = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (c) => entities[c]!);

/** Tagged template whose interpolations are escaped unless they are already-built Html. */
export class Html {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += renderValue(v) + strings[i + 1]!;
  });
  return new Html(out);
}

function renderValue(v: unknown): string {
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(renderValue).join('');
  if (v === null || v === undefined || v === false) return '';
  return esc(v);
}

/** Paragraphs from free text: blank lines part them, single line breaks stay. */
export const paragraphs = (text: string): Html =>
  new Html(
    text
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => `<p>${esc(p).replace(/\n/g, '<br>')}</p>`)
      .join(''),
  );

/** The error box a form shows above itself: a heading and one line per problem. */
export function errorSummary(title: string, messages: string[], level: 2 | 3 = 2): Html {
  if (messages.length === 0) return html``;
  const heading = level === 2 ? html`<h2>${title}</h2>` : html`<h3>${title}</h3>`;
  return html`<div class="error-summary" role="alert" id="fel">
${heading}
<ul>${messages.map((m) => html`<li>${m}</li>`)}</ul>
</div>`;
}
