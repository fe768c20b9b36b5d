import { renderDocument, skipLink } from '../../views/document.js';
import { html, type Html } from '../../views/html.js';

// The company's pages: no script at all, one served stylesheet, every value escaped. A strict
// Content-Security-Policy (track-routes.ts) holds them to that.

/**
 * Relative paths, so the pages work behind a proxy that serves them under a path of its own.
 * `depth` 0 is the page at /track/<token>, 1 a page under it (/track/<token>/complaint).
 */
export function pagePaths(token: string, depth: 0 | 1) {
  return depth === 0
    ? { css: 'assets/tracking.css', page: token, complement: `${token}/complement`, complaint: `${token}/complaint` }
    : { css: '../assets/tracking.css', page: `../${token}`, complement: 'complement', complaint: 'complaint' };
}

/** A page under /track: the site's header, the page's content and the footer about the link. */
export function layout(opts: { title: string; css: string; body: Html }): string {
  return renderDocument({
    title: opts.title,
    noReferrer: true,
    css: { href: opts.css },
    icon: opts.css.replace(/tracking\.css$/, 'icon.svg'),
    body: html`${skipLink}
<header class="site"><p>Kommunen · Följ ditt ärende</p></header>
<main id="main">
${opts.body}
</main>
<footer class="site"><p>Länken till den här sidan är personlig. Dela den bara med dem som ska kunna följa ärendet. Om någon annan har fått länken kan vi ersätta den med en ny.</p></footer>`,
  });
}
