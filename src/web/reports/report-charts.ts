import { html, type Html } from '../../views/html.js';

// Charts are inline SVG drawn on the server: no script, and no style attributes, since the
// staff pages' Content-Security-Policy forbids inline styles. Colours are SVG presentation
// attributes; every series also has its own pattern (solid, stripes, cross-hatch, dots) and
// its figure written beside it, so colour never carries the meaning alone. Each chart is an
// image with a title and a text description that says every figure it shows.

export type Fill = 'solid' | 'stripes' | 'cross' | 'dots';

/** Dark enough against white for WCAG's 3:1 for graphics; the patterns tell them apart in grey too. */
const colours: Record<Fill, string> = { solid: '#1f3a5f', stripes: '#a04d00', cross: '#8c1d18', dots: '#2e6b3f' };

export interface Segment {
  value: number;
  fill: Fill;
}

export interface Bar {
  label: string;
  segments: Segment[];
  /** What is written after the bar, e.g. "33,3 % hållna" or "Färre än 7 svar". */
  text: string;
}

export interface LegendEntry {
  label: string;
  fill: Fill;
}

/** "12,5": numbers as Swedish readers (and the CSV file) write them. */
export const decimal = (n: number): string => String(n).replace('.', ',');

// Room for a full bar and the longest figure written after it ("2 inkomna, 1 besvarade inom garantin").
const WIDTH = 560;
const BAR_AREA = 270;
const ROW = 46;
const FONT = 13;

function patterns(id: string): Html {
  const p = (name: Fill, body: Html) =>
    html`<pattern id="${id}-${name}" patternUnits="userSpaceOnUse" width="6" height="6"><rect width="6" height="6" fill="#ffffff"/>${body}</pattern>`;
  return html`<defs>
${p('solid', html`<rect width="6" height="6" fill="${colours.solid}"/>`)}
${p('stripes', html`<path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke="${colours.stripes}" stroke-width="2"/>`)}
${p('cross', html`<path d="M0,0 l6,6 M6,0 l-6,6" stroke="${colours.cross}" stroke-width="1.6"/>`)}
${p('dots', html`<circle cx="3" cy="3" r="1.6" fill="${colours.dots}"/>`)}
</defs>`;
}

function legend(id: string, entries: LegendEntry[], y: number): { svg: Html; height: number } {
  // One entry a line: long Swedish labels never collide, whatever the width.
  const svg = entries.map(
    (e, i) =>
      html`<rect x="0" y="${y + i * 22}" width="16" height="16" fill="url(#${id}-${e.fill})" stroke="${colours[e.fill]}" stroke-width="1.5"/><text x="24" y="${y + i * 22 + 13}" font-size="${FONT}" fill="#1b1b1b">${e.label}</text>`,
  );
  return { svg: html`${svg}`, height: entries.length * 22 + 8 };
}

/** The frame every chart shares: role="img", its title and its description as the accessible name and description. */
function frame(id: string, title: string, description: string, height: number, body: Html): Html {
  return html`<svg class="chart" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-desc" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" preserveAspectRatio="xMinYMin meet" focusable="false">
<title id="${id}-title">${title}</title>
<desc id="${id}-desc">${description}</desc>
${patterns(id)}
${body}
</svg>`;
}

/**
 * Horizontal bars, one a row with its label above it, stacked from its segments. `max` is
 * the value of a full bar; `guides` are vertical lines with a label (NKI's band limits).
 */
