import type { FieldError } from '../../domain/errors.js';
import { pastMeetingError } from '../../application/send-escalation-event.js';
import { escalationEventSchemas, type EscalationEventType } from '../../../workflows/escalation-events.js';
import { formIssues, listOf, textOf, type Values } from '../register/form-parts.js';
import { isValidLocalDate } from '../../domain/local-date.js';
import { parseClockTime, stockholmIso } from './meeting-time.js';

/** The coordinator's steps that have a form; ACTION_DONE is Handslag's own. */
export const stepTypes = [
  'ACCEPT',
  'DECLINE',
  'ATTACH_CASE',
  'SET_PARTICIPANTS',
  'SCHEDULE',
  'RESCHEDULE',
  'HOLD',
  'RECORD_OUTCOME',
  'CANCEL',
] as const satisfies readonly EscalationEventType[];
export type StepType = (typeof stepTypes)[number];
export const isStepType = (t: string): t is StepType => (stepTypes as readonly string[]).includes(t);

/** The prefix of a step's field ids, unique on the page: "schedule-date", "outcome-summary". */
export const prefixOf = (type: StepType) =>
  type === 'RECORD_OUTCOME' ? 'outcome' : type.toLowerCase().replace(/_/g, '-');

/** Rows of agreed actions the outcome form offers; empty rows are left out. */
export const ACTION_ROWS = 4;

export interface StepForm {
  type: StepType;
  values: Values;
  /** Checked people (participants, attendees). */
  people: string[];
  errors: FieldError[];
  payload?: Record<string, unknown>;
  /** For the outcome: the form row of each action sent, to put the API's errors on the right row. */
  rowOf?: number[];
}

/** A payload path of the API on the field id in this step's form. */
export function fieldOfPath(type: StepType, path: string): string {
  const p = prefixOf(type);
  const action = /^actions\.(\d+)\.(\w+)/.exec(path);
  if (action)
    return `${p}-action-${Number(action[1]) + 1}-${action[2] === 'ownerId' || action[2] === 'ownerIsCompany' ? 'owner' : action[2] === 'dueDate' ? 'due' : 'description'}`;
  const head = path.split('.')[0]!;
  const map: Record<string, string> = {
    startsAt: 'date',
    endsAt: 'end',
    videoUrl: 'video',
    participantIds: 'participants',
    attendeeIds: 'attendees',
    companyAttended: 'company',
    caseId: 'case',
  };
  return `${p}-${map[head] ?? head}`;
}

/**
 * The form of one step as the payload the events endpoint takes. Dates and times are read as
 * Stockholm wall-clock time; everything else is checked by the event's own schema, and what
 * the schema cannot see by sendEscalationEvent.
 */
export function parseStep(type: StepType, body: unknown, now: Date): StepForm {
  const form = readStep(type, body, now);
  return { ...form, errors: inStepOrder(type, form.errors) };
}

// The fields of a step in the order the page shows them, so the summary lists errors as they are met.
const stepFieldOrder = [
  'note',
  'reason',
  'case',
  'date',
  'start',
  'end',
  'location',
  'video',
  'participants',
  'attendees',
  'company',
  'summary',
  'notes',
];

function inStepOrder(type: StepType, errors: FieldError[]): FieldError[] {
  const p = prefixOf(type);
  const rank = (path: string) => {
    const field = path.startsWith(`${p}-`) ? path.slice(p.length + 1) : path;
    const action = /^action-(\d+)-(description|owner|due)$/.exec(field);
    if (action) return 100 + Number(action[1]) * 3 + ['description', 'owner', 'due'].indexOf(action[2]!);
    const i = stepFieldOrder.indexOf(field);
    // A rescheduling's reason comes last on its form, after the people.
    if (field === 'reason' && type === 'RESCHEDULE') return 50;
    return i < 0 ? 1000 : i;
  };
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e.path) - rank(b.e.path) || a.i - b.i)
    .map(({ e }) => e);
}

