import { baseCss } from '../../views/base-css.js';

// The company's pages' one stylesheet, served from /track/assets/tracking.css so the
// Content-Security-Policy can forbid inline styles: the shared base, then a narrow column with
// a larger text, the site header and footer, and what the tracking and complaint pages show.
export const trackingCss =
  baseCss +
  `
body { font-size: 1.0625rem; line-height: 1.55; }
header.site, footer.site { background: #1f3a5f; color: #fff; padding: .75rem 1rem; }
header.site p { margin: 0 auto; max-width: 42rem; font-weight: 600; }
footer.site { background: #e9e9e5; color: #333; font-size: .9375rem; margin-top: 2rem; }
footer.site p { margin: 0 auto; max-width: 42rem; }
main { max-width: 42rem; }
h1 { margin: .5rem 0 .25rem; }
h3 { font-size: 1.0625rem; margin: 1rem 0 .25rem; }
.ref { white-space: nowrap; }
.subject { font-size: 1.125rem; margin: 0 0 .25rem; }
.meta { margin: 0; }
.status { font-size: 1.25rem; font-weight: 700; margin: 0 0 .5rem; color: #1f3a5f; }
.your-part { background: #fff4d6; border-left: 4px solid #b35c00; padding: .75rem; margin: .75rem 0 0; }
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
legend { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
fieldset { border: 0; margin: 0; padding: 0; }
input[type=text], input[type=email], input[type=tel], textarea { width: 100%; font: inherit; padding: .5rem; border: 2px solid #5c5c5c; border-radius: 4px; background: #fff; color: #1b1b1b; }
input[type=file] { width: 100%; font: inherit; padding: .25rem 0; }
.choice { display: flex; gap: .5rem; align-items: flex-start; margin: .25rem 0; font-weight: 400; }
.choice input { width: 1.25rem; height: 1.25rem; margin-top: .2rem; flex: none; }
button { font: inherit; font-weight: 600; margin-top: 1rem; padding: .75rem 1.25rem; min-height: 44px; border: 0; border-radius: 4px; background: #1f3a5f; color: #fff; cursor: pointer; }
button:hover { background: #14273f; }
.decision { border-left: 4px solid #1f3a5f; }
.link-box { background: #eef3f9; border: 1px solid #1f3a5f; border-radius: 6px; padding: .75rem; }
`;
