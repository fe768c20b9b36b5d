import type { ComplaintRow } from '../../application/reports/complaint-report.js';
import type { GuaranteeRow } from '../../application/reports/guarantee-report.js';
import type { LeadTimeRow } from '../../application/reports/lead-time-report.js';
import type { NkiRow } from '../../application/reports/nki-report.js';
import type { ReportTable } from '../../application/reports/report-table.js';
import type { VisitRow } from '../../application/reports/visit-report.js';
import { formatYearMonth } from '../../domain/stockholm-months.js';
import { html, type Html } from '../../views/html.js';
import { barChart, decimal, lineChart, type Bar } from './report-charts.js';

// One chart per report, drawn from the rows the report use case returned. Where a report has
// month rows and whole-period rows, the chart shows the whole-period rows (the figures the
// report itself says to read first); the table under it has every row.

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const days = (d: number | null) => (d === null ? 'inget värde' : `${decimal(d)} dagar`);

const nothing = (text: string) => html`<p class="chart-empty">${text}</p>`;

export function guaranteeChart(t: ReportTable<GuaranteeRow>): Html {
  const rows = t.rows.filter((r) => r.month === null);
  if (rows.length === 0) return nothing('Inga garantitider avslutades eller överskreds under perioden.');
  const bars: Bar[] = rows.map((r) => ({
    label: `${r.categoryLabel}: ${r.clockLabel}`,
    segments: [
      { value: r.met, fill: 'solid' },
      { value: r.metLate, fill: 'stripes' },
      { value: r.breached, fill: 'cross' },
    ],
    text: r.keptPercent === null ? '' : `${decimal(r.keptPercent)} % hållna`,
  }));
  const description = `Hela perioden. ${rows
    .map(
      (r) =>
        `${r.categoryLabel}, ${r.clockLabel.toLowerCase()}: ${plural(r.met, 'hållen', 'hållna')}, ${r.metLate} klara efter utlovad tid, ${plural(r.breached, 'överskriden', 'överskridna')}, totalt ${r.total}${r.keptPercent === null ? '' : `, ${decimal(r.keptPercent)} % hållna`}.`,
    )
    .join(' ')}`;
  return barChart({
    id: 'chart-guarantees',
    title: 'Hållna och överskridna garantier per kategori, hela perioden',
    description,
    bars,
    max: Math.max(...rows.map((r) => r.total)),
    legend: [
      { label: 'Hållna', fill: 'solid' },
      { label: 'Klara efter utlovad tid', fill: 'stripes' },
      { label: 'Överskridna, ej klara', fill: 'cross' },
    ],
  });
}

export function leadTimeChart(t: ReportTable<LeadTimeRow>): Html {
  const rows = t.rows.filter((r) => r.month === null && r.fromReceived.n > 0);
  if (rows.length === 0) return nothing('Inga beslut fattades under perioden.');
  const bars: Bar[] = rows.flatMap((r) => [
    {
      label: `${r.categoryLabel} (${plural(r.fromReceived.n, 'beslut', 'beslut')}): median`,
      segments: [{ value: r.fromReceived.medianDays ?? 0, fill: 'solid' as const }],
      text: days(r.fromReceived.medianDays),
    },
    {
      label: `${r.categoryLabel}: 90:e percentil`,
      segments: [{ value: r.fromReceived.p90Days ?? 0, fill: 'stripes' as const }],
      text: days(r.fromReceived.p90Days),
    },
  ]);
  const description = `Kalenderdagar från registrering till beslut, hela perioden. ${rows
    .map(
      (r) =>
        `${r.categoryLabel}: ${plural(r.fromReceived.n, 'beslut', 'beslut')}, median ${days(r.fromReceived.medianDays)}, 90:e percentil ${days(r.fromReceived.p90Days)}.`,
    )
    .join(' ')}`;
  return barChart({
    id: 'chart-lead-times',
    title: 'Dagar från registrering till beslut per kategori, hela perioden',
    description,
    bars,
    max: Math.max(...rows.map((r) => r.fromReceived.p90Days ?? 0), 1),
    legend: [
      { label: 'Median', fill: 'solid' },
      { label: '90:e percentilen', fill: 'stripes' },
    ],
  });
}