function readStep(type: StepType, body: unknown, now: Date): StepForm {
  const p = prefixOf(type);
  const t = (name: string) => textOf(body, `${p}-${name}`).trim();
  const values: Values = {};
  const errors: FieldError[] = [];
  let people: string[] = [];
  let raw: Record<string, unknown> = {};
  const optional = (name: string, key = name) => {
    values[`${p}-${name}`] = t(name);
    return t(name) ? { [key]: t(name) } : {};
  };
  switch (type) {
    case 'ACCEPT':
      raw = optional('note');
      break;
    case 'DECLINE':
    case 'CANCEL':
      values[`${p}-reason`] = t('reason');
      raw = { reason: t('reason') };
      break;
    case 'ATTACH_CASE':
      values[`${p}-case`] = t('case');
      raw = { caseId: t('case') };
      break;
    case 'SET_PARTICIPANTS':
      people = listOf(body, `${p}-participants`);
      raw = { participantIds: people };
      break;
    case 'SCHEDULE':
    case 'RESCHEDULE': {
      for (const f of ['date', 'start', 'end']) values[`${p}-${f}`] = t(f);
      const startsAt = stockholmIso(t('date'), t('start'));
      const endsAt = stockholmIso(t('date'), t('end'));
      if (!t('date')) errors.push({ path: `${p}-date`, message: 'Ange mötets datum.' });
      else if (!isValidLocalDate(t('date')))
        errors.push({ path: `${p}-date`, message: 'Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2026-11-27.' });
      if (!parseClockTime(t('start')))
        errors.push({ path: `${p}-start`, message: 'Ange när mötet börjar, till exempel 10.00.' });
      if (!parseClockTime(t('end')))
        errors.push({ path: `${p}-end`, message: 'Ange när mötet slutar, till exempel 11.30.' });
      raw = {
        startsAt: startsAt ?? '',
        endsAt: endsAt ?? '',
        ...optional('location'),
        ...optional('video', 'videoUrl'),
      };
      if (type === 'RESCHEDULE') {
        people = listOf(body, `${p}-participants`);
        raw = { ...raw, ...(people.length ? { participantIds: people } : {}), ...optional('reason') };
      }
      break;
    }
    case 'HOLD':
      people = listOf(body, `${p}-attendees`);
      values[`${p}-company`] = t('company');
      if (t('company') !== 'ja' && t('company') !== 'nej')
        errors.push({ path: `${p}-company`, message: 'Ange om företaget var med.' });
      raw = { attendeeIds: people, companyAttended: t('company') === 'ja' };
      break;
    case 'RECORD_OUTCOME': {
      values[`${p}-summary`] = t('summary');
      values[`${p}-notes`] = t('notes');
      const actions: Record<string, unknown>[] = [];
      const rowOf: number[] = [];
      for (let i = 1; i <= ACTION_ROWS; i++) {
        const [description, owner, due] = ['description', 'owner', 'due'].map((f) => t(`action-${i}-${f}`));
        for (const [f, v] of [
          ['description', description],
          ['owner', owner],
          ['due', due],
        ] as const)
          values[`${p}-action-${i}-${f}`] = v ?? '';
        if (!description && !owner && !due) continue;
        rowOf.push(i);
        actions.push({
          description,
          ...(owner === 'company' ? { ownerIsCompany: true } : owner ? { ownerId: owner } : {}),
          dueDate: due,
        });
      }
      raw = { summary: t('summary'), notes: t('notes'), actions };
      // Error paths count the rows sent; the fields are named by the rows shown.
      const parsed = escalationEventSchemas.RECORD_OUTCOME.safeParse(raw);
      if (!parsed.success) {
        for (const e of formIssues(parsed.error, (path) =>
          fieldOfPath(
            type,
            path.replace(/^actions\.(\d+)/, (_m, n: string) => `actions.${rowOf[Number(n)]! - 1}`),
          ),
        )) {
          if (!errors.some((x) => x.path === e.path)) errors.push(e);
        }
      }
      return errors.length
        ? { type, values, people, errors, rowOf }
        : { type, values, people, errors, rowOf, payload: parsed.data as Record<string, unknown> };
    }
  }
  const parsed = escalationEventSchemas[type].safeParse(raw);
  // A date or time already reported makes the schema's complaint about the instant redundant.
  const timeReported = errors.length > 0;
  if (!parsed.success) {
    for (const e of formIssues(parsed.error, (path) => fieldOfPath(type, path))) {
      if (timeReported && (e.path === `${p}-date` || e.path === `${p}-end`)) continue;
      if (!errors.some((x) => x.path === e.path)) errors.push(e);
    }
  }
  // With other errors the step never reaches the use case, so its rule on the time is told now, with them.
  if (
    (type === 'SCHEDULE' || type === 'RESCHEDULE') &&
    errors.length &&
    typeof raw.startsAt === 'string' &&
    raw.startsAt
  ) {
    const past = pastMeetingError(raw.startsAt, now);
    if (past && !errors.some((x) => x.path === fieldOfPath(type, past.path)))
      errors.push({ path: fieldOfPath(type, past.path), message: past.message });
  }
  return errors.length ? { type, values, people, errors } : { type, values, people, errors, payload: raw };
}

/** sendEscalationEvent's own field errors (people, the meeting in the past, actions' owners and dates) on the form's fields. */
export function apiErrorsOnForm(type: StepType, errors: FieldError[], rowOf?: number[]): FieldError[] {
  return inStepOrder(
    type,
    errors.map((e) => {
      const path = rowOf
        ? e.path.replace(/^actions\.(\d+)/, (_m, n: string) => `actions.${rowOf[Number(n)]! - 1}`)
        : e.path;
      return { path: fieldOfPath(type, path), message: e.message };
    }),
  );
}
