import type { EscalationView } from '../../application/escalation-view-schema.js';
import type { FieldError } from '../../domain/errors.js';
import { localDateOf } from '../../domain/local-date.js';
import { html, type Html } from '../../views/html.js';
import { escalationEvents } from '../../../workflows/escalation-events.js';
import { choiceGroup, csrfField, selectField, textArea, textField, type Values } from '../register/form-parts.js';
import { ACTION_ROWS, prefixOf, stepTypes, type StepForm, type StepType } from './escalation-forms.js';
import { stockholmFields } from './meeting-time.js';

type Person = EscalationView['participants'][number];

const personLabel = (p: Person) => `${p.name}${p.title ? `, ${p.title}` : ''} (${p.unitLabel})`;

const uniquePeople = (lists: Person[][]) =>
  lists.flat().filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i);

interface StepContext {
  view: EscalationView;
  csrf: string;
  /** The step that was posted and refused, with what was typed. */
  failed?: StepForm;
  today: string;
}

function stepBody(type: StepType, c: StepContext): Html {
  const v = c.view;
  const p = prefixOf(type);
  const mine = c.failed?.type === type ? c.failed : undefined;
  const errors: FieldError[] = mine?.errors ?? [];
  const values: Values = mine?.values ?? {};
  const val = (name: string, fallback = '') => (mine ? (values[`${p}-${name}`] ?? '') : fallback);
  const focus = (name: string) => errors[0]?.path === `${p}-${name}`;
  const people = (name: string, legend: string, candidates: Person[], preset: string[], hint?: string) =>
    choiceGroup({
      name: `${p}-${name}`,
      kind: 'checkbox',
      legend,
      hint,
      choices: candidates.map((x) => ({ value: x.id, label: personLabel(x) })),
      checked: (id) => (mine ? mine.people.includes(id) : preset.includes(id)),
      errors,
      autofocus: focus(name),
    });
  const meetingFields = (current: EscalationView['meeting']) => {
    const [date, start] = current ? stockholmFields(current.startsAt) : ['', ''];
    const [, end] = current ? stockholmFields(current.endsAt) : ['', ''];
    return html`<div class="field-row">
${textField({
  id: `${p}-date`,
  label: 'Datum',
  type: 'date',
  value: val('date', date),
  errors,
  hint: 'ÅÅÅÅ-MM-DD. Tider är svensk tid.',
  autofocus: focus('date'),
})}
${textField({ id: `${p}-start`, label: 'Börjar', type: 'time', value: val('start', start), errors, hint: 'Till exempel 10.00', autofocus: focus('start') })}
${textField({ id: `${p}-end`, label: 'Slutar', type: 'time', value: val('end', end), errors, hint: 'Till exempel 11.30', autofocus: focus('end') })}
</div>
${textField({
  id: `${p}-location`,
  label: 'Plats',
  value: val('location', current?.location ?? ''),
  errors,
  optional: true,
  hint: 'En plats, en videolänk eller båda.',
  autofocus: focus('location'),
})}
${textField({
  id: `${p}-video`,
  label: 'Videolänk',
  type: 'url',
  value: val('video', current?.videoUrl ?? ''),
  errors,
  optional: true,
  spellcheck: false,
  hint: 'Börjar med https://',
  autofocus: focus('video'),
})}`;
  };

  switch (type) {
    case 'ACCEPT':
      return textArea({ id: `${p}-note`, label: 'Anteckning', value: val('note'), errors, optional: true, rows: 2 });
    case 'DECLINE':
      return textArea({
        id: `${p}-reason`,
        label: 'Varför behövs inget dukat bord?',
        value: val('reason'),
        errors,
        rows: 3,
        autofocus: focus('reason'),
      });
    case 'CANCEL':
      return textArea({
        id: `${p}-reason`,
        label: 'Varför ställs mötet in?',
        hint: v.meeting ? 'Alla inbjudna får en avbokning.' : undefined,
        value: val('reason'),
        errors,
        rows: 3,
        autofocus: focus('reason'),
      });
    case 'ATTACH_CASE':
      return selectField({
        id: `${p}-case`,
        label: 'Företagets öppna ärende',
        options: v.otherOpenCases.map((x) => ({
          value: x.id,
          label: `${x.reference} ${x.subject} (${x.statusLabel})`,
        })),
        value: val('case'),
        errors,
      });
    case 'SET_PARTICIPANTS':
      return people(
        'participants',
        'Vem ska sitta vid bordet?',
        uniquePeople([v.participants, v.suggestedParticipants]),
        v.participants.length ? v.participants.map((x) => x.id) : v.suggestedParticipants.map((x) => x.id),
        'Föreslagna utifrån servicegruppens register för enheterna vid bordet.',
      );
    case 'SCHEDULE':
      return meetingFields(null);
    case 'RESCHEDULE':
      return html`${meetingFields(v.meeting)}
${people(
  'participants',
  'Deltagare',
  uniquePeople([v.participants, v.suggestedParticipants]),
  v.participants.map((x) => x.id),
  'Den som tas bort får en avbokning.',
)}
${textField({ id: `${p}-reason`, label: 'Varför flyttas mötet?', value: val('reason'), errors, optional: true })}`;
    case 'HOLD':
      return html`${people(
        'attendees',
        'Vilka från kommunen var med?',
        v.participants,
        v.participants.map((x) => x.id),
        'Fylls i när mötet har börjat eller är över.',
      )}
${choiceGroup({
  name: `${p}-company`,
  legend: 'Var företaget med?',
  choices: [
    { value: 'ja', label: 'Ja' },
    { value: 'nej', label: 'Nej' },
  ],
  checked: (x) => val('company', 'ja') === x,
  errors,
  autofocus: focus('company'),
})}`;
    case 'RECORD_OUTCOME': {
      const owners = [
        { value: '', label: 'Välj ansvarig' },
        { value: 'company', label: `Företaget (${v.company.name})` },
        ...uniquePeople([v.attendees, v.participants]).map((x) => ({ value: x.id, label: personLabel(x) })),
      ];
      const rows = Array.from({ length: ACTION_ROWS }, (_x, i) => i + 1).map(
        (i) => html`<fieldset class="group"><legend>Åtgärd ${i} <span class="optional">(frivilligt)</span></legend>
${textField({
  id: `${p}-action-${i}-description`,
  label: 'Vad ska göras?',
  value: val(`action-${i}-description`),
  errors,
  autofocus: focus(`action-${i}-description`),
})}
${selectField({ id: `${p}-action-${i}-owner`, label: 'Ansvarig', options: owners, value: val(`action-${i}-owner`), errors })}
${textField({
  id: `${p}-action-${i}-due`,
  label: 'Klart senast',
  type: 'date',
  value: val(`action-${i}-due`),
  errors,
  hint: `ÅÅÅÅ-MM-DD, i dag (${c.today}) eller senare.`,
  autofocus: focus(`action-${i}-due`),
})}
</fieldset>`,
      );
      return html`${textArea({
        id: `${p}-summary`,
        label: 'Sammanfattning till företaget',
        hint: 'Skickas till företagets kontaktpersoner, med åtgärderna nedan.',
        value: val('summary'),
        errors,
        rows: 5,
        autofocus: focus('summary'),
      })}
${textArea({
  id: `${p}-notes`,
  label: 'Interna anteckningar',
  hint: 'Bara för kommunens personal. Skickas aldrig till företaget.',
  value: val('notes'),
  errors,
  optional: true,
  rows: 3,
})}
${rows}`;
    }
  }
}

/** The coordinator's next steps: one form per step the machine accepts now, and nothing for anyone else. */
export function stepForms(view: EscalationView, csrf: string, failed: StepForm | undefined, now: Date): Html {
  const allowed = stepTypes.filter(
    (t) => view.allowedEvents.includes(t) && (t !== 'ATTACH_CASE' || view.otherOpenCases.length > 0),
  );
  if (allowed.length === 0) return html``;
  const c: StepContext = { view, csrf, failed, today: localDateOf(now) };
  return html`<section aria-labelledby="steg-h">
<h2 id="steg-h">Nästa steg</h2>
${allowed.map(
  (type) => html`<div class="card step" id="steg-${prefixOf(type)}">
<h3>${escalationEvents[type].label}</h3>
<form method="post" action="/dukat-bord/${view.id}/handelser" novalidate>
${csrfField(csrf)}
<input type="hidden" name="type" value="${type}">
<input type="hidden" name="version" value="${view.version}">
${stepBody(type, c)}
<button type="submit"${type === 'DECLINE' || type === 'CANCEL' ? ' class="secondary"' : ''}>${escalationEvents[type].submit}</button>
</form>
</div>`,
)}
</section>`;
}
