import { findCategory } from '../../domain/categories.js';
import type { FieldError } from '../../domain/errors.js';
import type { Guarantee, GuaranteeDefinition } from '../../domain/guarantee.js';
import { clockLabels } from '../../application/reports/report-labels.js';
import { html, type Html } from '../../views/html.js';
import { formErrors, type PageUser } from '../staff-layout.js';
import { renderAdminPage, notice } from './admin-layout.js';
import { lengthUnitLabels, MAX_WARNINGS, warningKindLabels, type GuaranteeFormValues } from './guarantee-form.js';

const kindLabels: Record<string, string> = {
  company_case: 'Företagsärenden',
  complaint: 'Klagomål',
  service_group: 'Dukat bord',
};
const decimal = (n: number) => String(n).replace('.', ',');

const singular: Record<string, string> = {
  working_days: 'arbetsdag',
  calendar_days: 'kalenderdag',
  weeks: 'vecka',
  hours: 'timme',
};
/** "1 arbetsdag", "2,5 timmar". */
const amount = (value: number, unit: string) =>
  `${decimal(value)} ${value === 1 ? (singular[unit] ?? unit) : (lengthUnitLabels[unit] ?? unit)}`;

export const lengthText = (d: GuaranteeDefinition) => amount(d.length.value, d.length.unit);

export function warningsText(d: GuaranteeDefinition): string {
  if (d.warnings.length === 0) return 'Inga påminnelser';
  return d.warnings
    .map((w) =>
      'before' in w
        ? `${amount(w.before.value, w.before.unit)} före`
        : `när ${decimal(Math.round(w.atFraction * 1000) / 10)} % av tiden har gått`,
    )
    .join(', ');
}

const appliesTo = (d: GuaranteeDefinition) => {
  const who = d.category
    ? (findCategory(d.category)?.label ?? d.category)
    : `Alla ${kindLabels[d.kind]?.toLowerCase() ?? d.kind}`;
  const anonymous = d.anonymous === null ? '' : d.anonymous ? ', anonyma' : ', med namn';
  return `${who}${anonymous} · ${clockLabels[d.clock] ?? d.clock}`;
};

export function guaranteeListPage(o: {
  user: PageUser;
  csrfToken: string;
  guarantees: Guarantee[];
  notice?: string;
}): string {
  const sorted = [...o.guarantees].sort(
    (a, b) => a.definition.kind.localeCompare(b.definition.kind) || a.code.localeCompare(b.code),
  );
  const body = html`<h1>Servicegarantier</h1>
${notice(o.notice)}
<p>Katalogen som varje nytt ärende får sina klockor från. En ändring blir en ny version; klockor som redan går behåller den version de startade med.</p>
<section aria-labelledby="lista-h">
<h2 id="lista-h">Alla garantier (${sorted.length})</h2>
<ul class="admin-list">${sorted.map(
    (g) => html`<li>
<h3>${g.definition.label}</h3>
<p class="meta">${appliesTo(g.definition)} · kod ${g.code} · version ${g.version}</p>
<p>Tid: ${lengthText(g.definition)}. Påminnelser: ${warningsText(g.definition)}.${g.active ? '' : html` <span class="badge inactive">Gäller inte</span>`}</p>
<p><a class="button secondary" href="/admin/garantier/${g.code}">Ändra<span class="visually-hidden"> ${g.definition.label}</span></a></p>
</li>`,
  )}</ul>
</section>`;
  return renderAdminPage({
    title: 'Servicegarantier',
    user: o.user,
    csrfToken: o.csrfToken,
    body,
    current: '/admin/garantier',
  });
}

export const guaranteeFieldLabels: Record<string, string> = {
  label: 'Löftet som företaget läser',
  lengthValue: 'Tid',
  lengthUnit: 'Enhet för tiden',
  active: 'Garantin gäller',
  ...Object.fromEntries(Array.from({ length: MAX_WARNINGS }, (_, i) => [`warning${i}Value`, `Påminnelse ${i + 1}`])),
};

const errorOf = (errors: FieldError[], path: string) => errors.find((e) => e.path === path)?.message;

