import type { Deadline } from './deadline.js';
import type { GuaranteeDefinition } from './guarantee.js';
import { addDays, localDateOf } from './local-date.js';
import { isWorkingDay } from './swedish-calendar.js';
import {
  nextOfficeInstant,
  nextWorkingDay,
  stockholmInstant,
  subtractWorkingDays,
  type ClosingDays,
} from './working-days.js';

export interface WakeUp {
  /** `warn-1`, `warn-2` … or `due`; part of the job id, so no colons. */
  point: string;
  at: Date;
}

const HOUR = 3_600_000;

/**
 * When a running clock needs to wake up: each warning point and the due instant. Warnings
 * whose time had already passed when this version began are dropped; the due point never is.
 */
export function wakeUpsOf(dl: Deadline, d: GuaranteeDefinition, closing: ClosingDays): WakeUp[] {
  if (dl.state !== 'running') return [];
  const due = new Date(dl.dueAt);
  const started = new Date(dl.startedAt);
  const versionBegan = new Date(dl.updatedAt);
  const points: WakeUp[] = [];
  d.warnings.forEach((w, i) => {
    let at: Date;
    if ('atFraction' in w) at = new Date(started.getTime() + w.atFraction * (due.getTime() - started.getTime()));
    else if (w.before.unit === 'hours' || dl.dueDate === null)
      at = new Date(due.getTime() - w.before.value * (w.before.unit === 'hours' ? HOUR : 24 * HOUR));
    // "2 working days before" means that working day's morning, when the office opens.
    else at = stockholmInstant(subtractWorkingDays(dl.dueDate, w.before.value, closing), 8);
    if (at.getTime() >= versionBegan.getTime() && at.getTime() < due.getTime())
      points.push({ point: `warn-${i + 1}`, at });
  });
  points.push({ point: 'due', at: due });
  return points;
}

export const jobIdOf = (deadlineId: string, version: number, point: string) => `dl-${deadlineId}-v${version}-${point}`;

/**
 * A breached clock is escalated again each working day at 08:00 until it is met: the next
 * such morning strictly after `after`. The date is in the point's name, so one a day at most.
 */
export function nextEscalation(after: Date, closing: ClosingDays): WakeUp {
  const day = nextWorkingDay(addDays(localDateOf(after), 1), closing);
  return { point: `esc-${day}`, at: stockholmInstant(day, 8) };
}

/**
 * The first escalation after a breach: the working day after the breach notice reaches the
 * office. A clock that runs out at midnight is told at 08:00 the next working day, and its
 * first "still late" follows a day later, not in the same morning's mail.
 */
export function firstEscalation(breachedAt: Date, closing: ClosingDays): WakeUp {
  return nextEscalation(nextOfficeInstant(breachedAt, closing), closing);
}

/**
 * The escalation a breached clock is owed now: today's, if today is a working day on or after
 * the first escalation day (it runs at once if 08:00 has passed and it was missed), else the
 * next one due.
 */
export function escalationDue(breachedAt: Date, now: Date, closing: ClosingDays): WakeUp {
  const first = firstEscalation(breachedAt, closing);
  if (now.getTime() < first.at.getTime()) return first;
  const today = localDateOf(now);
  if (isWorkingDay(today, closing)) return { point: `esc-${today}`, at: stockholmInstant(today, 8) };
  return nextEscalation(now, closing);
}
