import { describe, expect, it } from 'vitest';
import { addDays, weekday } from '../../src/domain/local-date.js';
import { isWorkingDay, nonWorkingDays, nonWorkingWeekdays } from '../../src/domain/swedish-calendar.js';

// An independent Easter computation (Meeus/Jones/Butcher) to check the library against.
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first date from `from` (inclusive) that falls on `wd`. */
function firstWeekdayFrom(from: string, wd: number): string {
  let d = from;
  while (weekday(d) !== wd) d = addDays(d, 1);
  return d;
}

// Lag (1989:253) plus the three eves of lag (1930:173) 2 §, built from the rules in domain.md §1.
function expectedNonWorkingDays(year: number): Record<string, string> {
  const easter = easterSunday(year);
  const midsommardagen = firstWeekdayFrom(`${year}-06-20`, 6);
  return {
    [`${year}-01-01`]: 'nyårsdagen',
    [`${year}-01-06`]: 'trettondedag jul',
    [addDays(easter, -2)]: 'långfredagen',
    [easter]: 'påskdagen',
    [addDays(easter, 1)]: 'annandag påsk',
    [`${year}-05-01`]: 'första maj',
    [addDays(easter, 39)]: 'Kristi himmelsfärdsdag',
    [addDays(easter, 49)]: 'pingstdagen',
    [`${year}-06-06`]: 'nationaldagen',
    [addDays(midsommardagen, -1)]: 'midsommarafton',
    [midsommardagen]: 'midsommardagen',
    [firstWeekdayFrom(`${year}-10-31`, 6)]: 'alla helgons dag',
    [`${year}-12-24`]: 'julafton',
    [`${year}-12-25`]: 'juldagen',
    [`${year}-12-26`]: 'annandag jul',
    [`${year}-12-31`]: 'nyårsafton',
  };
}

describe('Swedish non-working days', () => {
  it('matches the check values of domain.md', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    const days2026 = Object.fromEntries(nonWorkingDays(2026).map((d) => [d.date, d.name]));
    expect(days2026['2026-06-19']).toBe('midsommarafton');
    expect(days2026['2026-10-31']).toBe('alla helgons dag');
    expect(days2026['2026-05-14']).toBe('Kristi himmelsfärdsdag');
  });

  it.each([2024, 2025, 2026, 2027, 2028, 2029, 2030])('lists exactly the statutory days of %i', (year) => {
    const actual = Object.fromEntries(nonWorkingDays(year).map((d) => [d.date, d.name]));
    expect(actual).toEqual(expectedNonWorkingDays(year));
  });

  it('does not count annandag pingst as a holiday (not since 2005)', () => {
    expect(isWorkingDay('2026-05-25')).toBe(true);
  });

  it('lists the non-working weekdays of 2026 for the calendar endpoint', () => {
    expect(nonWorkingWeekdays(2026)).toEqual([
      { date: '2026-01-01', name: 'nyårsdagen' },
      { date: '2026-01-06', name: 'trettondedag jul' },
      { date: '2026-04-03', name: 'långfredagen' },
      { date: '2026-04-06', name: 'annandag påsk' },
      { date: '2026-05-01', name: 'första maj' },
      { date: '2026-05-14', name: 'Kristi himmelsfärdsdag' },
      { date: '2026-06-19', name: 'midsommarafton' },
      { date: '2026-12-24', name: 'julafton' },
      { date: '2026-12-25', name: 'juldagen' },
      { date: '2026-12-31', name: 'nyårsafton' },
    ]);
  });

  it('treats weekends, holidays and eves as non-working and ordinary weekdays as working', () => {
    expect(isWorkingDay('2026-11-20')).toBe(true); // fredag
    expect(isWorkingDay('2026-11-21')).toBe(false); // lördag
    expect(isWorkingDay('2026-11-22')).toBe(false); // söndag
    expect(isWorkingDay('2026-12-24')).toBe(false); // julafton
    expect(isWorkingDay('2026-04-02')).toBe(true); // skärtorsdagen is a working day
    expect(isWorkingDay('2026-11-23', new Set(['2026-11-23']))).toBe(false); // a local closing day
  });
});
