import type { AppContext } from '../context.js';
import type { Actor } from '../domain/roles.js';
import { tableHistoryLine } from '../../workflows/escalation-events.js';
import { lifecycle } from '../../workflows/registry.js';
import { listCaseEvents } from '../infra/db/audit-repository.js';
import { getVisibleCase } from './get-visible-case.js';
import { toHistoryEntries } from './history-entries.js';
import type { HistoryEntry } from './case-view-schema.js';

// Events Handslag records by itself, beside the lifecycle's own.
const systemLabels: Record<string, string> = {
  REGISTERED: 'Registrerat',
  UNITS_FLAGGED: 'Markerat som att det berör flera enheter',
  NOTE_ADDED: 'Intern anteckning tillagd',
  GUARANTEE_BREACHED: 'Servicegarantin överskreds',
  GUARANTEE_RECOMPUTED: 'Tidsfristen räknades om efter ändrad servicegaranti',
  TRACKING_REVOKED: 'Länken till ärendets sida ersattes med en ny',
};

// What happened at a "dukat bord" the case sits at is part of the case's own story.
function serviceGroupLabel(type: string): string | undefined {
  if (!type.startsWith('SERVICE_GROUP_')) return undefined;
  return tableHistoryLine(type.slice('SERVICE_GROUP_'.length)) ?? 'Dukat bord';
}

export async function caseHistory(ctx: AppContext, actor: Actor, idOrReference: string): Promise<HistoryEntry[]> {
  const row = await getVisibleCase(ctx, actor, idOrReference);
  const lc = lifecycle(row.kind, row.machineVersion);
  const events = await listCaseEvents(ctx.db, row.id);
  return toHistoryEntries(
    ctx.db,
    lc,
    events.map((e) => ({ ...e, version: e.caseVersion })),
    (type) => systemLabels[type] ?? serviceGroupLabel(type) ?? lc.eventLabels[type] ?? type,
  );
}
