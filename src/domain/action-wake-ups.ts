import { addDays } from './local-date.js';
import { nextWorkingDay, stockholmInstant, subtractWorkingDays, type ClosingDays } from './working-days.js';
import type { WakeUp } from './wake-ups.js';

/**
 * An agreed action's reminders: at 08:00 on the working day before its due date, and, if it
 * is still open, at 08:00 on the first working day after it. Reminders already past when the
 * action was agreed are dropped, but the overdue one never is.
 */
export function actionWakeUps(
  action: { dueDate: string; createdAt: string; status: string },
  closing: ClosingDays,
): WakeUp[] {
  if (action.status !== 'open') return [];
  const points: WakeUp[] = [];
  const before = stockholmInstant(subtractWorkingDays(action.dueDate, 1, closing), 8);
  if (before.getTime() > new Date(action.createdAt).getTime()) points.push({ point: 'remind', at: before });
  points.push({ point: 'overdue', at: stockholmInstant(nextWorkingDay(addDays(action.dueDate, 1), closing), 8) });
  return points;
}

export const actionJobIdOf = (actionId: string, version: number, point: string) =>
  `act-${actionId}-v${version}-${point}`;
