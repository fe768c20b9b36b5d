import { z } from 'zod';

// The response shapes are zod schemas too, so the TypeScript types and the OpenAPI document
// come from one definition.
export const caseViewSchema = z
  .object({
    id: z.uuid(),
    reference: z.string().meta({ example: 'HS-2026-000123' }),
    kind: z.enum(['company_case', 'complaint', 'company_visit']),
    category: z.string(),
    categoryLabel: z.string(),
    channel: z.string(),
    status: z.string(),
    statusLabel: z.string().meta({ example: 'Under handläggning' }),
    open: z.boolean(),
    version: z.number().int(),
    allowedEvents: z.array(z.string()),
    subject: z.string(),
    description: z.string(),
    unit: z.string().nullable(),
    company: z
      .object({
        id: z.uuid().meta({
          description:
            'The company; GET /api/companies/{id} has its earlier names, POST /api/companies/{id}/name renames it',
        }),
        orgNumber: z.string(),
        name: z.string().meta({ description: 'The company’s name now, the same on every case' }),
        nameGiven: z.string().nullable().meta({
          description: 'The name the caller gave with this case, kept as said; registering never renames a company',
        }),
        idKind: z.enum(['organisation', 'sole_trader']),
      })
      .nullable(),
    contact: z.object({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable() }).nullable(),
    assignee: z.object({ id: z.uuid(), name: z.string(), unit: z.string().nullable() }).nullable(),
    relatedCaseId: z.uuid().nullable(),
    concerns: z.array(z.object({ code: z.string(), label: z.string() })).optional(),
    anonymous: z.boolean().optional(),
    deadlines: z.array(
      z
        .object({
          id: z.uuid(),
          clock: z.string(),
          label: z.string(),
          state: z.enum(['running', 'paused', 'met', 'met_late', 'breached', 'cancelled']),
          stateLabel: z.string(),
          startedAt: z.string(),
          dueDate: z.string().nullable().meta({ description: 'Stockholm date for day-based clocks' }),
          dueDateText: z.string().nullable().meta({ example: 'fredag 27 november 2026' }),
          dueAt: z.string(),
          promiseText: z.string().nullable().meta({
            description:
              'The promise as read today, while the clock runs or is late: "senast …", or once passed "skulle ha varit klart …; vi är N arbetsdagar sena"',
            example: 'skulle ha varit klart onsdag 2 december 2026; vi är 1 arbetsdag sena',
          }),
          remaining: z.string().nullable().meta({ example: '3 arbetsdagar kvar' }),
          remainingWorkingDays: z.number().nullable(),
          remainingMs: z.number().nullable(),
          extendedAt: z.string().nullable(),
          extensionReason: z.string().nullable(),
          feeReductionFifths: z.number().nullable().meta({ description: 'PBL 12:8a, fifths of the fee' }),
          ruleVersion: z.string().nullable(),
          guaranteeCode: z.string(),
          guaranteeVersion: z.number().int(),
          version: z.number().int(),
        })
        .meta({ id: 'Deadline' }),
    ),
    notifications: z
      .array(
        z
          .object({
            key: z.string(),
            template: z.string(),
            audience: z.enum(['company', 'staff']),
            recipient: z.string(),
            status: z.enum(['pending', 'sending', 'sent', 'failed', 'uncertain']),
            attempts: z.number().int(),
            lastError: z.string().nullable(),
            sentAt: z.string().nullable(),
            createdAt: z.string(),
          })
          .meta({ id: 'Notification' }),
      )
      .optional(),
    visit: z
      .object({
        visitedOn: z.string().nullable(),
        summary: z.string().nullable(),
        growthNeeds: z.array(z.object({ area: z.string(), areaLabel: z.string(), description: z.string() })),
        followUps: z.array(
          z.object({
            id: z.uuid(),
            position: z.number().int(),
            description: z.string(),
            unit: z.string(),
            unitLabel: z.string(),
            caseId: z.uuid().nullable(),
            caseReference: z.string().nullable(),
          }),
        ),
      })
      .optional()
      .meta({
        description: 'A guided company visit: what was found and what became of each follow-up (single-case view)',
      }),
    involvedUnits: z.array(z.string()).meta({ description: 'Other units the case is flagged as touching' }),
    serviceGroup: z
      .array(
        z.object({
          id: z.uuid(),
          status: z.string(),
          statusLabel: z.string(),
          open: z.boolean(),
          meetingStartsAt: z.string().nullable(),
        }),
      )
      .optional()
      .meta({ description: 'The "dukat bord" escalations the case sits or sat at (single-case view)' }),
    trackingUrl: z.string().optional().meta({
      description: 'The company’s tracking page for the case (single-case view); POST …/tracking/revoke replaces it',
    }),
    details: z
      .record(z.string(), z.unknown())
      .meta({ description: 'What the lifecycle recorded: decision, extension, answer, resolution …' }),
    receivedAt: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    closedAt: z.string().nullable(),
  })
  .meta({ id: 'Case' });

export type CaseView = z.infer<typeof caseViewSchema>;

export const historyEntrySchema = z
  .object({
    id: z.number().int(),
    type: z.string(),
    label: z.string(),
    actor: z.object({ id: z.uuid(), name: z.string(), role: z.string() }).nullable(),
    fromState: z.string().nullable(),
    fromStateLabel: z.string().nullable(),
    toState: z.string(),
    toStateLabel: z.string(),
    version: z.number().int(),
    payload: z.record(z.string(), z.unknown()),
    at: z.string(),
  })
  .meta({ id: 'HistoryEntry' });

export type HistoryEntry = z.infer<typeof historyEntrySchema>;
