import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addWeeks,
  addWorkingDays,
  endOfStockholmDay,
  formatSwedishDate,
  formatSwedishTime,
  nextOfficeInstant,
  nextWorkingDay,
  subtractWorkingDays,
  workingDaysBetween,
} from '../../src/domain/working-days.js';

describe('working-day arithmetic on the Swedish calendar', () => {
  it('adds 5 working days from Thursday 2026-04-02 across Easter to Monday 2026-04-13', () => {
    expect(addWorkingDays('2026-04-02', 5)).toBe('2026-04-13');
  });

  it('moves a 10-week PBL limit that ends on midsommarafton to Monday 2026-06-22', () => {
    expect(addWeeks('2026-04-10', 10)).toBe('2026-06-22');
  });

  it('ends a period in weeks on the same weekday when that is a working day', () => {
    expect(addWeeks('2026-05-04', 10)).toBe('2026-07-13');
  });

  it('skips julafton, juldagen, annandag jul, nyårsafton and nyårsdagen', () => {
    // Tuesday 22 December 2026 + 3 working days: 23 Dec, 28 Dec, 29 Dec.
    expect(addWorkingDays('2026-12-22', 3)).toBe('2026-12-29');
    expect(addWorkingDays('2026-12-29', 2)).toBe('2027-01-04');
    expect(workingDaysBetween('2026-12-23', '2027-01-04')).toBe(4);
  });

  it('counts working days between two dates, and backwards', () => {
    expect(workingDaysBetween('2026-11-20', '2026-11-27')).toBe(5);
    expect(workingDaysBetween('2026-11-27', '2026-11-20')).toBe(-5);
    expect(workingDaysBetween('2026-11-20', '2026-11-20')).toBe(0);
  });

  it('subtracts working days for warning points', () => {
    expect(subtractWorkingDays('2026-06-22', 2)).toBe('2026-06-17');
  });

  it('moves a calendar-day deadline on a Sunday to Monday', () => {
    expect(addCalendarDays('2026-11-20', 2)).toBe('2026-11-23');
    expect(nextWorkingDay('2026-12-24')).toBe('2026-12-28');
  });

  it('honours local closing days', () => {
    expect(addWorkingDays('2026-11-20', 1, new Set(['2026-11-23']))).toBe('2026-11-24');
  });

  it('ends a deadline day at midnight Stockholm time, summer and winter', () => {
    expect(endOfStockholmDay('2026-06-22').toISOString()).toBe('2026-06-22T21:59:59.999Z');
    expect(endOfStockholmDay('2026-11-27').toISOString()).toBe('2026-11-27T22:59:59.999Z');
    // The night daylight saving starts (29 March 2026) still ends at local midnight.
    expect(endOfStockholmDay('2026-03-29').toISOString()).toBe('2026-03-29T21:59:59.999Z');
    expect(endOfStockholmDay('2026-03-28').toISOString()).toBe('2026-03-28T22:59:59.999Z');
  });

  it('delivers staff mail in office hours: 23:00 becomes 08:00 the next working day', () => {
    // Friday 2026-11-20 23:00 Stockholm → Monday 2026-11-23 08:00.
    expect(nextOfficeInstant(new Date('2026-11-20T22:00:00Z')).toISOString()).toBe('2026-11-23T07:00:00.000Z');
    // 06:30 on a working day → 08:00 the same day.
    expect(nextOfficeInstant(new Date('2026-11-24T05:30:00Z')).toISOString()).toBe('2026-11-24T07:00:00.000Z');
    // Within office hours nothing moves.
    expect(nextOfficeInstant(new Date('2026-11-24T10:00:00Z')).toISOString()).toBe('2026-11-24T10:00:00.000Z');
    // Midsommarafton 2026 at 10:00 → Monday 22 June 08:00 (summer time).
    expect(nextOfficeInstant(new Date('2026-06-19T08:00:00Z')).toISOString()).toBe('2026-06-22T06:00:00.000Z');
  });

  it('writes dates and times as Swedish readers expect', () => {
    expect(formatSwedishDate('2026-11-27')).toBe('fredag 27 november 2026');
    expect(formatSwedishDate('2026-06-22')).toBe('måndag 22 juni 2026');
    expect(formatSwedishTime(new Date('2026-11-27T13:30:00Z'))).toBe('kl. 14.30');
    expect(formatSwedishTime(new Date('2026-06-22T12:30:00Z'))).toBe('kl. 14.30');
  });
});
