import { formatSwedishDate, formatSwedishTime } from '../../domain/working-days.js';
import { localDateOf } from '../../domain/local-date.js';
import { lateText, type PromisedDate } from '../../domain/promised-date.js';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

export type Data = Record<string, unknown>;
export const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));
export const date = (v: unknown) =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatSwedishDate(v) : s(v);
export const when = (v: unknown) => {
  if (typeof v !== 'string') return '';
  const d = new Date(v);
  return `${formatSwedishDate(localDateOf(d))} ${formatSwedishTime(d)}`;
};
// A web address in a paragraph becomes a link in the HTML part; a full stop or comma after it
// ends the sentence, not the address.
const linkify = (escaped: string) =>
  escaped.replace(/https?:\/\/[^\s<>"']+?(?=[.,;:!?)]*(?:\s|$|<))/g, (url) => `<a href="${url}">${url}</a>`);
// A case reference ("HS-2026-000002") must not break at its hyphens in a narrow mail window;
// one inside a web address (after a slash) is left to the link.
const nowrapReferences = (escaped: string) =>
  escaped.replace(/(?<![/\w-])HS-\d{4}-\d+/g, (ref) => `<span style="white-space:nowrap">${ref}</span>`);
const escapeHtml = (t: string) =>
  t.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Every mail is built from paragraphs: the next step first, short sentences, no internal codes
 * (Språklagen 11 §). The HTML part says the same as the text part.
 */
export function build(subject: string, greeting: string, paragraphs: string[]): RenderedMail {
  const body = [greeting, ...paragraphs.filter(Boolean), 'Med vänliga hälsningar\nKommunen'];
  const text = body.join('\n\n') + '\n';
  const html = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:sans-serif;line-height:1.5;max-width:40em">${body
    .map((p) => `<p>${linkify(nowrapReferences(escapeHtml(p))).replace(/\n/g, '<br>')}</p>`)
    .join('')}</body></html>`;
  return { subject, text, html };
}

export const hello = (d: Data) => (d.contactName ? `Hej ${s(d.contactName)}!` : 'Hej!');

/**
 * The company's own link to follow its case (docs/tracking.md). Only mails to a company carry
 * `trackingUrl` in their data, so a template shared with staff prints it for the company alone.
 */
export const followLink = (d: Data) =>
  typeof d.trackingUrl === 'string' && d.trackingUrl
    ? `${d.kind === 'complaint' ? 'Följ ditt klagomål' : 'Följ ditt ärende'}: ${d.trackingUrl}`
    : '';

/**
 * A guarantee's label with an aside: "Beslut inom 4 veckor (PBL 9 kap. 99 §; senast …)" when the
 * label ends in brackets of its own, never two bracketed parts in a row.
 */
export const withAside = (label: string, aside: string) =>
  label.endsWith(')') ? `${label.slice(0, -1)}; ${aside})` : `${label} (${aside})`;

/** " Vi är 2 arbetsdagar sena." for a staff notice written after the promised day (data.promise). */
export const lateBy = (d: Data) => {
  const n = (d.promise as PromisedDate | undefined)?.lateWorkingDays;
  return n ? ` Vi är ${lateText(n)}.` : '';
};
