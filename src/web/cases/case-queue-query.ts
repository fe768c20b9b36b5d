import { categories } from '../../domain/categories.js';
import type { Role } from '../../domain/roles.js';
import { isUnit } from '../../domain/units.js';
import { allStates, caseKinds, currentLifecycle, type CaseKind } from '../../../workflows/registry.js';

export const PAGE_SIZE = 25;

export type QueueTab = 'mina' | 'enhet' | 'otilldelade' | 'alla';

export const tabLabels: Record<QueueTab, string> = {
  mina: 'Mina ärenden',
  enhet: 'Min enhets ärenden',
  otilldelade: 'Utan handläggare',
  alla: 'Alla ärenden',
};

/**
 * The views each role gets. What any view contains is still cut by the visibility rule in
 * list-cases.ts (roles.ts), so "Alla" is everything the user may see, never more.
 */
export function tabsFor(user: { role: Role; unit: string | null }): QueueTab[] {
  const tabs: QueueTab[] = [];
  if (user.role === 'officer' || user.role === 'manager') tabs.push('mina');
  if (user.unit && isUnit(user.unit)) tabs.push('enhet');
  tabs.push('otilldelade');
  if (user.role !== 'officer') tabs.push('alla');
  return tabs;
}

const defaultTab = (tabs: QueueTab[], role: Role): QueueTab =>
  role === 'officer' ? 'mina' : role === 'manager' ? 'enhet' : tabs.includes('alla') ? 'alla' : tabs[0]!;

/** Roles that see every unit's cases may narrow the queue to one unit. */
export const mayFilterUnit = (role: Role) => role === 'registrar' || role === 'coordinator' || role === 'admin';

export type DueFilter = 'forsenade' | 'snart';
export const dueLabels: Record<DueFilter, string> = {
  forsenade: 'Försenade',
  snart: 'Försenade eller snart förfallna',
};

export interface QueueFilters {
  tab: QueueTab;
  tabs: QueueTab[];
  kind?: CaseKind;
  status?: string;
  category?: string;
  unit?: string;
  due?: DueFilter;
  q?: string;
  cursor?: string;
}

export const kindsOrder: readonly CaseKind[] = caseKinds;

/** Every state of every case kind, once per code (several kinds share "closed" and "withdrawn"). */
export const statusOptions = (): { value: string; label: string; open: boolean }[] => {
  const seen = new Map<string, { value: string; label: string; open: boolean }>();
  for (const kind of caseKinds)
    for (const s of allStates(currentLifecycle(kind)))
      if (!seen.has(s.value)) seen.set(s.value, { value: s.value, label: s.label, open: s.open });
  return [...seen.values()];
};

const one = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** The queue's own query string, Swedish names for what a person may bookmark; unknown values are dropped. */
export function parseQueueFilters(
  raw: Record<string, unknown>,
  user: { role: Role; unit: string | null },
): QueueFilters {
  const tabs = tabsFor(user);
  const wanted = one(raw.vy) as QueueTab | undefined;
  const tab = wanted && tabs.includes(wanted) ? wanted : defaultTab(tabs, user.role);
  const kind = one(raw.typ) as CaseKind | undefined;
  const status = one(raw.status);
  const category = one(raw.kategori);
  const unit = one(raw.enhet);
  const due = one(raw.frist) as DueFilter | undefined;
  return {
    tab,
    tabs,
    kind: kind && caseKinds.includes(kind) ? kind : undefined,
    status: status && statusOptions().some((s) => s.value === status) ? status : undefined,
    category: category && categories.some((c) => c.code === category) ? category : undefined,
    unit: unit && isUnit(unit) && mayFilterUnit(user.role) && tab !== 'enhet' ? unit : undefined,
    due: due === 'forsenade' || due === 'snart' ? due : undefined,
    q: one(raw.sok)?.slice(0, 100),
    cursor: one(raw.fran),
  };
}

/**
 * The same query the API's GET /api/cases takes, still as strings, so it goes through the same
 * schema (listCasesQuerySchema) before list-cases.ts runs it.
 */
export function toListQuery(f: QueueFilters, user: { unit: string | null }, soonDate: string): Record<string, string> {
  const q: Record<string, string> = { limit: String(PAGE_SIZE) };
  if (f.kind) q.kind = f.kind;
  if (f.status) q.status = f.status;
  if (f.category) q.category = f.category;
  if (f.tab === 'enhet' && user.unit) q.unit = user.unit;
  else if (f.unit) q.unit = f.unit;
  if (f.tab === 'mina') q.assignee = 'me';
  else if (f.tab === 'otilldelade') q.assignee = 'none';
  if (f.due === 'forsenade') q.overdue = 'true';
  else if (f.due === 'snart') q.dueBefore = soonDate;
  // A late view reads most late first: the case that has waited longest past its promise leads.
  if (f.due) q.order = 'most_late';
  if (f.q) q.q = f.q;
  if (f.cursor) q.cursor = f.cursor;
  return q;
}

/**
 * The unit's open cases without an officer, for the officer's own view: work waiting that anyone
 * of the unit may take, newest first as in "Utan handläggare", through the same list-cases query.
 */
export const UNASSIGNED_SHOWN = 10;
export function unitUnassignedQuery(user: { unit: string | null }): Record<string, string> | null {
  if (!user.unit || !isUnit(user.unit)) return null;
  return { unit: user.unit, assignee: 'none', limit: String(UNASSIGNED_SHOWN) };
}

/** The query string for a link that keeps the current filters, with some changed. */
export function queueHref(f: QueueFilters, change: Partial<Record<'vy' | 'fran', string | undefined>> = {}): string {
  const p = new URLSearchParams();
  const set = (k: string, v: string | undefined) => v && p.set(k, v);
  set('vy', 'vy' in change ? change.vy : f.tab);
  set('typ', f.kind);
  set('status', f.status);
  set('kategori', f.category);
  set('enhet', f.unit);
  set('frist', f.due);
  set('sok', f.q);
  set('fran', change.fran);
  const s = p.toString();
  return s ? `/arenden?${s}` : '/arenden';
}
