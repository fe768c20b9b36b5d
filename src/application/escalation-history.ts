import type { AppContext } from '../context.js';
import type { Actor } from '../domain/roles.js';
import { lifecycle } from '../../workflows/registry.js';
import { listEscalationEvents } from '../infra/db/escalation-repository.js';
import { toHistoryEntries } from './history-entries.js';
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
  return toHistoryEntries(ctx.db, lc, events, (type) => systemLabels[type] ?? lc.eventLabels[type] ?? type);
}
