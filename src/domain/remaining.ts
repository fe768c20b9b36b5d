import { pauseTexts } from '../../workflows/registry.js';
import type { Deadline } from './deadline.js';
import { localDateOf } from './local-date.js';
import { workingDaysLate } from './promised-date.js';
import { workingDaysBetween, type ClosingDays } from './working-days.js';

export interface Remaining {
  text: string | null;
  /** Working days left (negative when late) for day-based clocks. */
  workingDays: number | null;
  ms: number | null;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function hoursText(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0
    ? `${plural(h, 'timme', 'timmar')}${m ? ` ${plural(m, 'minut', 'minuter')}` : ''}`
    : plural(m, 'minut', 'minuter');
}

/** Time left on a clock in words and numbers; day-based clocks count Swedish working days. */
export function remainingOf(dl: Deadline, now: Date, closing: ClosingDays): Remaining {
  if (dl.state === 'paused') {
    const left = dl.remaining ?? 0;
    const why = pauseTexts(dl.pausedCause);
    return dl.dueDate === null
      ? { text: `Pausad – ${hoursText(left)} kvar ${why.staffUntil}`, workingDays: null, ms: left }
      : { text: `Pausad ${why.staff}`, workingDays: null, ms: null };
  }
  if (dl.state !== 'running' && dl.state !== 'breached') return { text: null, workingDays: null, ms: null };
  const ms = new Date(dl.dueAt).getTime() - now.getTime();
  if (dl.dueDate === null)
    return { text: ms >= 0 ? `${hoursText(ms)} kvar` : `Försenat med ${hoursText(ms)}`, workingDays: null, ms };
  const today = localDateOf(now);
  if (ms < 0) {
    // Counted as every promised date is (promised-date.ts), so a page and a mail agree.
    const late = workingDaysLate(dl.dueDate, today, closing);
    return { text: `Försenat med ${plural(late, 'arbetsdag', 'arbetsdagar')}`, workingDays: -late, ms };
  }
  const left = workingDaysBetween(today, dl.dueDate, closing);
  return {
    text: left === 0 ? 'Ska vara klart i dag' : `${plural(left, 'arbetsdag', 'arbetsdagar')} kvar`,
    workingDays: left,
    ms,
  };
}
