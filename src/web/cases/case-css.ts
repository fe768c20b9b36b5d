import { html } from '../../views/html.js';

export const CASE_CSS_PATH = '/assets/staff-cases.css';

// The shared layout links only staff.css; the case pages bring their own rules with a
// stylesheet link in the body (allowed there by HTML, and by the CSP as it is same-origin).
export const caseStylesheet = html`<link rel="stylesheet" href="${CASE_CSS_PATH}">`;

// Tables (.case-table) stack into labelled blocks below 48rem, so nothing scrolls sideways at 320 px.
// Late and soon-due rows carry a word ("Försenat", "Snart") and a thick left rule beside the colour.
export const caseCss = `
textarea, input[type=date], input[type=number] { width: 100%; max-width: 40rem; font: inherit; padding: .5rem; border: 2px solid #5c5c5c; border-radius: 4px; background: #fff; color: #1b1b1b; }
textarea { min-height: 6rem; }
input[type=number] { max-width: 8rem; }
textarea[aria-invalid=true], input[aria-invalid=true] { border-color: #b3261e; }
.queue-tabs ul { display: flex; flex-wrap: wrap; gap: .25rem; list-style: none; margin: 0; padding: 0; border-bottom: 2px solid #1f3a5f; }
.queue-tabs a { display: block; padding: .5rem .75rem; min-height: 44px; border: 2px solid #1f3a5f; border-bottom: 0; border-radius: 6px 6px 0 0; background: #fff; text-decoration: none; }
.queue-tabs a[aria-current=page] { background: #1f3a5f; color: #fff; font-weight: 700; text-decoration: underline; text-underline-offset: .25em; }
.queue-tabs a[aria-current=page]:focus-visible { outline-color: #b35c00; }
.queue-filters { background: #fff; border: 1px solid #d6d6d0; border-radius: 6px; padding: .5rem 1rem 1rem; margin: 1rem 0; }
.filter-fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 0 1rem; }
.queue-filters label { margin-top: .5rem; }
.queue-filters .actions button, .queue-filters .actions .button { margin-top: 1rem; }
a.button.secondary { background: #fff; color: #1f3a5f; border: 2px solid #1f3a5f; }
table.case-table { width: 100%; border-collapse: collapse; overflow-wrap: break-word; hyphens: auto; }
.case-table caption { text-align: left; font-weight: 600; padding: 0 0 .5rem; }
.case-table th, .case-table td { text-align: left; vertical-align: top; padding: .5rem; border-bottom: 1px solid #d6d6d0; }
.case-table thead th { border-bottom: 2px solid #1f3a5f; white-space: nowrap; }
.subject, td .meta, th .meta, .due { display: block; }
.subject { font-weight: 400; }
tr.row-late > * { background: #fdecec; }
tr.row-late > :first-child { border-left: 6px solid #b3261e; }
tr.row-soon > * { background: #fff4e0; }
tr.row-soon > :first-child { border-left: 6px dashed #8a4b00; }
.due-late { color: #8c1d18; font-weight: 600; }
.due-soon { color: #6b3a00; font-weight: 600; }
.pager { display: flex; flex-wrap: wrap; gap: 1rem; margin-top: 1rem; }
.pager a { display: inline-block; padding: .5rem 0; min-height: 44px; }
.case-facts { display: grid; grid-template-columns: minmax(8rem, 14rem) 1fr; gap: .25rem 1rem; margin: 0; }
.case-facts dt { font-weight: 600; }
.case-facts dd { margin: 0; }
.ref { display: block; font-size: 1rem; font-weight: 600; color: #4a4a4a; }
.status-badge { display: inline-block; padding: .125rem .625rem; border-radius: 1rem; background: #e3ecf7; color: #14273f; font-weight: 700; }
.event-forms { display: grid; gap: 1rem; }
.event-form { border: 1px solid #d6d6d0; border-radius: 6px; padding: .75rem 1rem; }
.event-form h3 { font-size: 1.0625rem; margin: 0; }
.event-form form > button, .escalate-form > button { display: block; }
.event-form fieldset { border: 0; padding: 0; margin: 1rem 0 0; }
.event-form legend { font-weight: 600; padding: 0; }
.case-choice { display: flex; gap: .5rem; align-items: center; margin: .25rem 0; }
.case-choice label { display: inline; margin: 0; font-weight: 400; }
.case-choice input { width: 1.25rem; height: 1.25rem; }
ol.timeline { list-style: none; margin: 0; padding: 0; border-left: 3px solid #1f3a5f; }
ol.timeline > li { position: relative; margin: 0 0 1rem; padding-left: 1rem; }
ol.timeline h3 { font-size: 1rem; margin: 0; }
ol.timeline p { margin: .125rem 0; }
ol.timeline blockquote { margin: .25rem 0; padding: .25rem .75rem; border-left: 3px solid #d6d6d0; background: #f7f7f5; white-space: pre-line; }
.description { white-space: pre-line; }
ol.case-notes { list-style: none; margin: 0 0 1rem; padding: 0; }
ol.case-notes > li { margin: 0 0 1rem; }
ol.case-notes blockquote { margin: .25rem 0; padding: .25rem .75rem; border-left: 3px solid #d6d6d0; background: #f7f7f5; white-space: pre-line; }
.note-form h3 { font-size: 1.0625rem; }
.note-form > button { display: block; }
.mail-failed { color: #8c1d18; font-weight: 600; }
@media (max-width: 47.99rem) {
  table.case-table, table.case-table thead, table.case-table tbody, table.case-table tr, table.case-table th, table.case-table td { display: block; }
  table.case-table caption { display: block; width: 100%; }
  table.case-table thead tr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.case-table tr { border: 1px solid #d6d6d0; border-radius: 6px; margin: 0 0 .75rem; }
  table.case-table td, table.case-table tbody th { border-bottom: 0; }
  table.case-table td[data-label]::before { content: attr(data-label); display: block; font-size: .875rem; font-weight: 600; color: #4a4a4a; }
  .case-facts { grid-template-columns: 1fr; }
  .case-facts dd { margin-bottom: .5rem; }
}
`;
