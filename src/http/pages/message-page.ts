import { html } from '../../views/html.js';
import { layout } from './public-layout.js';

/** A page that only says something: a link that does not work, a refused request. */
export function messagePage(opts: { title: string; message: string; hint?: string; depth: 0 | 1 }): string {
  const body = html`<h1>${opts.title}</h1>
<section><p>${opts.message}</p>${opts.hint ? html`<p>${opts.hint}</p>` : ''}</section>`;
  return layout({ title: opts.title, css: opts.depth === 0 ? 'assets/tracking.css' : '../assets/tracking.css', body });
}
