// What every stylesheet Handslag serves starts with: the company's pages (tracking.css) and
// the staff app (staff.css) append their own rules, which may set what is left open here (body
// text size, column width, heading margins). Mobile first from 320 px; colours meet WCAG 2.1 AA
// contrast against their backgrounds, and whatever the keyboard reaches shows a thick outline.
export const baseCss = `
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1b1b1b; background: #f4f4f2; overflow-wrap: anywhere; }
a { color: #0a4f99; }
a:hover { color: #06325f; }
:focus-visible { outline: 3px solid #b35c00; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; padding: .5rem 1rem; background: #fff; }
.skip:focus { left: .5rem; }
main { display: block; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; line-height: 1.25; }
h2 { font-size: 1.1875rem; margin: 0 0 .5rem; }
section, .card { background: #fff; border: 1px solid #d6d6d0; border-radius: 6px; padding: 1rem; margin: 1rem 0; }
.notice { background: #e3f4e8; border: 1px solid #2e7d46; border-radius: 6px; padding: .75rem 1rem; margin: 1rem 0; }
.error-summary { background: #fdecec; border: 2px solid #b3261e; border-radius: 6px; padding: .75rem 1rem; margin: 1rem 0; }
.error-summary h2 { color: #8c1d18; }
.error-summary ul { margin: 0; padding-left: 1.25rem; }
label { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
.hint { color: #4a4a4a; font-size: .9375rem; margin: 0 0 .25rem; }
.field-error { color: #8c1d18; font-weight: 600; margin: 0 0 .25rem; }
.meta { color: #4a4a4a; font-size: .9375rem; }
@media (min-width: 40rem) { h1 { font-size: 1.875rem; } main { padding: 1.5rem 1rem; } }
`;
