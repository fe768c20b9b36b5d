import type { AppContext } from '../context.js';
import type { Actor } from '../domain/roles.js';
import { escalationEventLabels } from '../../workflows/escalation-events.js';
import { lifecycle, stateInfo } from '../../workflows/registry.js';
import { listEscalationEvents } from '../infra/db/escalation-repository.js';
import { findUsersByIds } from '../infra/db/user-repository.js';
import type { HistoryEntry } from './case-view-schema.js';
import { visibleEscalation } from './send-escalation-event.js';

const systemLabels: Record<string, string> = {
  ACTION_COMPLETED: 'Åtgärd markerad som klar',
  GUARANTEE_BREACHED: 'Servicegarantin överskreds',
  GUARANTEE_RECOMPUTED: 'Tidsfristen räknades om efter ändrad servicegaranti',
};

/** The escalation's audit trail, oldest first, in the same shape as a case's. */
export async function escalationHistory(ctx: AppContext, actor: Actor, id: string): Promise<HistoryEntry[]> {
  const row = await visibleEscalation(ctx.db, actor, id);
  const lc = lifecycle('service_group', row.machineVersion);
  const events = await listEscalationEvents(ctx.db, row.id);
  const users = await findUsersByIds(ctx.db, events.flatMap((e) => (e.actorId ? [e.actorId] : [])));
  return events.map((e) => {
    const user = e.actorId ? users.get(e.actorId) : undefined;
    return {
      id: e.id,
      type: e.type,
      label: systemLabels[e.type] ?? escalationEventLabels[e.type as keyof typeof escalationEventLabels] ?? e.type,
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
