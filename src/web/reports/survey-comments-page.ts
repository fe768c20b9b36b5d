import type { SurveyCommentRow } from '../../application/reports/survey-comment-report.js';
import { formatYearMonth } from '../../domain/stockholm-months.js';
import type { FieldError } from '../../domain/errors.js';
import { html } from '../../views/html.js';
import { renderStaffPage, type PageUser } from '../staff-layout.js';
import { csvHref, webReports, type PeriodForm } from './report-catalogue.js';
import { periodForm } from './report-page.js';

/** The survey's free-text answers, each with only what the answer row holds. */
export function surveyCommentsPage(o: {
  user: PageUser;
  csrfToken: string;
  form: PeriodForm;
  errors: FieldError[];
  rows: SurveyCommentRow[] | null;
}): string {
  const rows = o.rows;
  const body = html`<p><a href="/rapporter">Till rapporterna</a></p>
<h1>Synpunkter i uppföljningsenkäten</h1>
<p>Det företagen skrev i enkätens fritextruta, så som det sparades: bara området, enheten och månaden då ärendet avslutades står bredvid. Svaren är inte kopplade till något ärende, företag eller kontaktperson, och ordningen inom en månad säger inget om när de lämnades.</p>
<p class="meta">En synpunkt kan ändå avslöja vem som skrev den. Läs dem med det i åtanke och för dem inte vidare med uppgifter som pekar ut någon.</p>
${periodForm(o.form, o.errors, { action: '/rapporter/synpunkter', button: 'Visa synpunkterna', title: 'Synpunkterna kunde inte visas' })}
${
  rows === null
    ? ''
    : html`<section aria-labelledby="synpunkter-h">
<h2 id="synpunkter-h">${rows.length === 0 ? 'Inga synpunkter' : rows.length === 1 ? '1 synpunkt' : `${rows.length} synpunkter`}, ${formatYearMonth(o.form.from)} – ${formatYearMonth(o.form.to)}</h2>
${
  rows.length === 0
    ? html`<p>Inga synpunkter har kommit in för ärenden som avslutades under perioden.</p>`
    : html`<ul class="comment-list">${rows.map((r) => html`<li><p class="meta">${r.areaLabel}, ${r.unitLabel}, ärendet avslutades ${formatYearMonth(r.month as never).toLowerCase()}</p><blockquote>${r.comment}</blockquote></li>`)}</ul>
<p><a href="${csvHref(webReports['survey-comments']!, o.form)}">Ladda ner synpunkterna som CSV</a></p>`
}
</section>`
}`;
  return renderStaffPage({
    title: 'Synpunkter i uppföljningsenkäten',
    user: o.user,
    csrfToken: o.csrfToken,
    body,
    current: '/rapporter',
  });
}
