import Holidays from 'date-holidays';
import { addDays, weekday, type LocalDate } from './local-date.js';

export interface NamedDay {
  date: LocalDate;
  name: string;
}

const holidays = new Holidays('SE');
const cache = new Map<number, NamedDay[]>();

/**
 * Days that are not working days apart from weekends: the public holidays of lag (1989:253),
 * taken from date-holidays, plus the three eves that lag (1930:173) 2 § treats the same way.
 * The eves are our own rule, not the library's, so a change in its classification cannot
 * move a statutory deadline.
 */
export function nonWorkingDays(year: number): NamedDay[] {
  const hit = cache.get(year);
  if (hit) return hit;
  const publicDays = holidays
    .getHolidays(year, 'sv')
    .filter((h) => h.type === 'public')
    .map((h) => ({ date: h.date.slice(0, 10), name: h.name }));
  const midsommardagen = publicDays.find((d) => d.name === 'midsommardagen');
  if (!midsommardagen) throw new Error(`No midsommardagen for ${year}`);
  const eves: NamedDay[] = [
    { date: addDays(midsommardagen.date, -1), name: 'midsommarafton' },
    { date: `${year}-12-24`, name: 'julafton' },
    { date: `${year}-12-31`, name: 'nyårsafton' },
  ];
  const days = [...publicDays, ...eves].sort((a, b) => a.date.localeCompare(b.date));
  cache.set(year, days);
  return days;
}

/** Non-working Monday–Friday dates of a year, as the calendar endpoint lists them. */
export function nonWorkingWeekdays(year: number, localClosingDays: NamedDay[] = []): NamedDay[] {
  const byDate = new Map<string, NamedDay>();
  for (const d of [...nonWorkingDays(year), ...localClosingDays.filter((d) => d.date.startsWith(`${year}-`))]) {
    const wd = weekday(d.date);
    if (wd !== 0 && wd !== 6 && !byDate.has(d.date)) byDate.set(d.date, d);
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

const statutorySets = new Map<number, Set<LocalDate>>();

function statutory(year: number): Set<LocalDate> {
  let set = statutorySets.get(year);
  if (!set) {
    set = new Set(nonWorkingDays(year).map((d) => d.date));
    statutorySets.set(year, set);
  }
  return set;
}

export function isWorkingDay(date: LocalDate, localClosingDays: ReadonlySet<LocalDate> = new Set()): boolean {
  const wd = weekday(date);
  if (wd === 0 || wd === 6) return false;
  if (localClosingDays.has(date)) return false;
  return !statutory(Number(date.slice(0, 4))).has(date);
}
