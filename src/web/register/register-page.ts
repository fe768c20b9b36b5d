import type { FieldError } from '../../domain/errors.js';
import { units } from '../../domain/units.js';
import type { CompanyMatch } from '../../application/search-companies.js';
import { html, type Html } from '../../views/html.js';
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
} from './form-parts.js';
import { listValue, registerFields } from './register-form.js';
import { channelLabels } from '../cases/case-format.js';

export interface CategoryChoice {
  code: string;
  label: string;
  guarantees: { label: string }[];
}

/** How a matter reaches the desk; a company visit is planned, never registered here. */
const intakeChannels = ['phone', 'visit', 'email', 'eservice', 'letter'] as const;
export const intakeChannelChoices = intakeChannels.map((value) => ({ value, label: channelLabels[value]! }));

export interface RegisterPageOptions {
  user: PageUser;
  csrfToken: string;
  /** What was searched for; null before any search. */
  search: string | null;
  matches: CompanyMatch[];
  categories: CategoryChoice[];
  values: Values;
  errors: FieldError[];
  /** The steps after registration this user may take (domain/roles.ts mayActOn). */
  steps: { route: boolean; resolve: boolean };
}

const labels: Record<string, string> = {
  companyChoice: 'Företag',
  orgNumber: 'Organisationsnummer',
  companyName: 'Företagets namn',
  contactName: 'Kontaktpersonens namn',
  contactEmail: 'E-post',
  contactPhone: 'Telefon',
  surveyConsent: 'Enkät',
  category: 'Kategori',
  moreCategories: 'Fler kategorier',
  involvedUnits: 'Berör även',
  channel: 'Kanal',
  receivedDate: 'Inkom datum',
  receivedTime: 'Inkom klockan',
  subject: 'Rubrik',
  description: 'Beskrivning',
  next: 'Vad händer nu',
  unit: 'Enhet',
  resolution: 'Svaret som gavs',
};

function anchorsFor(o: RegisterPageOptions): Record<string, Anchor> {
  const first = (name: string, value: string) => ({ id: choiceId(name, value), label: labels[name]! });
  const anchors: Record<string, Anchor> = Object.fromEntries(
    registerFields.map((f) => [f, { id: f, label: labels[f]! }]),
  );
  anchors.companyChoice = o.matches.length
    ? first('companyChoice', o.matches[0]!.id)
    : { id: 'orgNumber', label: labels.orgNumber! };
  anchors.category = first('category', o.categories[0]!.code);
  anchors.channel = first('channel', 'phone');
  anchors.involvedUnits = first('involvedUnits', Object.keys(units)[0]!);
  anchors.moreCategories = first('moreCategories', o.categories[0]!.code);
  anchors.surveyConsent = first('surveyConsent', 'ja');
  anchors.next = first('next', 'route');
  return anchors;
}

/** "Sök företag": a form of its own, so Enter in the registration never searches instead of saving. */
function searchForm(o: RegisterPageOptions, focus: boolean): Html {
  return html`<section aria-labelledby="sok-h">
<h2 id="sok-h">Sök företag</h2>
<form method="get" action="/arenden/ny" role="search" aria-label="Sök företag">
${textField({
  id: 'foretag',
  label: 'Organisationsnummer eller namn',
  type: 'search',
  value: o.search ?? '',
  errors: [],
  autofocus: focus,
  autocomplete: 'off',
  spellcheck: false,
  hint: 'Företag som redan finns föreslås, så att du slipper skriva in dem igen.',
})}
<button type="submit" class="secondary">Sök företag</button>
</form>
${o.search === null ? '' : html`<p class="meta" role="status">${o.matches.length === 0 ? `Inget företag hittades för ”${o.search}”. Fyll i det nya företaget nedan.` : o.matches.length === 1 ? 'Ett företag hittades.' : `${o.matches.length} företag hittades.`}</p>`}
</section>`;
}

