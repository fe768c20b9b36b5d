// The report pages' own rules, served at REPORT_CSS_PATH and linked from the page, so the
// shared stylesheet stays as it is. The charts scale with the column down to 320 px; their
// colours are SVG attributes, which the Content-Security-Policy allows where style attributes
// are not.
export const REPORT_CSS_PATH = '/assets/staff-reports.css';

export const reportCss = `
.period-form .field { min-width: 0; }
.period-form input[type=month] { width: 100%; max-width: 12rem; font: inherit; padding: .5rem; border: 2px solid #5c5c5c; border-radius: 4px; background: #fff; color: #1b1b1b; }
.period-form input[type=month][aria-invalid=true] { border-color: #b3261e; }
.chart-figure { margin: .75rem 0; overflow-x: auto; }
.chart-figure:focus-visible { outline: 3px solid #b35c00; }
/* Below 30rem the chart keeps its size and scrolls in its own box, as the tables do, rather than shrinking its text out of reach. */
svg.chart { display: block; width: 100%; min-width: 30rem; max-width: 44rem; height: auto; }
.chart-empty { color: #4a4a4a; font-style: italic; }
details.figures { margin: .5rem 0 0; }
details.figures > summary { cursor: pointer; font-weight: 600; min-height: 44px; padding: .625rem 0; color: #0a4f99; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`;
