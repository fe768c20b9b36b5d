import { z } from 'zod';

// Checked when a job is enqueued and again when it runs, so a malformed job fails at once.
export const deadlinePointPayload = z.object({
  deadlineId: z.uuid(),
  version: z.number().int().min(1),
  point: z.string().regex(/^(warn-\d+|due|esc-\d{4}-\d{2}-\d{2})$/),
  at: z.iso.datetime(),
});
export type DeadlinePointPayload = z.output<typeof deadlinePointPayload>;

export const sendMailPayload = z.object({ key: z.string().min(1).max(200) });
export type SendMailPayload = z.output<typeof sendMailPayload>;

/**
 * One job per try: the id names the try it is for (the attempts the row had when it was
 * queued), so a job that finished, ran for a worker that died or was kept by BullMQ never
 * blocks the next try.
 */
export const mailJobId = (key: string, attempts: number) => `mail-${key}-a${attempts}`;

export const actionPointPayload = z.object({
  actionId: z.uuid(),
  version: z.number().int().min(1),
  point: z.enum(['remind', 'overdue']),
  at: z.iso.datetime(),
});
export type ActionPointPayload = z.output<typeof actionPointPayload>;

export const surveyPointPayload = z.object({
  surveyId: z.uuid(),
  version: z.number().int().min(1),
  point: z.enum(['invite', 'remind-1', 'remind-2', 'remind-3', 'expire']),
  at: z.iso.datetime(),
});
export type SurveyPointPayload = z.output<typeof surveyPointPayload>;
