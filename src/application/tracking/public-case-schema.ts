import { z } from 'zod';

// What the company sees of its case, and nothing more: no internal notes, no staff e-mail, no
// contact details, no organisation or personal identity number, no payloads. The HTML page
// renders exactly this object.

const dated = { date: z.iso.date(), dateText: z.string().meta({ example: 'fredag 27 november 2026' }) };

export const publicCaseSchema = z
  .object({
    reference: z.string().meta({ example: 'HS-2026-000123' }),
    kind: z.enum(['company_case', 'complaint', 'company_visit']),
    kindLabel: z.string().meta({ example: 'Ärende' }),
    subject: z.string(),
    categoryLabel: z.string(),
    companyName: z.string().nullable(),
    received: z.object(dated),
    status: z.object({
      code: z.string(),
      label: z.string().meta({ example: 'Ditt ärende handläggs' }),
      open: z.boolean(),
    }),
    nextStep: z.string().meta({ description: 'What happens next, in plain Swedish' }),
    yourPart: z.string().nullable().meta({ description: 'What the company must do now, if anything' }),
    complement: z
      .object({
        message: z.string(),
        dueDate: z.iso.date().nullable(),
        dueDateText: z.string().nullable(),
        requested: z.object(dated),
      })
      .nullable()
      .meta({ description: 'The open complement request, while the case waits for it' }),
    guarantees: z.array(
      z.object({
        label: z.string(),
        state: z.enum(['running', 'paused', 'met', 'met_late', 'breached']),
        stateLabel: z.string(),
        dueDate: z.iso.date().nullable(),
        dueText: z.string().meta({ example: 'fredag 27 november 2026' }),
        promise: z.string().nullable().meta({
          description:
            'While the clock runs or is late: "senast …", or once the day has passed "skulle ha varit klart …; vi är N arbetsdagar sena"',
        }),
        lateWorkingDays: z
          .number()
          .int()
          .nullable()
          .meta({ description: 'Working days past the promised day; null while the promise holds' }),
        remaining: z.string().nullable().meta({ example: '3 arbetsdagar kvar' }),
        extended: z.boolean(),
      }),
    ),
    extension: z.object({ reason: z.string(), weeks: z.number().int() }).nullable(),
    unit: z.object({ code: z.string(), label: z.string() }).nullable(),
    officer: z.object({ firstName: z.string() }).nullable(),
    decision: z
      .object({
        outcome: z.string(),
        outcomeText: z.string(),
        reasoning: z.string(),
        decidedBy: z.string().nullable(),
        ...dated,
        feeReduction: z.string().nullable(),
        appeal: z.string().meta({ description: 'How to appeal (förvaltningslagen 33 and 44 §§)' }),
      })
      .nullable(),
    answer: z
      .object({ answer: z.string(), measures: z.string() })
      .nullable()
      .meta({ description: 'A complaint’s answer' }),
    resolution: z
      .object({ text: z.string(), ...dated })
      .nullable()
      .meta({ description: 'A case resolved at the first contact: the answer the company was given' }),
    withdrawal: z
      .object({
        by: z.enum(['complainant', 'municipality']),
        reason: z.string().nullable().meta({ description: 'Our reason, when the municipality withdrew it' }),
      })
      .nullable()
      .meta({ description: 'A withdrawn complaint: who withdrew it' }),
    relatedReference: z.string().nullable().meta({ description: 'For a complaint: the case it is about' }),
    history: z.array(z.object({ label: z.string(), at: z.string(), ...dated })),
    forms: z.object({
      complement: z.object({ action: z.string(), formToken: z.string() }).nullable(),
      complaint: z.object({ action: z.string(), formToken: z.string() }).nullable(),
    }),
  })
  .meta({ id: 'TrackedCase' });

export type PublicCase = z.infer<typeof publicCaseSchema>;
