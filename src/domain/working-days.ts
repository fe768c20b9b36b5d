import { TZDate } from '@date-fns/tz';
import { addDays, localDateOf, TIME_ZONE, toUtcMidnight, type LocalDate } from './local-date.js';
import { isWorkingDay } from './swedish-calendar.js';

/** Local closing days a municipality adds to the statutory calendar (policy). */
export type ClosingDays = ReadonlySet<LocalDate>;

const none: ClosingDays = new Set();

/** Lag (1930:173) 2 §: a deadline on a non-working day moves to the next working day. */
export function nextWorkingDay(date: LocalDate, closing: ClosingDays = none): LocalDate {
  let d = date;
  while (!isWorkingDay(d, closing)) d = addDays(d, 1);
  return d;
}

/** The date `n` working days after `date` (the start day itself is day 0). */
export function addWorkingDays(date: LocalDate, n: number, closing: ClosingDays = none): LocalDate {
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d, closing)) left--;
  }
  return d;
}

/** The date `n` working days before `date`. */
export function subtractWorkingDays(date: LocalDate, n: number, closing: ClosingDays = none): LocalDate {
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, -1);
    if (isWorkingDay(d, closing)) left--;
  }
  return d;
}

/** 1930:173 1 §: a period in weeks ends on the same weekday, then the next-working-day rule. */
export function addWeeks(date: LocalDate, weeks: number, closing: ClosingDays = none): LocalDate {
  return nextWorkingDay(addDays(date, weeks * 7), closing);
}

export function addCalendarDays(date: LocalDate, days: number, closing: ClosingDays = none): LocalDate {
  return nextWorkingDay(addDays(date, days), closing);
}

/** Working days after `from` up to and including `to`; negative when `to` lies before `from`. */
export function workingDaysBetween(from: LocalDate, to: LocalDate, closing: ClosingDays = none): number {
  if (to < from) return -workingDaysBetween(to, from, closing);
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, closing)) n++;
  return n;
}

export function calendarDaysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((toUtcMidnight(to) - toUtcMidnight(from)) / 86_400_000);
}

/** The instant a local wall-clock time happens in Stockholm, daylight saving included. */
export function stockholmInstant(date: LocalDate, hour = 0, minute = 0): Date {
  const z = new TZDate(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
    hour,
    minute,
    0,
    0,
    TIME_ZONE,
  );
  return new Date(z.getTime());
}

/** A date-based deadline lasts the whole day: it is due at the last millisecond of it in Stockholm. */
export function endOfStockholmDay(date: LocalDate): Date {
  return new Date(stockholmInstant(addDays(date, 1)).getTime() - 1);
}

export const OFFICE_OPENS = 8;
export const OFFICE_CLOSES = 17;

/**
 * Staff mail waits for office hours: an instant outside 08:00–17:00 on a working day moves
 * to the next 08:00 on a working day.
 */
export function nextOfficeInstant(at: Date, closing: ClosingDays = none): Date {
  const day = localDateOf(at);
  const z = new TZDate(at.getTime(), TIME_ZONE);
  const hour = z.getHours() + z.getMinutes() / 60;
  if (isWorkingDay(day, closing) && hour >= OFFICE_OPENS && hour < OFFICE_CLOSES) return at;
  const startDay = isWorkingDay(day, closing) && hour < OFFICE_OPENS ? day : nextWorkingDay(addDays(day, 1), closing);
  return stockholmInstant(startDay, OFFICE_OPENS);
}

const weekdayNames = ['söndag', 'måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag'];
/** The months in Swedish, lower case as they stand in a date ("27 november 2026"). */
export const monthNames = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];

/** "fredag 27 november 2026", as people read dates (Språklagen 11 §). */
export function formatSwedishDate(date: LocalDate): string {
  const d = new Date(toUtcMidnight(date));
  return `${weekdayNames[d.getUTCDay()]} ${d.getUTCDate()} ${monthNames[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "kl. 14.30" in Stockholm time. */
export function formatSwedishTime(at: Date): string {
  const z = new TZDate(at.getTime(), TIME_ZONE);
  return `kl. ${String(z.getHours()).padStart(2, '0')}.${String(z.getMinutes()).padStart(2, '0')}`;
}

/** A meeting as people write it: "fredag 27 november 2026 kl. 10.00–11.30". */
export function formatSwedishSpan(start: Date, end: Date): string {
  return `${formatSwedishDate(localDateOf(start))} ${formatSwedishTime(start)}–${formatSwedishTime(end).slice(4)}`;
}