export function complaintChart(t: ReportTable<ComplaintRow>): Html {
  const rows = t.rows.filter((r) => r.groupBy === 'subject');
  const total = t.rows.find((r) => r.groupBy === 'total');
  if (rows.length === 0 || !total) return nothing('Inga klagomål kom in under perioden.');
  const bars: Bar[] = rows.map((r) => ({
    label: r.label,
    segments: [
      { value: r.answeredWithinGuarantee, fill: 'solid' },
      { value: r.received - r.answeredWithinGuarantee, fill: 'dots' },
    ],
    text: `${r.received} inkomna, ${r.answeredWithinGuarantee} besvarade inom garantin`,
  }));
  const description = `Alla klagomål: ${total.received} inkomna, varav ${total.anonymous} anonyma, ${total.answered} besvarade, ${total.answeredWithinGuarantee} besvarade inom garantin. Per ämne (ett klagomål kan gälla flera): ${rows
    .map((r) => `${r.label}: ${r.received} inkomna, ${r.answeredWithinGuarantee} besvarade inom garantin.`)
    .join(' ')}`;
  return barChart({
    id: 'chart-complaints',
    title: 'Inkomna klagomål per ämne',
    description,
    bars,
    max: Math.max(...rows.map((r) => r.received)),
    legend: [
      { label: 'Besvarade inom garantin', fill: 'solid' },
      { label: 'Övriga inkomna', fill: 'dots' },
    ],
  });
}

export function nkiChart(t: ReportTable<NkiRow>): Html {
  const rows = t.rows.filter((r) => r.measure === 'nki');
  if (rows.length === 0) return nothing('Inga enkätsvar om ärenden som avslutades under perioden.');
  const valueText = (r: NkiRow) => (r.value === null ? (r.note ?? '') : `${r.value} – ${r.bandLabel ?? ''}`);
  const bars: Bar[] = rows.map((r) => ({
    label: `${r.areaLabel}, ${plural(r.answers, 'svar', 'svar')}`,
    segments: r.value === null ? [] : [{ value: r.value, fill: r.areaGroup === 'total' ? 'stripes' : 'solid' }],
    text: valueText(r),
  }));
  const description = `Ungefärligt NKI 0–100 per område. ${rows.map((r) => (r.value === null ? `${r.areaLabel}: ${plural(r.answers, 'svar', 'svar')}. ${r.note ?? ''}` : `${r.areaLabel}: ${plural(r.answers, 'svar', 'svar')}, ${valueText(r)}.`)).join(' ')}`;
  return barChart({
    id: 'chart-nki',
    title: 'Ungefärligt NKI per område',
    description,
    bars,
    max: 100,
    legend: [
      { label: 'Område', fill: 'solid' },
      { label: 'Insikt totalt (fyra områden)', fill: 'stripes' },
    ],
    // SKR's bands: below 50 very low, 50–61 low, 62–69 approved, 70–80 high, above 80 very high.
    guides: [50, 62, 70, 80].map((v) => ({ value: v, label: String(v) })),
  });
}

const monthShort = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

export function visitChart(t: ReportTable<VisitRow>): Html {
  if (t.rows.length === 0) return nothing('Året har inte börjat än.');
  const last = t.rows[t.rows.length - 1]!;
  const target = t.meta.target as number;
  const description = `Årsmål ${target} besök. Till och med ${formatYearMonth(last.month)}: ${last.cumulative} genomförda mot ${last.targetToDate} enligt målet hittills${last.cumulativePercent === null ? '' : `, ${decimal(last.cumulativePercent)} % av årsmålet`}. Per månad, genomförda hittills i år och målet hittills: ${t.rows
    .map((r) => `${formatYearMonth(r.month)} ${r.cumulative} och ${r.targetToDate}`)
    .join(', ')}.`;
  return lineChart({
    id: 'chart-visits',
    title: `Lotsande företagsbesök ${t.meta.year as number}: hittills i år mot målet`,
    description,
    xLabels: t.rows.map((r) => monthShort[Number(r.month.slice(5, 7)) - 1]!),
    series: [
      { label: 'Genomförda hittills i år', fill: 'solid', dashed: false, values: t.rows.map((r) => r.cumulative) },
      { label: 'Målet hittills', fill: 'stripes', dashed: true, values: t.rows.map((r) => r.targetToDate) },
    ],
  });
}
