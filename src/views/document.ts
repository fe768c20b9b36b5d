import { esc, html, type Html } from './html.js';

// The one page shell. Every page Handslag serves, the company's and the staff's, is Swedish,
// fits a phone and stays out of search engines; each kind of page fills in its own body.

export interface DocumentParts {
  /** The whole text of <title>. */
  title: string;
  /** What search engines are told; nothing Handslag serves belongs in an index. */
  robots?: string;
  /** Pages whose address carries a personal token let no referrer leave them. */
  noReferrer?: boolean;
  /** A served stylesheet, or the inline style of a page whose CSP pins it by its hash. */
  css: { href: string } | { inline: string };
  /** The tab icon, as an SVG served beside the stylesheet. */
  icon?: string;
  /** Everything inside <body>. */
  body: Html;
}

/** First in the body of a page with a header, so a keyboard user can go straight to the content. */
export const skipLink = html`<a class="skip" href="#main">Till innehållet</a>`;

export function renderDocument(d: DocumentParts): string {
  const css = 'href' in d.css ? `<link rel="stylesheet" href="${esc(d.css.href)}">` : `<style>${d.css.inline}</style>`;
  const icon = d.icon ? `\n<link rel="icon" href="${esc(d.icon)}" type="image/svg+xml">` : '';
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="${esc(d.robots ?? 'noindex, nofollow')}">${d.noReferrer ? '\n<meta name="referrer" content="no-referrer">' : ''}
<title>${esc(d.title)}</title>
${css}${icon}
</head>
<body>
${d.body.value}
</body>
</html>
`;
}