export function barChart(o: {
  id: string;
  title: string;
  description: string;
  bars: Bar[];
  max: number;
  legend: LegendEntry[];
  guides?: { value: number; label: string }[];
}): Html {
  const lg = legend(o.id, o.legend, 0);
  const top = lg.height + (o.guides?.length ? 18 : 0);
  const scale = (v: number) => (o.max > 0 ? (v / o.max) * BAR_AREA : 0);
  const rows = o.bars.map((bar, i) => {
    const y = top + i * ROW;
    let x = 0;
    const segments = bar.segments
      .filter((s) => s.value > 0)
      .map((s) => {
        const w = scale(s.value);
        const rect = html`<rect x="${x.toFixed(1)}" y="${y + 20}" width="${w.toFixed(1)}" height="18" fill="url(#${o.id}-${s.fill})" stroke="${colours[s.fill]}" stroke-width="1.5"/>`;
        x += w;
        return rect;
      });
    return html`<text x="0" y="${y + 14}" font-size="${FONT}" font-weight="600" fill="#1b1b1b">${bar.label}</text>
${segments}
<text x="${(x + 6).toFixed(1)}" y="${y + 34}" font-size="${FONT}" fill="#1b1b1b">${bar.text}</text>`;
  });
  const height = top + o.bars.length * ROW + 4;
  // The guide lines run through each bar's band only, so they never cross a label or a note.
  const guides = (o.guides ?? []).map((g) => {
    const x = scale(g.value).toFixed(1);
    return html`<text x="${x}" y="${top - 6}" font-size="11" text-anchor="middle" fill="#4a4a4a">${g.label}</text>${o.bars.map(
      (b, i) =>
        !b.segments.some((seg) => seg.value > 0)
          ? ''
          : html`<line x1="${x}" y1="${top + i * ROW + 17}" x2="${x}" y2="${top + i * ROW + 41}" stroke="#5c5c5c" stroke-width="1" stroke-dasharray="3 3"/>`,
    )}`;
  });
  return frame(o.id, o.title, o.description, height, html`${lg.svg}${rows}${guides}`);
}

export interface LineSeries {
  label: string;
  fill: Fill;
  dashed: boolean;
  values: number[];
}

/**
 * Lines over the months of a year (visits against the target): each series has its own dash
 * and marker shape, and its last value written at its end.
 */
export function lineChart(o: {
  id: string;
  title: string;
  description: string;
  xLabels: string[];
  series: LineSeries[];
}): Html {
  const lg = legend(
    o.id,
    o.series.map((s) => ({ label: s.label, fill: s.fill })),
    0,
  );
  const top = lg.height + 10;
  const plotH = 160;
  const left = 32;
  const right = WIDTH - 60;
  const max = Math.max(1, ...o.series.flatMap((s) => s.values));
  const n = o.xLabels.length;
  const xAt = (i: number) => left + (n <= 1 ? 0 : (i / (n - 1)) * (right - left));
  const yAt = (v: number) => top + plotH - (v / max) * plotH;
  const grid = [0, Math.round(max / 2), max].map(
    (v) =>
      html`<line x1="${left}" y1="${yAt(v).toFixed(1)}" x2="${right}" y2="${yAt(v).toFixed(1)}" stroke="#d6d6d0" stroke-width="1"/><text x="${left - 4}" y="${(yAt(v) + 4).toFixed(1)}" font-size="11" text-anchor="end" fill="#4a4a4a">${v}</text>`,
  );
  const xs = o.xLabels.map(
    (l, i) =>
      html`<text x="${xAt(i).toFixed(1)}" y="${top + plotH + 16}" font-size="11" text-anchor="middle" fill="#4a4a4a">${l}</text>`,
  );
  const lines = o.series.map((s) => {
    const points = s.values.map((v, i) => `${xAt(i).toFixed(1)},${yAt(v).toFixed(1)}`).join(' ');
    const colour = colours[s.fill];
    const markers = s.values.map((v, i) =>
      s.dashed
        ? html`<rect x="${(xAt(i) - 4).toFixed(1)}" y="${(yAt(v) - 4).toFixed(1)}" width="8" height="8" fill="#ffffff" stroke="${colour}" stroke-width="2"/>`
        : html`<circle cx="${xAt(i).toFixed(1)}" cy="${yAt(v).toFixed(1)}" r="4" fill="${colour}"/>`,
    );
    const last = s.values.length - 1;
    const end =
      last >= 0
        ? html`<text x="${(xAt(last) + 8).toFixed(1)}" y="${(yAt(s.values[last]!) + 4).toFixed(1)}" font-size="${FONT}" font-weight="600" fill="${colour}">${s.values[last]}</text>`
        : '';
    return html`<polyline points="${points}" fill="none" stroke="${colour}" stroke-width="2.5"${s.dashed ? html` stroke-dasharray="6 4"` : ''}/>${markers}${end}`;
  });
  return frame(o.id, o.title, o.description, top + plotH + 24, html`${lg.svg}${grid}${xs}${lines}`);
}
