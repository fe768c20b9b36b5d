import { TZDate } from '@date-fns/tz';
import { isValidLocalDate, localDateOf, TIME_ZONE } from '../../domain/local-date.js';
import { stockholmInstant } from '../../domain/working-days.js';

/** "10.00", "10:00" or "9.30" as hours and minutes; Swedes write the dot, browsers send the colon. */
export function parseClockTime(raw: string): { hour: number; minute: number } | null {
  const m = /^(\d{1,2})[.:](\d{2})$/.exec(raw.trim());
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  return hour < 24 && minute < 60 ? { hour, minute } : null;
}

/**
 * A wall-clock time in Stockholm as the instant the API takes, daylight saving included, so a
 * meeting typed as 10.00 is 10.00 in every calendar whatever zone the server runs in.
 */
export function stockholmIso(date: string, time: string): string | null {
  const t = parseClockTime(time);
  if (!isValidLocalDate(date.trim()) || !t) return null;
  return stockholmInstant(date.trim(), t.hour, t.minute).toISOString();
}

/** An instant as the date and time fields show it in Stockholm: ["2026-11-27", "10:00"]. */
export function stockholmFields(iso: string): [string, string] {
  const z = new TZDate(new Date(iso).getTime(), TIME_ZONE);
  return [
    localDateOf(new Date(iso)),
    `${String(z.getHours()).padStart(2, '0')}:${String(z.getMinutes()).padStart(2, '0')}`,
  ];
}
