// Rules of the start page's overview, "Ta ärendet", the service group's register, the visits
// and the survey comments; appended to /assets/staff.css.
export const workPagesCss = `
ul.overview-list { list-style: none; padding: 0; margin: 0 0 .5rem; }
ul.overview-list > li { background: #fff; border: 1px solid #d6d6d0; border-radius: 6px; padding: .5rem .75rem; margin: 0 0 .5rem; overflow-wrap: anywhere; }
ul.overview-list .meta { display: block; }
.take-form { margin: .5rem 0 0; }
.take-form button { margin: 0; }
.register-unit { background: #fff; border: 1px solid #d6d6d0; border-radius: 6px; padding: .75rem 1rem; margin: 0 0 1rem; }
.register-unit h3 { margin-top: 0; }
ul.member-list { list-style: none; padding: 0; margin: 0 0 .75rem; }
ul.member-list > li { border-top: 1px solid #e9e9e5; padding: .5rem 0; overflow-wrap: anywhere; }
ul.member-list form { margin: .25rem 0 0; }
.inline-fields { display: flex; flex-wrap: wrap; gap: .5rem; align-items: flex-end; }
.inline-fields > div { flex: 1 1 12rem; min-width: 0; }
fieldset.checks { border: 1px solid #d6d6d0; border-radius: 6px; padding: .5rem .75rem; margin: 0 0 .75rem; min-width: 0; }
fieldset.checks legend { font-weight: 600; padding: 0 .25rem; }
.check { display: flex; gap: .5rem; align-items: center; min-height: 44px; }
.check input { width: 1.25rem; height: 1.25rem; margin: 0; flex: none; }
ul.comment-list { list-style: none; padding: 0; }
ul.comment-list > li { background: #fff; border: 1px solid #d6d6d0; border-radius: 6px; padding: .75rem 1rem; margin: 0 0 .75rem; }
ul.comment-list blockquote { margin: .25rem 0 0; white-space: pre-line; overflow-wrap: anywhere; }
.visit-target { font-size: 1.125rem; }
`;