export function registerPage(o: RegisterPageOptions): string {
  const v = (k: string) => o.values[k] ?? '';
  const e = o.errors;
  // Where the cursor starts: the first field to fix, else the next thing to do after a search.
  const firstError = firstErrorPath(e, [...registerFields]);
  const focus = (name: string) => firstError === name;
  const afterSearch = !firstError && o.search !== null;
  const companyChosen = (id: string) => (v('companyChoice') ? v('companyChoice') === id : id === o.matches[0]?.id);
  const companyFocus = afterSearch && o.matches.length > 0;
  const newFocus = afterSearch && o.matches.length === 0;

  const companyPart = html`<fieldset class="group"><legend>Företag</legend>
${
  o.matches.length
    ? choiceGroup({
        name: 'companyChoice',
        legend: 'Välj företag',
        choices: [
          ...o.matches.map((m) => ({ value: m.id, label: `${m.name}, ${m.shownId}` })),
          { value: 'new', label: 'Ett nytt företag (fyll i nedan)' },
        ],
        checked: companyChosen,
        errors: e,
        autofocus: companyFocus || focus('companyChoice'),
      })
    : ''
}
${textField({
  id: 'orgNumber',
  label: o.matches.length
    ? 'Nytt företag: organisationsnummer eller personnummer'
    : 'Organisationsnummer eller personnummer',
  value: v('orgNumber'),
  errors: e,
  hint: 'Till exempel 556036-0793. För en enskild firma personnumret.',
  autocomplete: 'off',
  inputmode: 'numeric',
  spellcheck: false,
  autofocus: focus('orgNumber') || (newFocus && !v('orgNumber')),
})}
${textField({
  id: 'companyName',
  label: o.matches.length ? 'Nytt företag: namn' : 'Företagets namn',
  value: v('companyName'),
  errors: e,
  autocomplete: 'organization',
  autofocus: focus('companyName') || (newFocus && Boolean(v('orgNumber'))),
})}
</fieldset>`;

  const contactPart = html`<fieldset class="group"><legend>Kontaktperson</legend>
${textField({ id: 'contactName', label: 'Namn', value: v('contactName'), errors: e, autocomplete: 'off', autofocus: focus('contactName') })}
${textField({
  id: 'contactEmail',
  label: 'E-post',
  type: 'email',
  value: v('contactEmail'),
  errors: e,
  autocomplete: 'off',
  spellcheck: false,
  hint: 'E-post eller telefon, gärna båda. Kvittot och länken till ärendet går till e-posten.',
  autofocus: focus('contactEmail'),
})}
${textField({ id: 'contactPhone', label: 'Telefon', type: 'tel', value: v('contactPhone'), errors: e, autocomplete: 'off', autofocus: focus('contactPhone') })}
${choiceGroup({
  name: 'surveyConsent',
  legend: 'Vill företaget få en kort enkät när ärendet är avslutat?',
  hint: 'Måste besvaras för en enskild firma. Andra företag får enkäten om de inte säger nej.',
  choices: [
    { value: 'ja', label: 'Ja' },
    { value: 'nej', label: 'Nej' },
  ],
  checked: (x) => v('surveyConsent') === x,
  errors: e,
  optional: true,
  autofocus: focus('surveyConsent'),
})}
</fieldset>`;

  const more = listValue(o.values, 'moreCategories');
  const involved = listValue(o.values, 'involvedUnits');
  const categoryPart = choiceGroup({
    name: 'category',
    legend: 'Kategori',
    hint: 'Under varje kategori står kommunens servicegaranti, som gäller från registreringen.',
    choices: o.categories.map((c) => ({
      value: c.code,
      label: c.label,
      hint: c.guarantees.length
        ? html`Servicegaranti: ${c.guarantees.map((g) => g.label).join('. ')}.`
        : 'Ingen servicegaranti för kategorin.',
    })),
    checked: (x) => v('category') === x,
    errors: e,
    autofocus: focus('category'),
  });

  // Both are for some matters only, so they stay folded until wanted (no script: <details>),
  // and open by themselves when they hold a choice or a problem.
  const folded = (
    name: string,
    summary: string,
    legend: string,
    hint: string,
    choices: { value: string; label: string }[],
    picked: string[],
  ) =>
    html`<details class="more"${picked.length || e.some((x) => x.path === name) ? html` open` : ''}>
<summary id="${name}-toggle">${summary}</summary>
${choiceGroup({ name, kind: 'checkbox', legend, hint, choices, checked: (x) => picked.includes(x), errors: e, optional: true, autofocus: focus(name) })}
</details>`;
  const morePart = folded(
    'moreCategories',
    'Gäller ärendet fler kategorier?',
    'Fler kategorier för samma ärende',
    'Till exempel en restaurang: serveringstillstånd, livsmedel och bygglov. Det blir ' +
      'ett ärende per kategori, kopplade till varandra, och ett dukat bord föreslås för dem.',
    o.categories.map((c) => ({ value: c.code, label: c.label })),
    more,
  );
  const involvedPart = folded(
    'involvedUnits',
    'Berör ärendet fler enheter?',
    'Berör även',
    'Andra enheter som ärendet berör utöver kategorins. Berör ärendet två eller fler enheter föreslås ett dukat bord.',
    Object.entries(units).map(([value, label]) => ({ value, label })),
    involved,
  );

  const receivedPart = html`<fieldset class="group"><legend>När kom ärendet in?</legend>
<p class="hint" id="received-hint">Lämna tomt om ärendet kommer in nu. För ett brev eller ett mejl som kom tidigare: dagen det kom till kommunen. Servicegarantin räknas från den dagen. Utan klockslag räknas dagens början.</p>
${textField({
  id: 'receivedDate',
  label: 'Datum',
  type: 'date',
  value: v('receivedDate'),
  errors: e,
  optional: true,
  autocomplete: 'off',
  autofocus: focus('receivedDate'),
})}
${textField({
  id: 'receivedTime',
  label: 'Klockslag',
  type: 'time',
  value: v('receivedTime'),
  errors: e,
  optional: true,
  autocomplete: 'off',
  autofocus: focus('receivedTime'),
})}
</fieldset>`;

  const channelPart = choiceGroup({
    name: 'channel',
    legend: 'Hur kom ärendet in?',
    choices: intakeChannelChoices,
    checked: (x) => (v('channel') || 'phone') === x,
    errors: e,
    autofocus: focus('channel'),
  });

  const nextChoices = [
    ...(o.steps.route ? [{ value: 'route', label: 'Lotsa till enhet' }] : []),
    ...(o.steps.resolve ? [{ value: 'resolve', label: 'Löst direkt: företaget fick svar vid kontakten' }] : []),
    { value: 'none', label: 'Bara registrera, lotsa senare' },
  ];
  const nextPart = html`<div class="group">
${choiceGroup({
  name: 'next',
  legend: 'Vad händer nu?',
  choices: nextChoices,
  checked: (x) => (v('next') || nextChoices[0]!.value) === x,
  errors: e,
  autofocus: focus('next'),
})}
${
  o.steps.route
    ? selectField({
        id: 'unit',
        label: 'Enhet att lotsa till',
        hint: 'Om du inte väljer går ärendet till kategorins enhet; med flera kategorier går varje ärende till sin kategoris enhet.',
        options: [
          { value: '', label: 'Kategorins enhet' },
          ...Object.entries(units).map(([value, label]) => ({ value, label })),
        ],
        value: v('unit'),
        errors: e,
      })
    : ''
}
${
  o.steps.resolve
    ? textArea({
        id: 'resolution',
        label: 'Svaret som gavs',
        hint: 'Fylls i när ärendet löstes direkt. Det sparas i ärendet.',
        value: v('resolution'),
        errors: e,
        rows: 3,
        autofocus: focus('resolution'),
      })
    : ''
}
</div>`;

  const body = html`<h1>Registrera ärende</h1>
${errorSummary('Ärendet kunde inte registreras', e, anchorsFor(o))}
${searchForm(o, !firstError && o.search === null)}
<section aria-labelledby="arende-h">
<h2 id="arende-h">Ärendet</h2>
<form method="post" action="/arenden/ny" novalidate>
${csrfField(o.csrfToken)}
<input type="hidden" name="foretag" value="${o.search ?? ''}">
${companyPart}
${contactPart}
${categoryPart}
${morePart}
${involvedPart}
${channelPart}
${receivedPart}
<fieldset class="group"><legend>Vad gäller ärendet?</legend>
${textField({
  id: 'subject',
  label: 'Rubrik',
  value: v('subject'),
  errors: e,
  optional: true,
  hint: 'Lämnar du den tom blir första raden i beskrivningen rubrik.',
  autocomplete: 'off',
  autofocus: focus('subject'),
})}
${textArea({ id: 'description', label: 'Beskrivning', value: v('description'), errors: e, rows: 5, required: true, autofocus: focus('description') })}
</fieldset>
${nextPart}
<button type="submit">Registrera ärendet</button>
</form>
</section>`;
  return renderStaffPage({
    title: o.errors.length ? 'Fel i formuläret: Registrera ärende' : 'Registrera ärende',
    user: o.user,
    csrfToken: o.csrfToken,
    body,
    current: '/arenden/ny',
  });
}
