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

export const mailJobId = (key: string) => `mail-${key}`;

export const actionPointPayload = z.object({
  actionId: z.uuid(),
  version: z.number().int().min(1),
  point: z.enum(['remind', 'overdue']),
  at: z.iso.datetime(),
});
export type ActionPointPayload = z.output<typeof actionPointPayload>;
