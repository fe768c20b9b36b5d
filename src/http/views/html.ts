// Server-rendered pages for companies: no script at all, one served stylesheet, every value
// escaped. A strict Content-Security-Policy (track-routes.ts) holds them to that.

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

/**
 * Relative paths, so the pages work behind a proxy that serves them under a path of its own.
 * `depth` 0 is the page at /track/<token>, 1 a page under it (/track/<token>/complaint).
 */
export function pagePaths(token: string, depth: 0 | 1) {
  return depth === 0
    ? { css: 'assets/tracking.css', page: token, complement: `${token}/complement`, complaint: `${token}/complaint` }
    : { css: '../assets/tracking.css', page: `../${token}`, complement: 'complement', complaint: 'complaint' };
}

export function layout(opts: { title: string; css: string; body: Html }): string {
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${esc(opts.title)}</title>
<link rel="stylesheet" href="${esc(opts.css)}">
<link rel="icon" href="${esc(opts.css.replace(/tracking\.css$/, 'icon.svg'))}" type="image/svg+xml">
</head>
<body>
<a class="skip" href="#main">Till innehållet</a>
<header class="site"><p>Kommunen · Följ ditt ärende</p></header>
<main id="main">
${opts.body.value}
</main>
<footer class="site"><p>Länken till den här sidan är personlig. Dela den bara med dem som ska kunna följa ärendet. Om någon annan har fått länken kan vi ersätta den med en ny.</p></footer>
</body>
</html>
`;
}

/** The error box a form shows above itself: a heading and one line per problem. */
export function errorSummary(title: string, messages: string[], level: 2 | 3 = 2): Html {
  if (messages.length === 0) return html``;
  const heading = level === 2 ? html`<h2>${title}</h2>` : html`<h3>${title}</h3>`;
  return html`<div class="error-summary" role="alert" id="fel">
${heading}
<ul>${messages.map((m) => html`<li>${m}</li>`)}</ul>
</div>`;
}
