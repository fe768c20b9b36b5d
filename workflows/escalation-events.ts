import { z } from 'zod';
import { plainText, optionalText } from '../src/domain/text.js';
import { defineTableEvents, labelsOf, type TableEventDefinition } from './event-definition.js';

const text = plainText;

export const actionInputSchema = z
  .object({
    description: text(2000),
    /** An official at the table, or the company itself. */
    ownerId: z.uuid().optional(),
    ownerIsCompany: z.boolean().optional(),
    dueDate: z.iso.date(),
  })
  .strict()
  .refine((a) => (a.ownerId !== undefined) !== (a.ownerIsCompany === true), {
    path: ['ownerId'],
    message: 'Ange en ansvarig: en tjänsteperson eller företaget.',
  });
export type ActionInput = z.output<typeof actionInputSchema>;

// The meeting fields are spread into the event body like every other payload.
const meetingFields = z.object({
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  location: text(300).optional(),
  videoUrl: z
    .url({ protocol: /^https$/ })
    .max(500)
    .optional(),
});

type MeetingInput = z.output<typeof meetingFields>;

/** Where and when the table meets: a room, a video link or both, at most a working day long. */
function checkMeeting(m: MeetingInput, ctx: z.RefinementCtx): void {
  if (m.location === undefined && m.videoUrl === undefined)
    ctx.addIssue({ code: 'custom', path: ['location'], message: 'Ange en plats eller en videolänk.' });
  const length = new Date(m.endsAt).getTime() - new Date(m.startsAt).getTime();
  if (length <= 0)
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'Mötet måste sluta efter att det börjar.' });
  else if (length > 8 * 3_600_000)
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'Ett möte får vara högst 8 timmar.' });
}

export const escalationEventSchemas = {
  ACCEPT: z.object({ note: text(2000).optional() }),
  DECLINE: z.object({ reason: text(4000) }),
  ATTACH_CASE: z.object({ caseId: z.string().min(1).max(40) }),
  SET_PARTICIPANTS: z.object({ participantIds: z.array(z.uuid()).min(1).max(30) }),
  SCHEDULE: meetingFields.superRefine(checkMeeting),
  RESCHEDULE: meetingFields
    .extend({ participantIds: z.array(z.uuid()).min(1).max(30).optional(), reason: text(2000).optional() })
    .superRefine(checkMeeting),
  CANCEL: z.object({ reason: text(4000) }),
  HOLD: z.object({ attendeeIds: z.array(z.uuid()).max(30), companyAttended: z.boolean() }),
  RECORD_OUTCOME: z.object({
    // Internal: what the officials need to remember. The summary is what the company reads.
    notes: optionalText(20000).default(''),
    summary: text(20000),
    actions: z.array(actionInputSchema).max(50),
  }),
} as const;

// Sent by Handslag itself when an action is marked done, never through the events endpoint.
export const escalationSystemEventSchemas = {
  ACTION_DONE: z.object({ openActions: z.number().int().min(0) }),
} as const;

export type EscalationEventType = keyof typeof escalationEventSchemas;
type Schemas = typeof escalationEventSchemas & typeof escalationSystemEventSchemas;
export type EscalationEvent = { [K in keyof Schemas]: { type: K } & z.output<Schemas[K]> }[keyof Schemas];

const coordinator = ['coordinator'] as const;
// The staff page names no step after saving one, so every step says the same.
const saved = 'Steget är sparat.';

