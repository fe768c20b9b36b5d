import { z } from 'zod';
import { caseViewSchema } from './case-view-schema.js';

const person = z
  .object({ id: z.uuid(), name: z.string(), title: z.string(), unit: z.string().nullable(), unitLabel: z.string() })
  .meta({ id: 'TablePerson' });
const caseLine = z.object({
  id: z.uuid(),
  reference: z.string(),
  subject: z.string(),
  category: z.string(),
  unit: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string(),
});

export const actionViewSchema = z
  .object({
    id: z.uuid(),
    position: z.number().int(),
    description: z.string(),
    owner: z.union([
      z.object({ kind: z.literal('staff'), id: z.uuid(), name: z.string() }),
      z.object({ kind: z.literal('company'), name: z.string() }),
    ]),
    dueDate: z.string(),
    dueDateText: z.string().meta({ example: 'fredag 4 december 2026' }),
    promiseText: z.string().nullable().meta({
      description:
        'While open: "senast …", or once the day has passed "skulle ha varit klart …" and how many working days ago',
      example: 'skulle ha varit klart fredag 4 december 2026; vi är 1 arbetsdag sena',
    }),
    status: z.enum(['open', 'done']),
    overdue: z.boolean(),
    doneAt: z.string().nullable(),
    doneNote: z.string().nullable(),
  })
  .meta({ id: 'AgreedAction' });

export const escalationViewSchema = z
  .object({
    id: z.uuid(),
    status: z.string(),
    statusLabel: z.string().meta({ example: 'Mötet är bokat' }),
    open: z.boolean(),
    version: z.number().int(),
    allowedEvents: z.array(z.string()),
    origin: z.enum(['manual', 'breach', 'multi_unit']),
    originLabel: z.string(),
    reason: z.string(),
    company: z.object({ id: z.uuid(), orgNumber: z.string(), name: z.string() }),
    requestedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    cases: z.array(caseLine.extend({ primary: z.boolean() })),
    otherOpenCases: z
      .array(caseLine)
      .meta({ description: "The company's open cases not yet at this table; ATTACH_CASE brings one" }),
    units: z.array(z.object({ code: z.string(), label: z.string() })),
    suggestedParticipants: z.array(person),
    participants: z.array(person),
    meeting: z
      .object({
        startsAt: z.string(),
        endsAt: z.string(),
        text: z.string().meta({ example: 'fredag 27 november 2026 kl. 10.00–11.30' }),
        location: z.string().nullable(),
        videoUrl: z.string().nullable(),
      })
      .nullable(),
    sequence: z.number().int().meta({ description: 'iCalendar SEQUENCE of the current invitation' }),
    attendees: z.array(person),
    companyAttended: z.boolean().nullable(),
    outcome: z.object({ notes: z.string(), summary: z.string() }).nullable(),
    declineReason: z.string().nullable(),
    cancelReason: z.string().nullable(),
    actions: z.array(actionViewSchema),
    deadlines: caseViewSchema.shape.deadlines,
    createdAt: z.string(),
    updatedAt: z.string(),
    closedAt: z.string().nullable(),
  })
  .meta({ id: 'Escalation' });

export type EscalationView = z.output<typeof escalationViewSchema>;
