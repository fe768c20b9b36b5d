// What the desk's, the complaints' and the service group's pages add to the staff stylesheet:
// grouped fields, radio and checkbox choices with their hints, multi-line text, date and time
// fields, and tables that keep whole words and scroll inside their own focusable box at 320 px
// instead of widening the page.
export const casePagesCss = `
fieldset.group, fieldset.choices { border: 0; margin: 0; padding: 0; min-width: 0; }
fieldset.group { border-top: 1px solid #d6d6d0; margin: 1.25rem 0 0; padding: .5rem 0 0; }
fieldset.group > legend { font-size: 1.1875rem; font-weight: 700; padding: 0; }
fieldset.choices { margin: 1rem 0 0; }
fieldset.choices > legend { font-weight: 600; padding: 0; margin-bottom: .25rem; }
.choice { display: grid; grid-template-columns: 1.5rem 1fr; column-gap: .5rem; align-items: start; margin: .375rem 0; }
.choice input { width: 1.25rem; height: 1.25rem; margin: .15rem 0 0; accent-color: #1f3a5f; }
.choice label { display: block; font-weight: 400; margin: 0; }
.choice-hint { grid-column: 2; color: #4a4a4a; font-size: .9375rem; }
.optional { font-weight: 400; color: #4a4a4a; }
details.more { margin: 1rem 0 0; }
details.more > summary { cursor: pointer; color: #1f3a5f; font-weight: 600; text-decoration: underline; padding: .25rem 0; }
details.more > summary:focus-visible { outline: 3px solid #b35c00; outline-offset: 2px; }
details.more > fieldset.choices { margin-top: .5rem; }
textarea, input[type=tel], input[type=date], input[type=time], input[type=url], input[type=search] { width: 100%; max-width: 30rem; font: inherit; padding: .5rem; border: 2px solid #5c5c5c; border-radius: 4px; background: #fff; color: #1b1b1b; }
textarea { max-width: 40rem; min-height: 5rem; resize: vertical; }
input[type=date], input[type=time] { max-width: 12rem; }
textarea[aria-invalid=true], input[aria-invalid=true] { border-color: #b3261e; }
.field-row { display: flex; flex-wrap: wrap; gap: 0 1rem; }
.filters { display: flex; flex-wrap: wrap; gap: 0 1rem; align-items: flex-end; }
.filters .field { flex: 1 1 12rem; }
.table-wrap { overflow-x: auto; margin: .5rem 0; }
.table-wrap:focus-visible { outline: 3px solid #b35c00; }
.table-wrap table { border-collapse: collapse; width: 100%; min-width: 38rem; font-size: .9375rem; }
.table-wrap caption { text-align: left; font-weight: 600; padding: 0 0 .5rem; }
.table-wrap th, .table-wrap td { overflow-wrap: normal; text-align: left; vertical-align: top; padding: .5rem; border-bottom: 1px solid #d6d6d0; }
.table-wrap thead th { border-bottom: 2px solid #5c5c5c; }
.overdue { color: #8c1d18; font-weight: 600; }
dl.facts { display: grid; grid-template-columns: minmax(8rem, auto) 1fr; gap: .25rem 1rem; margin: 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.step h3 { font-size: 1.0625rem; margin: 0 0 .25rem; }
ol.actions-list { padding-left: 1.25rem; }
ol.actions-list li { margin: 0 0 .75rem; }
.pager { margin: 1rem 0; }
@media (max-width: 30rem) { dl.facts { grid-template-columns: 1fr; } }
`;
