// The administration pages' own rules, served at ADMIN_CSS_PATH and linked from each page,
// so the shared stylesheet stays as it is.
export const ADMIN_CSS_PATH = '/assets/staff-admin.css';

export const adminCss = `
nav.sub ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; margin: 0 0 1rem; padding: 0; }
nav.sub a { display: inline-block; padding: .5rem 0; min-height: 44px; }
nav.sub a[aria-current=page] { font-weight: 700; text-decoration-thickness: 3px; }
.admin-list { list-style: none; margin: 0; padding: 0; }
.admin-list > li { border-top: 1px solid #d6d6d0; padding: .75rem 0; }
.admin-list > li:first-child { border-top: 0; }
.admin-list h3 { font-size: 1.0625rem; margin: 0; }
.admin-list p { margin: .125rem 0; }
.warning-row { display: flex; flex-wrap: wrap; gap: 0 1rem; align-items: flex-end; }
.warning-row .field { flex: 1 1 10rem; min-width: 0; }
.mail-error { font-family: ui-monospace, monospace; font-size: .875rem; overflow-wrap: anywhere; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`;
