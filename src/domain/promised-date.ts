import { localDateOf, type LocalDate } from './local-date.js';
import { formatSwedishDate, formatSwedishTime, workingDaysBetween, type ClosingDays } from './working-days.js';

/**
 * A date we promised, as it stands on the day someone reads it. A promise whose day has passed
 * is never shown as a promise again: it says it is late and by how many working days (on the
 * Swedish calendar with the local closing days), so a receipt for a backdated letter or an
 * agenda written after the limit tells the truth.
 */
export interface PromisedDate {
  /** The promised day; null for a clock counted in hours, which promises an instant. */
  dueDate: LocalDate | null;
  /** The instant the promise runs out (the end of `dueDate` for a day-based clock). */
  dueAt: string | null;
  /**
   * Working days late on the day it was written; null while the promise still holds. 0 only for
   * an hour-based promise that ran out earlier the same working day.
   */
  lateWorkingDays: number | null;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Working days from the promised day to `today`. A promise that ran out over a weekend or a
 * holiday counts as one working day late until the next working day has passed too.
 */
export function workingDaysLate(dueDate: LocalDate, today: LocalDate, closing: ClosingDays): number {
  return Math.max(1, workingDaysBetween(dueDate, today, closing));
}

export function promisedDate(
  due: { dueDate: LocalDate | null; dueAt?: string | null },
  now: Date,
  closing: ClosingDays,
): PromisedDate {
  const dueAt = due.dueAt ?? null;
  const today = localDateOf(now);
  const passed =
    due.dueDate !== null ? due.dueDate < today : dueAt !== null && new Date(dueAt).getTime() < now.getTime();
  const day = due.dueDate ?? (dueAt ? localDateOf(new Date(dueAt)) : today);
  if (!passed) return { dueDate: due.dueDate, dueAt, lateWorkingDays: null };
  // An instant passed earlier today is late, but not yet by a working day.
  return { dueDate: due.dueDate, dueAt, lateWorkingDays: day === today ? 0 : workingDaysLate(day, today, closing) };
}

/** "onsdag 2 december 2026", or for an hour-based clock "onsdag 2 december 2026 kl. 14.30". */
export function promisedDayText(p: Pick<PromisedDate, 'dueDate' | 'dueAt'>): string {
  if (p.dueDate) return formatSwedishDate(p.dueDate);
  if (!p.dueAt) return '';
  const at = new Date(p.dueAt);
  return `${formatSwedishDate(localDateOf(at))} ${formatSwedishTime(at)}`;
}

/** "1 arbetsdag sena", "3 arbetsdagar sena". */
export const lateText = (workingDays: number) => `${plural(workingDays, 'arbetsdag', 'arbetsdagar')} sena`;

/**
 * The promise in words: "senast onsdag 2 december 2026" while it holds, and once it has passed
 * "skulle ha varit klart onsdag 2 december 2026; vi är 1 arbetsdag sena". A promise recorded
 * before lateness was stored reads as the plain promise.
 */
export function promisedDateText(
  p: Partial<PromisedDate> & Pick<PromisedDate, 'dueDate'>,
  options: { ours?: boolean } = {},
): string {
  const day = promisedDayText({ dueDate: p.dueDate, dueAt: p.dueAt ?? null });
  const late = p.lateWorkingDays;
  if (late === null || late === undefined) return `senast ${day}`;
  // What the company itself promised (an action agreed at a table) is not "our" lateness.
  if (options.ours === false)
    return late === 0
      ? `skulle ha varit klart ${day}`
      : `skulle ha varit klart ${day}, för ${plural(late, 'arbetsdag', 'arbetsdagar')} sedan`;
  return `skulle ha varit klart ${day}; vi är ${late === 0 ? 'sena' : lateText(late)}`;
}

/** Whether the promise had passed when it was read or written. */
export const isLate = (p: Partial<Pick<PromisedDate, 'lateWorkingDays'>> | null | undefined) =>
  p?.lateWorkingDays !== null && p?.lateWorkingDays !== undefined;
