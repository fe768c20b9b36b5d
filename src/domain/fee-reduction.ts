import { calendarDaysBetween } from './working-days.js';
import type { LocalDate } from './local-date.js';

/**
 * PBL 12 kap. 8 a §: the fee is reduced by one fifth for each started week the limit is
 * exceeded, at most five fifths. A decision on the due date itself is on time.
 */
export function feeReductionFifths(dueDate: LocalDate, decidedOn: LocalDate): number {
  const daysLate = calendarDaysBetween(dueDate, decidedOn);
  if (daysLate <= 0) return 0;
  return Math.min(5, Math.ceil(daysLate / 7));
}
