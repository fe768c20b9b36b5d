import { z } from 'zod';
import { plainText, optionalText } from '../src/domain/text.js';

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

export const escalationEventLabels: Record<EscalationEventType | 'ACTION_DONE' | 'REQUESTED' | 'PROPOSED', string> = {
  REQUESTED: 'Dukat bord begärt',
  PROPOSED: 'Dukat bord föreslaget automatiskt',
  ACCEPT: 'Ta emot begäran',
  DECLINE: 'Avböj begäran',
  ATTACH_CASE: 'Koppla ett ärende',
  SET_PARTICIPANTS: 'Välj deltagare',
  SCHEDULE: 'Boka mötet',
  RESCHEDULE: 'Boka om mötet',
  CANCEL: 'Ställ in',
  HOLD: 'Mötet är hållet',
  RECORD_OUTCOME: 'Dokumentera utfall och åtgärder',
  ACTION_DONE: 'Åtgärd klar',
};
