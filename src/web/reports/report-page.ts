import { categories } from '../../domain/categories.js';
import type { FieldError } from '../../domain/errors.js';
import { formatYearMonth } from '../../domain/stockholm-months.js';
import { units } from '../../domain/units.js';
import type { ReportTable } from '../../application/reports/report-table.js';
import { html, type Html } from '../../views/html.js';
import { formErrors, renderStaffPage, type PageUser } from '../staff-layout.js';
import { csvHref, webReports, type PeriodForm } from './report-catalogue.js';
import { decimal } from './report-charts.js';
import { complaintChart, guaranteeChart, leadTimeChart, nkiChart, visitChart } from './report-sections.js';
import { REPORT_CSS_PATH } from './report-css.js';

export const periodLabels: Record<keyof PeriodForm, string> = {
  from: 'Från och med månad',
  to: 'Till och med månad',
  category: 'Kategori',
  unit: 'Enhet',
};

const errorOf = (errors: FieldError[], path: string) => errors.find((e) => e.path === path)?.message;

function field(name: keyof PeriodForm, errors: FieldError[], control: (attrs: Html) => Html, hint?: string): Html {
  const error = errorOf(errors, name);
  const described = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
  const attrs = html` id="${name}" name="${name}"${described ? html` aria-describedby="${described}"` : ''}${error ? html` aria-invalid="true"` : ''}`;
  return html`<div class="field"><label for="${name}">${periodLabels[name]}</label>
${hint ? html`<p class="hint" id="${name}-hint">${hint}</p>` : ''}
${error ? html`<p class="field-error" id="${name}-error">${error}</p>` : ''}
${control(attrs)}</div>`;
}

export function periodForm(
  form: PeriodForm,
  errors: FieldError[],
  target: { action: string; button: string; title: string } = {
    action: '/rapporter',
    button: 'Visa rapporterna',
    title: 'Rapporterna kunde inte visas',
  },
): Html {
  const option = (value: string, label: string, chosen: string) =>
    html`<option value="${value}"${value === chosen ? ' selected' : ''}>${label}</option>`;
  const caseCategories = categories.filter((c) => c.kind === 'company_case');
  return html`<section aria-labelledby="period-h">
<h2 id="period-h">Period och urval</h2>
${formErrors(target.title, errors, periodLabels)}
<form method="get" action="${target.action}" class="period-form" novalidate>
<div class="filters">
${field('from', errors, (a) => html`<input${a} type="month" inputmode="numeric" placeholder="ÅÅÅÅ-MM" value="${form.from}">`, 'Hela kalendermånader, skrivna som ÅÅÅÅ-MM.')}
${field('to', errors, (a) => html`<input${a} type="month" inputmode="numeric" placeholder="ÅÅÅÅ-MM" value="${form.to}">`, 'Högst 60 månader.')}
${field('category', errors, (a) => html`<select${a}>${option('', 'Alla kategorier', form.category)}${caseCategories.map((c) => option(c.code, c.label, form.category))}</select>`)}
${field('unit', errors, (a) => html`<select${a}>${option('', 'Alla enheter', form.unit)}${Object.entries(units).map(([code, label]) => option(code, label, form.unit))}</select>`)}
</div>
<button type="submit">${target.button}</button>
</form>
</section>`;
}

const cellText = (value: unknown, kind: string): string => {
  if (value === null || value === undefined || value === '') return '–';
  return kind !== 'text' && typeof value === 'number' ? decimal(value) : String(value);
};

/** Every row of the report in the columns of its CSV file: the chart's figures, readable without the chart. */
function figuresTable(name: string, t: ReportTable<unknown>): Html {
  const caption = `${t.title}: alla siffror`;
  return html`<details class="figures">
<summary>Visa siffrorna i en tabell</summary>
<div class="table-wrap" role="region" aria-labelledby="${name}-caption" tabindex="0"><table>
<caption id="${name}-caption">${caption}</caption>
<thead><tr>${t.columns.map((c) => html`<th scope="col">${c.header}</th>`)}</tr></thead>
<tbody>${t.rows.length === 0 ? html`<tr><td colspan="${t.columns.length}">Inga rader för perioden.</td></tr>` : t.rows.map((r) => html`<tr>${t.columns.map((c, i) => (i === 0 ? html`<th scope="row">${cellText(c.value(r), c.kind)}</th>` : html`<td>${cellText(c.value(r), c.kind)}</td>`))}</tr>`)}</tbody>
</table></div>
</details>`;
}