export const escalationEvents = defineTableEvents(escalationEventSchemas, {
  ACCEPT: {
    label: 'Ta emot begäran',
    history: 'Dukat bord: ta emot begäran',
    submit: 'Ta emot begäran',
    done: saved,
    roles: coordinator,
    mails: [],
    clocks: {},
  },
  DECLINE: {
    label: 'Avböj begäran',
    history: 'Dukat bord: avböj begäran',
    submit: 'Avböj begäran',
    done: saved,
    roles: coordinator,
    mails: ['table_declined'],
    clocks: { table_set: 'cancels' },
  },
  ATTACH_CASE: {
    label: 'Koppla ett ärende',
    history: 'Dukat bord: koppla ett ärende',
    submit: 'Koppla ärendet',
    done: saved,
    roles: coordinator,
    mails: [],
    // Attached at a booked table, the case finds the clock already stopped; the rules would stop it.
    clocks: { table_set: 'stops' },
  },
  SET_PARTICIPANTS: {
    label: 'Välj deltagare',
    history: 'Dukat bord: välj deltagare',
    submit: 'Spara deltagarna',
    done: saved,
    roles: coordinator,
    mails: [],
    clocks: {},
  },
  SCHEDULE: {
    label: 'Boka mötet',
    history: 'Dukat bord: boka mötet',
    submit: 'Boka mötet och skicka inbjudningar',
    done: saved,
    roles: coordinator,
    mails: ['table_invitation'],
    clocks: { table_set: 'stops' },
  },
  RESCHEDULE: {
    label: 'Boka om mötet',
    history: 'Dukat bord: boka om mötet',
    submit: 'Boka om och skicka nya inbjudningar',
    done: saved,
    roles: coordinator,
    // Whoever is taken off the table gets the old time cancelled.
    mails: ['table_invitation', 'table_cancellation'],
    clocks: { table_set: 'stops' },
  },
  CANCEL: {
    label: 'Ställ in',
    history: 'Dukat bord: ställ in',
    submit: 'Ställ in',
    done: saved,
    roles: coordinator,
    mails: ['table_cancellation'],
    clocks: { table_set: 'cancels' },
  },
  HOLD: {
    label: 'Mötet är hållet',
    history: 'Dukat bord: mötet är hållet',
    submit: 'Spara vilka som var med',
    done: saved,
    roles: coordinator,
    mails: [],
    clocks: { table_set: 'stops' },
  },
  RECORD_OUTCOME: {
    label: 'Dokumentera utfall och åtgärder',
    history: 'Dukat bord: dokumentera utfall och åtgärder',
    submit: 'Spara utfallet och skicka sammanfattningen',
    done: saved,
    roles: coordinator,
    mails: ['table_summary'],
    clocks: { table_set: 'stops' },
  },
});

export const escalationSystemEvents = defineTableEvents(escalationSystemEventSchemas, {
  ACTION_DONE: {
    label: 'Åtgärd klar',
    history: 'Dukat bord: åtgärd klar',
    // Sent when an action is marked done; its button on the table's page names the action.
    submit: null,
    done: 'Åtgärden är markerad som klar.',
    // Whoever owns the action marks it done (src/application/complete-action.ts).
    roles: [],
    mails: [],
    clocks: { table_set: 'stops' },
  },
});

/** How a table's events are said, the system's included; undefined for a type it does not have. */
export const tableEventDefinition = (type: string): TableEventDefinition | undefined =>
  (escalationEvents as Record<string, TableEventDefinition>)[type] ??
  (escalationSystemEvents as Record<string, TableEventDefinition>)[type];

// How a table came to be: recorded when it is opened, never sent as an event.
const openingEvents = {
  REQUESTED: { label: 'Dukat bord begärt', history: 'Dukat bord: dukat bord begärt' },
  PROPOSED: { label: 'Dukat bord föreslaget automatiskt', history: 'Dukat bord: dukat bord föreslaget automatiskt' },
} as const;

export const escalationEventLabels = {
  ...labelsOf(openingEvents),
  ...labelsOf(escalationEvents),
  ...labelsOf(escalationSystemEvents),
};

/** The line a case's history shows for what happened at its table; undefined for no event of a table. */
export const tableHistoryLine = (type: string): string | undefined =>
  tableEventDefinition(type)?.history ?? (openingEvents as Record<string, { history: string }>)[type]?.history;
