// The pages' one stylesheet, served from /track/assets/tracking.css so the Content-Security-Policy
// can forbid inline styles. Mobile first: one column, readable from 320 px up; colours meet
// WCAG 2.1 AA contrast against their backgrounds.
export const trackingCss = `
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; font-size: 1.0625rem; line-height: 1.55; color: #1b1b1b; background: #f4f4f2; overflow-wrap: anywhere; }
a { color: #0a4f99; }
a:hover { color: #06325f; }
:focus-visible { outline: 3px solid #b35c00; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; padding: .5rem 1rem; background: #fff; }
.skip:focus { left: .5rem; }
header.site, footer.site { background: #1f3a5f; color: #fff; padding: .75rem 1rem; }
header.site p { margin: 0 auto; max-width: 42rem; font-weight: 600; }
footer.site { background: #e9e9e5; color: #333; font-size: .9375rem; margin-top: 2rem; }
footer.site p { margin: 0 auto; max-width: 42rem; }
main { display: block; max-width: 42rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: .5rem 0 .25rem; }
h2 { font-size: 1.1875rem; margin: 0 0 .5rem; }
h3 { font-size: 1.0625rem; margin: 1rem 0 .25rem; }
.ref { white-space: nowrap; }
section, .card { background: #fff; border: 1px solid #d6d6d0; border-radius: 6px; padding: 1rem; margin: 1rem 0; }
.subject { font-size: 1.125rem; margin: 0 0 .25rem; }
.meta { color: #4a4a4a; margin: 0; font-size: .9375rem; }
.status { font-size: 1.25rem; font-weight: 700; margin: 0 0 .5rem; color: #1f3a5f; }
.your-part { background: #fff4d6; border-left: 4px solid #b35c00; padding: .75rem; margin: .75rem 0 0; }
.notice { background: #e3f4e8; border: 1px solid #2e7d46; border-radius: 6px; padding: .75rem 1rem; margin: 1rem 0; }
.error-summary { background: #fdecec; border: 2px solid #b3261e; border-radius: 6px; padding: .75rem 1rem; margin: 1rem 0; }
.error-summary h2 { color: #8c1d18; }
.error-summary ul { margin: 0; padding-left: 1.25rem; }
ul.plain, ol.history { list-style: none; margin: 0; padding: 0; }
ul.plain > li, ol.history > li { padding: .5rem 0; border-top: 1px solid #e3e3de; }
ul.plain > li:first-child, ol.history > li:first-child { border-top: 0; padding-top: 0; }
.g-label { font-weight: 600; margin: 0; }
.g-due, .g-state { margin: .125rem 0 0; }
.g-state { color: #4a4a4a; font-size: .9375rem; }
.late { color: #8c1d18; font-weight: 600; }
ol.history time { display: block; color: #4a4a4a; font-size: .9375rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
label, legend { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
fieldset { border: 0; margin: 0; padding: 0; }
.hint { color: #4a4a4a; font-size: .9375rem; margin: 0 0 .25rem; }
.field-error { color: #8c1d18; font-weight: 600; margin: 0 0 .25rem; }
input[type=text], input[type=email], input[type=tel], textarea { width: 100%; font: inherit; padding: .5rem; border: 2px solid #5c5c5c; border-radius: 4px; background: #fff; color: #1b1b1b; }
input[type=file] { width: 100%; font: inherit; padding: .25rem 0; }
.choice { display: flex; gap: .5rem; align-items: flex-start; margin: .25rem 0; font-weight: 400; }
.choice input { width: 1.25rem; height: 1.25rem; margin-top: .2rem; flex: none; }
button { font: inherit; font-weight: 600; margin-top: 1rem; padding: .75rem 1.25rem; min-height: 44px; border: 0; border-radius: 4px; background: #1f3a5f; color: #fff; cursor: pointer; }
button:hover { background: #14273f; }
.decision { border-left: 4px solid #1f3a5f; }
.link-box { background: #eef3f9; border: 1px solid #1f3a5f; border-radius: 6px; padding: .75rem; }
@media (min-width: 40rem) { h1 { font-size: 1.875rem; } main { padding: 1.5rem 1rem; } }
`;

/** A plain mark for the browser tab, so no page view asks for a /favicon.ico that is not there. */
export const trackingIcon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1f3a5f"/><path d="M9 17l5 5 9-11" fill="none" stroke="#fff" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
