import type { FieldError } from '../../domain/errors.js';
import { units } from '../../domain/units.js';
import { html } from '../../views/html.js';
import { complaintConcernLabels, complaintConcerns } from '../../../workflows/complaint-events.js';
import { renderStaffPage, type PageUser } from '../staff-layout.js';
import {
  choiceGroup,
  choiceId,
  csrfField,
  errorSummary,
  firstErrorPath,
  selectField,
  textArea,
  textField,
  type Anchor,
  type Values,
} from '../register/form-parts.js';
import { intakeChannelChoices } from '../register/register-page.js';
import { complaintFields } from './complaint-form.js';

const labels: Record<string, string> = {
  subject: 'Rubrik',
  description: 'Vad klagomålet gäller',
  concerns: 'Klagomålet gäller',
  channel: 'Kanal',
  anonymous: 'Anonymt',
  orgNumber: 'Organisationsnummer',
  companyName: 'Företagets namn',
  contactName: 'Kontaktpersonens namn',
  contactEmail: 'E-post',
  contactPhone: 'Telefon',
  relatedCase: 'Ärendet klagomålet gäller',
  unit: 'Enhet',
};

export function complaintFormPage(o: {
  user: PageUser;
  csrfToken: string;
  values: Values;
  concerns: string[];
  errors: FieldError[];
}): string {
  const v = (k: string) => o.values[k] ?? '';
  const e = o.errors;
  const firstError = firstErrorPath(e, [...complaintFields]);
  const focus = (name: string) => firstError === name;
  const anchors: Record<string, Anchor> = Object.fromEntries(
    complaintFields.map((f) => [f, { id: f, label: labels[f]! }]),
  );
  anchors.concerns = { id: choiceId('concerns', complaintConcerns[0]), label: labels.concerns! };
  anchors.channel = { id: choiceId('channel', 'phone'), label: labels.channel! };
  anchors.anonymous = { id: choiceId('anonymous', 'ja'), label: labels.anonymous! };

  const body = html`<h1>Registrera klagomål</h1>
<p>Ett klagomål på kommunens service eller bemötande. Klaganden får en bekräftelse och ett svar inom den tid servicegarantin lovar, utom när klagomålet är anonymt.</p>
${errorSummary('Klagomålet kunde inte registreras', e, anchors)}
<form method="post" action="/klagomal/ny" novalidate>
${csrfField(o.csrfToken)}
${textField({ id: 'subject', label: 'Rubrik', value: v('subject'), errors: e, autocomplete: 'off', autofocus: !firstError || focus('subject') })}
${textArea({
  id: 'description',
  label: 'Vad hände?',
  errorPath: 'description',
  value: v('description'),
  errors: e,
  rows: 5,
  optional: true,
  autofocus: focus('description'),
})}
${choiceGroup({
  name: 'concerns',
  kind: 'checkbox',
  legend: 'Vad gäller klagomålet?',
  hint: 'Välj ett eller flera.',
  choices: complaintConcerns.map((c) => ({ value: c, label: complaintConcernLabels[c] })),
  checked: (x) => o.concerns.includes(x),
  errors: e,
  autofocus: focus('concerns'),
})}
${choiceGroup({
  name: 'channel',
  legend: 'Hur kom klagomålet in?',
  choices: intakeChannelChoices,
  checked: (x) => (v('channel') || 'phone') === x,
  errors: e,
  autofocus: focus('channel'),
})}
<fieldset class="group"><legend>Vem klagar?</legend>
${choiceGroup({
  name: 'anonymous',
  kind: 'checkbox',
  legend: 'Anonymitet',
  choices: [{ value: 'ja', label: 'Klaganden vill vara anonym (inga kontaktuppgifter, inget svar)' }],
  checked: () => v('anonymous') === 'ja',
  errors: e,
  autofocus: focus('anonymous'),
})}
${textField({ id: 'contactName', label: 'Kontaktpersonens namn', value: v('contactName'), errors: e, autocomplete: 'off', autofocus: focus('contactName') })}
${textField({
  id: 'contactEmail',
  label: 'E-post',
  type: 'email',
  value: v('contactEmail'),
  errors: e,
  autocomplete: 'off',
  spellcheck: false,
  hint: 'E-post eller telefon. Bekräftelsen och svaret går till e-posten.',
  autofocus: focus('contactEmail'),
})}
${textField({ id: 'contactPhone', label: 'Telefon', type: 'tel', value: v('contactPhone'), errors: e, autocomplete: 'off', autofocus: focus('contactPhone') })}
${textField({
  id: 'orgNumber',
  label: 'Företagets organisationsnummer',
  value: v('orgNumber'),
  errors: e,
  optional: true,
  autocomplete: 'off',
  inputmode: 'numeric',
  spellcheck: false,
  autofocus: focus('orgNumber'),
})}
${textField({
  id: 'companyName',
  label: 'Företagets namn',
  value: v('companyName'),
  errors: e,
  optional: true,
  autocomplete: 'off',
  autofocus: focus('companyName'),
})}
</fieldset>
<fieldset class="group"><legend>Koppling</legend>
${textField({
  id: 'relatedCase',
  label: 'Ärendet klagomålet gäller',
  hint: 'Ärendets referens, till exempel HS-2026-000123.',
  value: v('relatedCase'),
  errors: e,
  optional: true,
  autocomplete: 'off',
  spellcheck: false,
  autofocus: focus('relatedCase'),
})}
${selectField({
  id: 'unit',
  label: 'Enhet',
  hint: 'Om du inte väljer går klagomålet till det kopplade ärendets enhet, annars till Näringsliv.',
  options: [{ value: '', label: 'Välj inte' }, ...Object.entries(units).map(([value, label]) => ({ value, label }))],
  value: v('unit'),
  errors: e,
  optional: true,
})}
</fieldset>
<button type="submit">Registrera klagomålet</button>
</form>`;
  return renderStaffPage({
    title: o.errors.length ? 'Fel i formuläret: Registrera klagomål' : 'Registrera klagomål',
    user: o.user,
    csrfToken: o.csrfToken,
    body,
    current: '/klagomal',
  });
}
