import { baseCss } from '../views/base-css.js';

// The staff pages' one stylesheet, served from /assets/staff.css so the Content-Security-Policy
// can forbid inline styles: the shared base, then a wide column, the header with its menu, and
// the buttons, fields and lists the staff pages share.
export const staffCss =
  baseCss +
  `
body { font-size: 1rem; line-height: 1.5; }
.skip { z-index: 10; color: #0a4f99; }
.skip:focus { top: .5rem; }
header.staff { background: #1f3a5f; color: #fff; }
header.staff .bar { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: space-between; max-width: 64rem; margin: 0 auto; padding: .75rem 1rem; }
header.staff a { color: #fff; }
header.staff :focus-visible { outline-color: #ffd28a; }
.brand { font-weight: 700; font-size: 1.125rem; text-decoration: none; }
.who { margin: 0; font-size: .9375rem; }
.who .role { display: block; color: #dfe7f1; }
header.staff form { margin: 0; }
header.staff button { margin: 0; padding: .5rem .875rem; min-height: 44px; background: #fff; color: #1f3a5f; }
header.staff button:hover { background: #e6edf5; }
nav.main { background: #16304f; }
nav.main ul { display: flex; flex-wrap: wrap; gap: 0 .25rem; list-style: none; margin: 0 auto; padding: 0 .5rem; max-width: 64rem; }
nav.main a { display: block; padding: .625rem .5rem; min-height: 44px; color: #fff; text-decoration: none; }
nav.main a:hover { text-decoration: underline; }
nav.main a[aria-current=page] { font-weight: 700; text-decoration: underline; text-underline-offset: .25em; text-decoration-thickness: 3px; }
main { max-width: 64rem; }
main.narrow { max-width: 30rem; }
h1 { margin: .5rem 0 1rem; }
.alert { background: #fff4e5; border: 2px solid #a35200; border-radius: 6px; padding: .75rem 1rem; margin: 1rem 0; }
.alert p { margin: .25rem 0; }
.error-summary p { margin: 0; }
input[type=text], input[type=email], input[type=password], select { width: 100%; max-width: 30rem; font: inherit; padding: .5rem; border: 2px solid #5c5c5c; border-radius: 4px; background: #fff; color: #1b1b1b; }
input[aria-invalid=true], select[aria-invalid=true] { border-color: #b3261e; }
button, .button { display: inline-block; font: inherit; font-weight: 600; margin-top: 1rem; padding: .625rem 1.125rem; min-height: 44px; border: 0; border-radius: 4px; background: #1f3a5f; color: #fff; cursor: pointer; text-decoration: none; }
button:hover, .button:hover { background: #14273f; color: #fff; }
button.secondary, .button.secondary { background: #fff; color: #1f3a5f; border: 2px solid #1f3a5f; }
button.secondary:hover, .button.secondary:hover { background: #eef3f9; color: #14273f; }
.or { margin: 1.5rem 0 .5rem; color: #4a4a4a; }
ul.users { list-style: none; margin: 0; padding: 0; }
ul.users > li { background: #fff; border: 1px solid #d6d6d0; border-radius: 6px; padding: .75rem 1rem; margin: 0 0 .75rem; }
ul.users h3 { font-size: 1.0625rem; margin: 0; }
ul.users p { margin: .125rem 0; }
.badge { display: inline-block; padding: 0 .5rem; border-radius: 1rem; font-size: .875rem; font-weight: 600; background: #e9e9e5; color: #333; }
.badge.locked { background: #fdecec; color: #8c1d18; }
.badge.inactive { background: #5c5c5c; color: #fff; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin-top: .25rem; }
.actions form { margin: 0; }
.actions button, .actions .button { margin-top: .25rem; }
`;
