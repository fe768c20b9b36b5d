import type { CaseView } from '../../application/case-view-schema.js';
import { localDateOf } from '../../domain/local-date.js';
import { addWorkingDays, type ClosingDays } from '../../domain/working-days.js';

type DeadlineView = CaseView['deadlines'][number];

/** A clock counts as due soon when this many working days or fewer are left (today included). */
export const SOON_WORKING_DAYS = 2;
// Hour-based clocks (a complaint's acknowledgement) are due soon within one office day.
const SOON_MS = 8 * 3_600_000;

export type Urgency = 'late' | 'soon' | 'normal' | 'paused';

export function urgencyOf(d: DeadlineView): Urgency | null {
  if (d.state === 'paused') return 'paused';
  if (d.state === 'breached') return 'late';
  if (d.state !== 'running') return null;
  if (d.remainingMs !== null && d.remainingMs < 0) return 'late';
  if (d.remainingWorkingDays !== null) return d.remainingWorkingDays <= SOON_WORKING_DAYS ? 'soon' : 'normal';
  return d.remainingMs !== null && d.remainingMs <= SOON_MS ? 'soon' : 'normal';
}

const rank: Record<Urgency, number> = { late: 0, soon: 1, normal: 2, paused: 3 };

/** The clock that most needs attention: late before soon, then the least time left. */
export function mostUrgent(deadlines: DeadlineView[]): { deadline: DeadlineView; urgency: Urgency } | null {
  let best: { deadline: DeadlineView; urgency: Urgency } | null = null;
  for (const d of deadlines) {
    const u = urgencyOf(d);
    if (!u) continue;
    if (
      !best ||
      rank[u] < rank[best.urgency] ||
      (rank[u] === rank[best.urgency] && (d.remainingMs ?? Infinity) < (best.deadline.remainingMs ?? Infinity))
    )
      best = { deadline: d, urgency: u };
  }
  return best;
}

/** The word that carries the highlight, so it never rests on colour alone. */
export const urgencyBadge: Record<Urgency, string | null> = {
  late: 'Försenat',
  soon: 'Snart',
  normal: null,
  paused: 'Pausad',
};

/** The last Stockholm date that still counts as "due soon", for the queue's filter (list-cases' dueBefore). */
export const soonDueBefore = (now: Date, closing: ClosingDays): string =>
  addWorkingDays(localDateOf(now), SOON_WORKING_DAYS, closing);

/** "Snart: 1 arbetsdag kvar"; a text that already starts with the word ("Försenat med …") keeps it once. */
export function urgencyText(urgency: Urgency | null, remaining: string): { badge: string | null; text: string } {
  const badge = urgency ? urgencyBadge[urgency] : null;
  return { badge: badge && urgency !== 'paused' && !remaining.startsWith(badge) ? badge : null, text: remaining };
}
