import { roleLabels } from '../domain/role-labels.js';
import type { Role } from '../domain/roles.js';
import { units, isUnit } from '../domain/units.js';
import { renderDocument, skipLink } from '../views/document.js';
import { html, type Html } from '../views/html.js';

/** Who a staff page is for; the session middleware (staff-session.ts) loads it on each request. */
export interface PageUser {
  name: string;
  role: Role;
  unit: string | null;
  /** A banner on every page this person opens (the administrators' mail alert). */
  alert?: Html;
}

export interface NavItem {
  href: string;
  label: string;
  roles: readonly Role[];
}

const everyone: readonly Role[] = ['registrar', 'officer', 'manager', 'coordinator', 'admin'];

/** The staff app's sections. Each shows only to the roles that may use it (domain/roles.ts). */
export const staffNav: readonly NavItem[] = [
  { href: '/arenden', label: 'Ärendekö', roles: everyone },
  // Coordinators register nothing (mayRegister).
  { href: '/arenden/ny', label: 'Registrera ärende', roles: ['registrar', 'officer', 'manager', 'admin'] },
  { href: '/klagomal', label: 'Klagomål', roles: ['registrar', 'officer', 'manager', 'admin'] },
  { href: '/dukat-bord', label: 'Dukat bord', roles: everyone },
  { href: '/servicegruppen', label: 'Servicegruppen', roles: ['coordinator', 'admin'] },
  { href: '/besok', label: 'Företagsbesök', roles: ['registrar', 'officer', 'manager', 'admin'] },
  { href: '/rapporter', label: 'Rapporter', roles: ['manager', 'coordinator', 'admin'] },
  { href: '/admin/anvandare', label: 'Administration', roles: ['admin'] },
];

export const navFor = (role: Role) => staffNav.filter((n) => n.roles.includes(role));

export interface StaffPage {
  /** The page's own heading text; the document title adds "– Handslag". */
  title: string;
  /** null on pages before login (the login page, a refused form from someone not logged in). */
  user: PageUser | null;
  /** The session's form token, for the logout form in the header (csrf.ts). */
  csrfToken: string;
  body: Html;
  /** The navigation entry to mark as the current page, by its href. */
  current?: string;
  /** A narrow column, for short forms such as the login. */
  narrow?: boolean;
}

function header(user: PageUser | null, csrfToken: string, current: string | undefined): Html {
  if (!user) return html`<header class="staff"><div class="bar"><span class="brand">Handslag</span></div></header>`;
  const unit = user.unit && isUnit(user.unit) ? units[user.unit] : null;
  return html`<header class="staff">
<div class="bar">
<a class="brand" href="/">Handslag</a>
<p class="who"><span class="name">${user.name}</span><span class="role">${roleLabels[user.role]}${unit ? html`, ${unit}` : ''}</span></p>
<form method="post" action="/logout"><input type="hidden" name="_csrf" value="${csrfToken}"><button type="submit">Logga ut</button></form>
</div>
<nav class="main" aria-label="Huvudmeny"><ul>${navFor(user.role).map((n) => html`<li><a href="${n.href}"${n.href === current ? html` aria-current="page"` : ''}>${n.label}</a></li>`)}</ul></nav>
</header>`;
}

/** The whole document for a staff page: `<html lang="sv">`, skip link, header, main. */
export function renderStaffPage(page: StaffPage): string {
  return renderDocument({
    title: `${page.title} – Handslag`,
    css: { href: '/assets/staff.css' },
    icon: '/assets/staff-icon.svg',
    body: html`${skipLink}
${header(page.user, page.csrfToken, page.current)}
<main id="main" tabindex="-1"${page.narrow ? html` class="narrow"` : ''}>
${page.user?.alert ?? ''}
${page.body}
</main>`,
  });
}

/** A form's error box: a heading and one linked line per field, so a keyboard user can jump there. */
export function formErrors(
  title: string,
  errors: { path: string; message: string }[],
  labels: Record<string, string> = {},
): Html {
  if (errors.length === 0) return html``;
  return html`<div class="error-summary" role="alert" id="fel">
<h2>${title}</h2>
<ul>${errors.map((e) => (labels[e.path] ? html`<li><a href="#${e.path}">${labels[e.path]}: ${e.message}</a></li>` : html`<li>${e.message}</li>`))}</ul>
</div>`;
}
