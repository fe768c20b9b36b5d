import { localDateOf } from './local-date.js';
import { monthNames, stockholmInstant } from './working-days.js';

/** A calendar month in Europe/Stockholm, 'YYYY-MM'. */
export type YearMonth = string;

export const isYearMonth = (s: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(s);

const indexOf = (m: YearMonth) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const fromIndex = (i: number): YearMonth =>
  `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;

export const addMonths = (m: YearMonth, n: number): YearMonth => fromIndex(indexOf(m) + n);

/** How many months `from`…`to` spans, both included; 0 when `to` lies before `from`. */
export const monthCount = (from: YearMonth, to: YearMonth) => Math.max(0, indexOf(to) - indexOf(from) + 1);

export const monthOf = (instant: Date): YearMonth => localDateOf(instant).slice(0, 7);

export interface MonthSpan {
  month: YearMonth;
  /** The first instant of the month in Stockholm, as an ISO 8601 UTC string. */
  startAt: string;
  /** The first instant of the next month: the span is startAt ≤ t < endAt. */
  endAt: string;
}

/**
 * Every month from `from` to `to` as UTC instants. Timestamps are stored as ISO UTC strings
 * that sort like the instants they name, so "which Stockholm month" becomes a range test the
 * database answers the same way on SQLite (which knows no time zones) and PostgreSQL, and
 * daylight saving is handled once, here.
 */
export function monthSpans(from: YearMonth, to: YearMonth): MonthSpan[] {
  const out: MonthSpan[] = [];
  for (let i = indexOf(from); i <= indexOf(to); i++) {
    out.push({
      month: fromIndex(i),
      startAt: stockholmInstant(`${fromIndex(i)}-01`).toISOString(),
      endAt: stockholmInstant(`${fromIndex(i + 1)}-01`).toISOString(),
    });
  }
  return out;
}

/** "november 2026". */
export const formatYearMonth = (m: YearMonth) => `${monthNames[Number(m.slice(5, 7)) - 1]} ${m.slice(0, 4)}`;