function described(name: string, errors: FieldError[], hint = false): Html {
  const error = errorOf(errors, name);
  const ids = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
  return html`${ids ? html` aria-describedby="${ids}"` : ''}${error ? html` aria-invalid="true"` : ''}`;
}
const errorLine = (name: string, errors: FieldError[]) => {
  const error = errorOf(errors, name);
  return error ? html`<p class="field-error" id="${name}-error">${error}</p>` : '';
};

export function guaranteeEditPage(o: {
  user: PageUser;
  csrfToken: string;
  guarantee: Guarantee;
  values: GuaranteeFormValues;
  errors?: FieldError[];
}): string {
  const errors = o.errors ?? [];
  const g = o.guarantee;
  const v = o.values;
  const rows = [...v.warnings, ...Array.from({ length: MAX_WARNINGS }, () => ({ kind: '', value: '' }))].slice(
    0,
    Math.min(MAX_WARNINGS, v.warnings.length + 1),
  );
  const warningRow = (w: { kind: string; value: string }, i: number) => html`<div class="warning-row">
<div class="field"><label for="warning${i}Kind">Påminnelse ${i + 1}: sort</label>
<select id="warning${i}Kind" name="warning${i}Kind"><option value="">Ingen påminnelse</option>${Object.entries(
    warningKindLabels,
  ).map(([k, label]) => html`<option value="${k}"${w.kind === k ? ' selected' : ''}>${label}</option>`)}</select></div>
<div class="field"><label for="warning${i}Value">Påminnelse ${i + 1}: antal</label>
${errorLine(`warning${i}Value`, errors)}
<input id="warning${i}Value" name="warning${i}Value" type="text" inputmode="decimal" value="${w.value}"${described(`warning${i}Value`, errors)}></div>
</div>`;
  const body = html`<h1>Ändra servicegaranti</h1>
<p><strong>${g.definition.label}</strong></p>
<p class="meta">${appliesTo(g.definition)} · kod ${g.code} · version ${g.version}</p>
${formErrors('Garantin kunde inte sparas', errors, guaranteeFieldLabels)}
<section aria-labelledby="andra-h">
<h2 id="andra-h">Löfte, tid, påminnelser och giltighet</h2>
<form method="post" action="/admin/garantier/${g.code}" novalidate>
<input type="hidden" name="_csrf" value="${o.csrfToken}">
<div class="field"><label for="label">Löftet som företaget läser</label>
<p class="hint" id="label-hint">Står i kvitton, e-post och på ärendets sida. Ändras tiden, skriv den nya tiden här också.</p>
${errorLine('label', errors)}
<input id="label" name="label" type="text" value="${v.label}"${described('label', errors, true)}></div>
<div class="field-row">
<div class="field"><label for="lengthValue">Tid</label>
<p class="hint" id="lengthValue-hint">Ett tal, till exempel 10 eller 2,5.</p>
${errorLine('lengthValue', errors)}
<input id="lengthValue" name="lengthValue" type="text" inputmode="decimal" value="${v.lengthValue}"${described('lengthValue', errors, true)}></div>
<div class="field"><label for="lengthUnit">Enhet för tiden</label>
${errorLine('lengthUnit', errors)}
<select id="lengthUnit" name="lengthUnit"${described('lengthUnit', errors)}>${Object.entries(lengthUnitLabels).map(
    ([k, label]) => html`<option value="${k}"${v.lengthUnit === k ? ' selected' : ''}>${label}</option>`,
  )}</select></div>
</div>
<fieldset class="group"><legend>Påminnelser till handläggaren</legend>
<p class="hint">Upp till ${MAX_WARNINGS}. Välj ”Ingen påminnelse” för att ta bort en.</p>
${rows.map(warningRow)}
</fieldset>
<div class="choice"><input id="active" name="active" type="checkbox" value="ja"${v.active ? ' checked' : ''}><label for="active">Garantin gäller för nya ärenden</label></div>
<button type="submit">Spara en ny version</button>
</form>
</section>
<p><a href="/admin/garantier">Tillbaka till servicegarantierna</a></p>`;
  return renderAdminPage({
    title: 'Ändra servicegaranti',
    user: o.user,
    csrfToken: o.csrfToken,
    body,
    current: '/admin/garantier',
  });
}
