import { describe, expect, it } from 'vitest';
import { actionWakeUps } from '../../src/domain/action-wake-ups.js';
import { escalationDue, firstEscalation } from '../../src/domain/wake-ups.js';

const at = (iso: string) => new Date(iso);
const none = new Set<string>();

describe('escalations after a breach', () => {
  it('escalates first on the working day after the breach notice reaches the office', () => {
    // Breached Tuesday 24 November 2026 14:00: noticed at once, first "still late" Wednesday 08:00.
    expect(firstEscalation(at('2026-11-24T14:00:00+01:00'), none)).toEqual({
      point: 'esc-2026-11-25',
      at: at('2026-11-25T08:00:00+01:00'),
    });
    // Breached at the end of Monday 7 December: noticed Tuesday 08:00, first escalation Wednesday 9 December.
    expect(firstEscalation(at('2026-12-07T23:59:59.999+01:00'), none)).toEqual({
      point: 'esc-2026-12-09',
      at: at('2026-12-09T08:00:00+01:00'),
    });
    // Breached Friday 18 December 2026 at midnight: noticed Monday 21 December, escalated Tuesday 22 December.
    expect(firstEscalation(at('2026-12-18T23:59:59.999+01:00'), none).point).toBe('esc-2026-12-22');
  });

  it("owes today's escalation once the first is due, and the first before that", () => {
    const breached = at('2026-12-07T23:59:59.999+01:00');
    expect(escalationDue(breached, at('2026-12-08T10:00:00+01:00'), none).point).toBe('esc-2026-12-09');
    expect(escalationDue(breached, at('2026-12-10T15:00:00+01:00'), none).point).toBe('esc-2026-12-10');
    // Saturday 12 December: the next is Monday 14 December.
    expect(escalationDue(breached, at('2026-12-12T10:00:00+01:00'), none).point).toBe('esc-2026-12-14');
  });
});

describe('reminders of an agreed action', () => {
  it('reminds at 08:00 the working day before and flags it overdue at 08:00 the first working day after', () => {
    // Due Monday 7 December 2026: reminded Friday 4 December, overdue Tuesday 8 December.
    expect(
      actionWakeUps({ dueDate: '2026-12-07', createdAt: '2026-12-01T14:00:00.000Z', status: 'open' }, none),
    ).toEqual([
      { point: 'remind', at: at('2026-12-04T08:00:00+01:00') },
      { point: 'overdue', at: at('2026-12-08T08:00:00+01:00') },
    ]);
  });

  it('skips the working days around Christmas', () => {
    // Due onsdag 23 december 2026; julafton, juldagen and annandag jul are not working days:
    // overdue on måndag 28 december.
    expect(
      actionWakeUps({ dueDate: '2026-12-23', createdAt: '2026-12-01T14:00:00.000Z', status: 'open' }, none).map(
        (w) => w.at,
      ),
    ).toEqual([at('2026-12-22T08:00:00+01:00'), at('2026-12-28T08:00:00+01:00')]);
  });

  it('drops a reminder already past when the action was agreed, and everything once it is done', () => {
    expect(
      actionWakeUps({ dueDate: '2026-12-02', createdAt: '2026-12-01T14:00:00.000Z', status: 'open' }, none).map(
        (w) => w.point,
      ),
    ).toEqual(['overdue']);
    expect(
      actionWakeUps({ dueDate: '2026-12-07', createdAt: '2026-12-01T14:00:00.000Z', status: 'done' }, none),
    ).toEqual([]);
  });
});
