import { TZDate } from '@date-fns/tz';

export const TIME_ZONE = 'Europe/Stockholm';

/** A calendar date, 'YYYY-MM-DD', meaning a day in Europe/Stockholm. */
export type LocalDate = string;

const DAY_MS = 86_400_000;

// Date-only arithmetic runs on UTC midnights, where every day is 24 hours long.
export function toUtcMidnight(date: LocalDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

export function fromUtcMidnight(ms: number): LocalDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromUtcMidnight(toUtcMidnight(date) + days * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: LocalDate): number {
  return new Date(toUtcMidnight(date)).getUTCDay();
}

export function localDateOf(instant: Date): LocalDate {
  const z = new TZDate(instant.getTime(), TIME_ZONE);
  return `${z.getFullYear()}-${String(z.getMonth() + 1).padStart(2, '0')}-${String(z.getDate()).padStart(2, '0')}`;
}

export function isValidLocalDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && fromUtcMidnight(toUtcMidnight(date)) === date;
}
