import { describe, expect, it } from 'vitest';
import { promisedDate, promisedDateText } from '../../src/domain/promised-date.js';
import { stockholmInstant } from '../../src/domain/working-days.js';

const at = (date: string, hour = 10) => stockholmInstant(date, hour);
const text = (dueDate: string, now: Date, closing: Set<string> = new Set()) =>
  promisedDateText(promisedDate({ dueDate }, now, closing));

describe('a promised date relative to today', () => {
  it('is a promise on the day itself and before it', () => {
    expect(text('2026-12-02', at('2026-12-02', 16))).toBe('senast onsdag 2 december 2026');
    expect(text('2026-12-02', at('2026-11-30'))).toBe('senast onsdag 2 december 2026');
  });

  it('counts working days late, singular and plural', () => {
    expect(text('2026-12-02', at('2026-12-03'))).toBe(
      'skulle ha varit klart onsdag 2 december 2026; vi är 1 arbetsdag sena',
    );
    expect(text('2026-12-02', at('2026-12-04'))).toBe(
      'skulle ha varit klart onsdag 2 december 2026; vi är 2 arbetsdagar sena',
    );
  });

  it('on the Swedish calendar: a weekend after a Friday is one day late, julafton and a local closing day are not working days', () => {
    expect(text('2026-12-04', at('2026-12-05'))).toBe(
      'skulle ha varit klart fredag 4 december 2026; vi är 1 arbetsdag sena',
    );
    expect(text('2026-12-04', at('2026-12-07'))).toBe(
      'skulle ha varit klart fredag 4 december 2026; vi är 1 arbetsdag sena',
    );
    // Wednesday 23 December → Monday 28 December: julafton, juldagen, annandag jul and the weekend do not count.
    expect(text('2026-12-23', at('2026-12-28'))).toBe(
      'skulle ha varit klart onsdag 23 december 2026; vi är 1 arbetsdag sena',
    );
    expect(text('2026-12-23', at('2026-12-28'), new Set(['2026-12-28']))).toBe(
      'skulle ha varit klart onsdag 23 december 2026; vi är 1 arbetsdag sena',
    );
    expect(text('2026-12-23', at('2026-12-29'), new Set(['2026-12-28']))).toBe(
      'skulle ha varit klart onsdag 23 december 2026; vi är 1 arbetsdag sena',
    );
    expect(text('2026-12-23', at('2026-12-29'))).toBe(
      'skulle ha varit klart onsdag 23 december 2026; vi är 2 arbetsdagar sena',
    );
  });

  it('for what the company itself promised, says how long ago without calling it our lateness', () => {
    expect(
      promisedDateText(promisedDate({ dueDate: '2026-12-02' }, at('2026-12-04'), new Set()), { ours: false }),
    ).toBe('skulle ha varit klart onsdag 2 december 2026, för 2 arbetsdagar sedan');
    expect(
      promisedDateText(promisedDate({ dueDate: '2026-12-02' }, at('2026-12-02'), new Set()), { ours: false }),
    ).toBe('senast onsdag 2 december 2026');
  });

  it('for an hour-based clock, promises the instant and counts from its day', () => {
    const p = promisedDate({ dueDate: null, dueAt: '2026-12-02T13:30:00.000Z' }, at('2026-12-03'), new Set());
    expect(promisedDateText(p)).toBe('skulle ha varit klart onsdag 2 december 2026 kl. 14.30; vi är 1 arbetsdag sena');
    expect(
      promisedDateText(promisedDate({ dueDate: null, dueAt: '2026-12-02T13:30:00.000Z' }, at('2026-12-02'), new Set())),
    ).toBe('senast onsdag 2 december 2026 kl. 14.30');
    // Passed earlier the same day: late, but not yet by a working day.
    const sameDay = promisedDate({ dueDate: null, dueAt: '2026-12-02T13:30:00.000Z' }, at('2026-12-02', 16), new Set());
    expect(sameDay.lateWorkingDays).toBe(0);
    expect(promisedDateText(sameDay)).toBe('skulle ha varit klart onsdag 2 december 2026 kl. 14.30; vi är sena');
  });
});
