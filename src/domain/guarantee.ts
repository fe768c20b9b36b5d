import { z } from 'zod';
import { plainText } from './text.js';

export const clockKinds = [
  'first_contact',
  'decision',
  'complaint_ack',
  'complaint_answer',
  'complaint_review',
  'table_set',
] as const;
export const lengthUnits = ['working_days', 'calendar_days', 'weeks', 'hours'] as const;
export const breachActions = ['notify_manager', 'propose_service_group', 'fee_reduction'] as const;

const state = z.string().regex(/^[a-z_]{2,40}$/);
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'Ange MM-DD.');

export const warningSchema = z.union([
  z
    .object({ before: z.object({ value: z.number().positive().max(365), unit: z.enum(['working_days', 'hours']) }) })
    .strict(),
  z.object({ atFraction: z.number().gt(0).lt(1) }).strict(),
]);

/** What a guarantee promises and how its clock behaves; kept as data, edited by admins. */
export const guaranteeDefinitionSchema = z
  .object({
    label: plainText(300),
    // service_group: the clocks of a "dukat bord" request rather than of a case.
    kind: z.enum(['company_case', 'complaint', 'service_group']),
    category: z
      .string()
      .regex(/^[a-z-]{2,60}$/)
      .nullable()
      .default(null),
    /** Applies only to named (false) or anonymous (true) complaints; null for all. */
    anonymous: z.boolean().nullable().default(null),
    clock: z.union([z.enum(clockKinds), z.string().regex(/^custom_[a-z_]{2,40}$/)]),
    // Hours may be fractional: a continuous clock can be as short as seconds.
    length: z.object({ value: z.number().positive().max(1000), unit: z.enum(lengthUnits) }).strict(),
    startsOn: z
      .object({
        event: z
          .string()
          .regex(/^[A-Z_]{2,40}$/)
          .optional(),
        state: state.optional(),
      })
      .strict()
      .refine((s) => s.event || s.state, 'Ange en händelse eller ett läge som startar klockan.'),
    stopsOn: z.array(state).min(1),
    cancelsOn: z.array(state).default([]),
    pausesIn: z.array(state).default([]),
    onComplement: z.enum(['pause', 'restart']).default('pause'),
    warnings: z.array(warningSchema).max(5).default([]),
    suspended: z
      .array(z.object({ from: monthDay, to: monthDay }).strict())
      .max(12)
      .default([]),
    onBreach: z.array(z.enum(breachActions)).default(['notify_manager']),
    ruleVersion: z.string().max(20).nullable().default(null),
  })
  .strict();

export type GuaranteeDefinition = z.output<typeof guaranteeDefinitionSchema>;
export type Warning = z.output<typeof warningSchema>;

export interface Guarantee {
  code: string;
  version: number;
  active: boolean;
  definition: GuaranteeDefinition;
}

export const isContinuous = (d: GuaranteeDefinition) => d.length.unit === 'hours';
