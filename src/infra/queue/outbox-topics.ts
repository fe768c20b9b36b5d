import { z } from 'zod';

/**
 * What may be written to the outbox, one schema per topic. Every topic has a reader in the
 * dispatcher (its handler map is keyed by this list, so a topic without one does not compile):
 * a row no one reads is work no one does.
 */
export const outboxPayloads = {
  /** A clock has a new version: its wake-ups are planned from the row. */
  'deadline.changed': z.object({ deadlineId: z.string().min(1), version: z.number().int().min(1) }),
  /** A clock's wake-up asks for the next one (a breach's first escalation, the next working day's). */
  'deadline.follow_up': z.object({
    deadlineId: z.string().min(1),
    version: z.number().int().min(1),
    point: z.string().min(1),
    at: z.iso.datetime(),
  }),
  /** An agreed action has a new version: its reminders are planned from the row. */
  'action.changed': z.object({ actionId: z.string().min(1), version: z.number().int().min(1) }),
  /** A survey has a new state: its reminders and its closing are planned from the row. */
  'survey.changed': z.object({ surveyId: z.string().min(1), version: z.number().int().min(1) }),
  /** A recorded mail is to go: its first try, or (with `attempts`) the try after a refused one. */
  'mail.send': z.object({
    key: z.string().min(1),
    deliverAfter: z.string().min(1),
    attempts: z.number().int().min(0).optional(),
  }),
  /** A case moved; a company case that closed gets its survey. */
  'case.transitioned': z.object({
    caseId: z.string().min(1),
    event: z.string(),
    from: z.string().nullable(),
    to: z.string(),
    version: z.number().int(),
  }),
} as const;

export type OutboxTopic = keyof typeof outboxPayloads;
export type OutboxPayload<T extends OutboxTopic> = z.output<(typeof outboxPayloads)[T]>;

export const isOutboxTopic = (topic: string): topic is OutboxTopic => Object.hasOwn(outboxPayloads, topic);

/** A committed outbox row, its payload checked against its topic's schema. */
export interface OutboxMessage<T extends OutboxTopic = OutboxTopic> {
  id: number;
  topic: T;
  payload: OutboxPayload<T>;
  createdAt: string;
}
