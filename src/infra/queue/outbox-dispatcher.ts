import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { versionKey } from '../../domain/clock-rules.js';
import { markOutboxDispatched, undispatchedOutbox } from '../db/audit-repository.js';
import { deadlinesByIds } from '../db/deadline-repository.js';
import { actionsByIds } from '../db/escalation-repository.js';
import type { ReferenceData } from '../db/reference-data.js';
import { isOutboxTopic, outboxPayloads, type OutboxMessage, type OutboxTopic } from './outbox-topics.js';
import {
  actionJobs,
  addJobs,
  deadlineJob,
  mailJob,
  pendingWakeUps,
  type PlannedJob,
  type QueueDeps,
} from './schedule.js';

/** One reader per topic: the jobs a batch of its committed rows asks for. */
export type OutboxHandlers = {
  [T in OutboxTopic]: (messages: OutboxMessage<T>[], now: Date) => Promise<PlannedJob[]>;
};

export interface OutboxDeps extends QueueDeps {
  db: Knex;
  logger: Pick<Logger, 'warn'>;
}

/**
 * Moves committed outbox rows into BullMQ. Runs after commit, never inside a transaction, so
 * a job can never point at a change that rolled back. Rows stay until their jobs are added;
 * several dispatchers may run at once, since job ids are deterministic.
 */
export async function drainOutbox(deps: OutboxDeps, handlers: OutboxHandlers, limit = 1000): Promise<number> {
  const rows = await undispatchedOutbox(deps.db, limit);
  if (rows.length === 0) return 0;
  const byTopic = new Map<OutboxTopic, OutboxMessage[]>();
  for (const r of rows) {
    // A topic no longer written (a row from before it was retired) has nothing left to do.
    if (!isOutboxTopic(r.topic)) continue;
    const parsed = outboxPayloads[r.topic].safeParse(r.payload);
    if (!parsed.success) {
      // Retrying cannot mend it, and it must not hold up the rows behind it.
      deps.logger.warn({ id: r.id, topic: r.topic, issues: parsed.error.issues }, 'outbox row skipped: bad payload');
      continue;
    }
    const list = byTopic.get(r.topic) ?? [];
    list.push({ id: r.id, topic: r.topic, payload: parsed.data, createdAt: r.createdAt });
    byTopic.set(r.topic, list);
  }
  const now = deps.clock.now();
  const jobs: PlannedJob[] = [];
  for (const topic of Object.keys(outboxPayloads) as OutboxTopic[]) {
    const messages = byTopic.get(topic);
    if (!messages?.length) continue;
    const handle = handlers[topic] as (m: OutboxMessage[], now: Date) => Promise<PlannedJob[]>;
    jobs.push(...(await handle(messages, now)));
  }
  await addJobs(deps, jobs);
  await markOutboxDispatched(
    deps.db,
    rows.map((r) => r.id),
    now.toISOString(),
  );
  return rows.length;
}

/** The readers that only plan wake-ups and mail from the database; the rest belong to use cases. */
export function schedulingHandlers(deps: {
  db: Knex;
  reference: ReferenceData;
}): Pick<OutboxHandlers, 'deadline.changed' | 'deadline.follow_up' | 'action.changed' | 'mail.send'> {
  return {
    async 'deadline.changed'(messages, now) {
      const deadlines = await deadlinesByIds(deps.db, [...new Set(messages.map((m) => m.payload.deadlineId))]);
      const versions = await deps.reference.guaranteeVersions(
        deps.db,
        [...deadlines.values()].map((d) => ({ code: d.guaranteeCode, version: d.guaranteeVersion })),
      );
      const closing = await deps.reference.closingDays(deps.db);
      const jobs: PlannedJob[] = [];
      for (const m of messages) {
        const dl = deadlines.get(m.payload.deadlineId);
        // A newer version has its own outbox row; this one has nothing left to schedule.
        if (!dl || dl.version !== m.payload.version) continue;
        const g = versions.get(versionKey(dl.guaranteeCode, dl.guaranteeVersion));
        if (g) for (const w of pendingWakeUps(dl, g.definition, now, closing)) jobs.push(deadlineJob(dl, w));
      }
      return jobs;
    },
    async 'deadline.follow_up'(messages) {
      const deadlines = await deadlinesByIds(deps.db, [...new Set(messages.map((m) => m.payload.deadlineId))]);
      return messages.flatMap((m) => {
        const dl = deadlines.get(m.payload.deadlineId);
        if (!dl || dl.version !== m.payload.version) return [];
        return [deadlineJob(dl, { point: m.payload.point, at: new Date(m.payload.at) })];
      });
    },
    async 'action.changed'(messages) {
      const closing = await deps.reference.closingDays(deps.db);
      const actions = new Map(
        (await actionsByIds(deps.db, [...new Set(messages.map((m) => m.payload.actionId))])).map((a) => [a.id, a]),
      );
      return messages.flatMap((m) => {
        const a = actions.get(m.payload.actionId);
        return a && a.version === m.payload.version ? actionJobs(a, closing) : [];
      });
    },
    async 'mail.send'(messages) {
      return messages.map((m) => mailJob(m.payload.key, m.payload.attempts ?? 0, m.payload.deliverAfter));
    },
  };
}
