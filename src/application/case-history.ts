import type { AppContext } from '../context.js';
import { notFound } from '../domain/errors.js';
import { canSeeCase, type Actor } from '../domain/roles.js';
import { escalationEventLabels } from '../../workflows/escalation-events.js';
import { lifecycle, stateInfo } from '../../workflows/registry.js';
import { listCaseEvents } from '../infra/db/audit-repository.js';
import { findCase } from '../infra/db/case-repository.js';
import { findUsersByIds } from '../infra/db/user-repository.js';
import type { HistoryEntry } from './case-view-schema.js';

// Events Handslag records by itself, beside the lifecycle's own.
const systemLabels: Record<string, string> = {
  REGISTERED: 'Registrerat',
  UNITS_FLAGGED: 'Markerat som att det berör flera enheter',
  GUARANTEE_BREACHED: 'Servicegarantin överskreds',
  GUARANTEE_RECOMPUTED: 'Tidsfristen räknades om efter ändrad servicegaranti',
};

// What happened at a "dukat bord" the case sits at is part of the case's own story.
function serviceGroupLabel(type: string): string | undefined {
  if (!type.startsWith('SERVICE_GROUP_')) return undefined;
  const label = escalationEventLabels[type.slice('SERVICE_GROUP_'.length) as keyof typeof escalationEventLabels];
  return label ? `Dukat bord: ${label.charAt(0).toLowerCase()}${label.slice(1)}` : 'Dukat bord';
}

export async function caseHistory(ctx: AppContext, actor: Actor, idOrReference: string): Promise<HistoryEntry[]> {
  const row = await findCase(ctx.db, idOrReference);
  if (!row || !canSeeCase(actor, row)) throw notFound('Ärendet');
  const lc = lifecycle(row.kind, row.machineVersion);
  const events = await listCaseEvents(ctx.db, row.id);
  const users = await findUsersByIds(ctx.db, events.flatMap((e) => (e.actorId ? [e.actorId] : [])));
  return events.map((e) => {
    const user = e.actorId ? users.get(e.actorId) : undefined;
    return {
      id: e.id,
      type: e.type,
      label: systemLabels[e.type] ?? serviceGroupLabel(e.type) ?? lc.eventLabels[e.type] ?? e.type,
      actor: user ? { id: user.id, name: user.name, role: user.role } : null,
      fromState: e.fromState,
      fromStateLabel: e.fromState ? stateInfo(lc, e.fromState).label : null,
      toState: e.toState,
      toStateLabel: stateInfo(lc, e.toState).label,
      version: e.caseVersion,
      payload: e.payload,
      at: e.createdAt,
    };
  });
}
