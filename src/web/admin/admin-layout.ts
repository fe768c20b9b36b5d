import { html, type Html } from '../../views/html.js';
import { renderStaffPage, type PageUser } from '../staff-layout.js';
import { ADMIN_CSS_PATH } from './admin-css.js';

/** The administration's parts, in the order of its sub-navigation. */
export const adminSections: readonly { href: string; label: string; about: string }[] = [
  {
    href: '/admin/anvandare',
    label: 'Användare',
    about: 'Lägg till användare, sätt lösenord, lås upp och inaktivera konton.',
  },
  { href: '/admin/garantier', label: 'Servicegarantier', about: 'Garantiernas längd, påminnelser och om de gäller.' },
  {
    href: '/admin/stangda-dagar',
    label: 'Stängda dagar',
    about: 'Kommunens egna stängda dagar, som inte räknas som arbetsdagar.',
  },
  {
    href: '/admin/e-post',
    label: 'E-post som misslyckats',
    about: 'Meddelanden som inte gick fram, och knappen för att skicka dem igen.',
  },
  {
    href: '/admin/queues',
    label: 'Jobbköer',
    about: 'Påminnelser och e-post som väntar eller har misslyckats i kön (en egen vy utan Handslags meny).',
  },
];

/** A second navigation inside Administration; the main menu keeps its one entry for it. */
export function adminSubnav(current: string): Html {
  return html`<nav class="sub" aria-label="Administration"><ul>${adminSections.map(
    (s) => html`<li><a href="${s.href}"${s.href === current ? html` aria-current="page"` : ''}>${s.label}</a></li>`,
  )}</ul></nav>`;
}

/** An administration page: the staff layout with its own stylesheet and the sub-navigation. */
export function renderAdminPage(o: {
  title: string;
  user: PageUser;
  csrfToken: string;
  body: Html;
  current: string;
}): string {
  const body = html`<link rel="stylesheet" href="${ADMIN_CSS_PATH}">
${adminSubnav(o.current)}
${o.body}`;
  // The main menu's Administration entry points at the users' page; it marks the whole section.
  return renderStaffPage({ title: o.title, user: o.user, csrfToken: o.csrfToken, body, current: '/admin/anvandare' });
}

export const notice = (text: string | undefined): Html =>
  text ? html`<p class="notice" role="status">${text}</p>` : html``;
