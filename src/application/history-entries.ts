import type { Knex } from 'knex';
import type { Lifecycle } from '../../workflows/registry.js';
import { stateInfo } from '../../workflows/registry.js';
import type { EscalationEventRow } from '../infra/db/escalation-repository.js';
import { findUsersByIds } from '../infra/db/user-repository.js';
import type { HistoryEntry } from './case-view-schema.js';

/** An audit row of a case or an escalation, with the version it was recorded at. */
export type RecordedEvent = Omit<EscalationEventRow, 'escalationId'>;

/** An audit trail as people read it: who did what, labelled in Swedish, with the states it moved between. */
export async function toHistoryEntries(
  db: Knex,
  lc: Lifecycle,
  events: RecordedEvent[],
  labelOf: (type: string) => string,
): Promise<HistoryEntry[]> {
  const users = await findUsersByIds(
    db,
    events.flatMap((e) => (e.actorId ? [e.actorId] : [])),
  );
  return events.map((e) => {
    const user = e.actorId ? users.get(e.actorId) : undefined;
    return {
      id: e.id,
      type: e.type,
      label: labelOf(e.type),
      actor: user ? { id: user.id, name: user.name, role: user.role } : null,
      fromState: e.fromState,
      fromStateLabel: e.fromState ? stateInfo(lc, e.fromState).label : null,
      toState: e.toState,
      toStateLabel: stateInfo(lc, e.toState).label,
      version: e.version,
      payload: e.payload,
      at: e.createdAt,
    };
  });
}