export interface ReportResults {
  guarantees: ReportTable<any>;
  'lead-times': ReportTable<any>;
  complaints: ReportTable<any>;
  nki: ReportTable<any>;
  visits: ReportTable<any>;
}

function reportSection(
  name: keyof ReportResults,
  t: ReportTable<any>,
  form: PeriodForm,
  chart: Html,
  notes: Html = html``,
): Html {
  return html`<section class="report" aria-labelledby="${name}-h" id="rapport-${name}">
<h2 id="${name}-h">${t.title}</h2>
${notes}
${chart.value.startsWith('<svg') ? html`<div class="chart-figure" role="region" aria-label="Diagram: ${t.title}" tabindex="0">${chart}</div>` : chart}
<p><a class="button secondary" href="${csvHref(webReports[name]!, form)}">Ladda ner CSV<span class="visually-hidden">: ${t.title}</span></a></p>
${figuresTable(name, t)}
</section>`;
}

function sections(results: ReportResults, form: PeriodForm): Html {
  const nki = results.nki;
  const visits = results.visits;
  return html`${reportSection('guarantees', results.guarantees, form, guaranteeChart(results.guarantees), html`<p class="meta">En garanti räknas den månad den blev klar eller, om den fortfarande är överskriden, den månad den överskreds.</p>`)}
${reportSection('lead-times', results['lead-times'], form, leadTimeChart(results['lead-times']), html`<p class="meta">Kalenderdagar från registrering till första beslut. Tabellen visar också tiden från komplett ansökan.</p>`)}
${reportSection(
  'complaints',
  results.complaints,
  form,
  complaintChart(results.complaints),
  html`<p class="meta">Klagomål som kom in under perioden. Ett klagomål om två ämnen räknas under båda.${form.category ? ' Kategorivalet gäller inte klagomål, som delas in efter ämne och enhet.' : ''}</p>`,
)}
${reportSection(
  'nki',
  nki,
  form,
  nkiChart(nki),
  html`<p class="meta">${String(nki.meta.note ?? '')}</p>
<p class="meta">Ett resultat visas bara med minst ${String(nki.meta.minAnswers)} svar, och en jämförelse med föregående period kräver minst ${String(nki.meta.minAnswersForComparison)} svar i båda perioderna. Nivåer enligt SKR: över 80 mycket högt, 70–80 högt, 62–69 godkänt, 50–61 lågt, under 50 mycket lågt. Linjerna i diagrammet visar gränserna.</p>`,
)}
${reportSection('visits', visits, form, visitChart(visits), html`<p class="meta">Årsmål ${String(visits.meta.target)} besök under ${String(visits.meta.year)}. Hittills: ${String(visits.meta.done)} besök.</p>`)}`;
}

export interface ReportPageOptions {
  user: PageUser;
  csrfToken: string;
  form: PeriodForm;
  errors: FieldError[];
  results: ReportResults | null;
}

export function reportPage(o: ReportPageOptions): string {
  const valid = o.results !== null;
  const body = html`<link rel="stylesheet" href="${REPORT_CSS_PATH}">
<h1>Rapporter</h1>
<p>Hur kommunen håller sina löften till företagen${valid ? html`: <strong>${formatYearMonth(o.form.from)} – ${formatYearMonth(o.form.to)}</strong>` : ''}. Rapporterna namnger inga ärenden, företag eller handläggare. Definitionerna är desamma som i Handslags API, och varje rapport kan laddas ner som en CSV-fil för Excel.</p>
${periodForm(o.form, o.errors)}
<p><a href="/rapporter/synpunkter">Läs synpunkterna i uppföljningsenkäten</a> (fritextsvaren, utan uppgifter om vem som svarade).</p>
${o.results ? sections(o.results, o.form) : ''}`;
  return renderStaffPage({ title: 'Rapporter', user: o.user, csrfToken: o.csrfToken, body, current: '/rapporter' });
}
