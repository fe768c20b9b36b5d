import { randomUUID } from 'node:crypto';
import type { LifecycleEvent } from '../../workflows/events.js';
import { AppError } from './errors.js';
import type { Deadline } from './deadline.js';
import { feeReductionFifths } from './fee-reduction.js';
import type { Guarantee, GuaranteeDefinition } from './guarantee.js';
import { addDays, localDateOf, type LocalDate } from './local-date.js';
import {
  addCalendarDays,
  addWeeks,
  addWorkingDays,
  calendarDaysBetween,
  endOfStockholmDay,
  workingDaysBetween,
  type ClosingDays,
} from './working-days.js';

export interface ClockContext {
  caseId: string | null;
  escalationId?: string | null;
  kind: string;
  category: string;
  anonymous: boolean;
  fromState: string | null;
  toState: string;
  event: LifecycleEvent;
  now: Date;
  receivedAt: Date;
  closing: ClosingDays;
}

const iso = (d: Date) => d.toISOString();
export const versionKey = (code: string, version: number) => `${code}@${version}`;
const HOUR = 3_600_000;

function applies(g: Guarantee, c: ClockContext): boolean {
  const d = g.definition;
  if (!g.active || d.kind !== c.kind) return false;
  if (d.category !== null && d.category !== c.category) return false;
  if (d.anonymous !== null && d.anonymous !== c.anonymous) return false;
  return true;
}

/** Kil suspends its guarantee 1 June–31 August: a clock that would start then does not. */
function suspendedOn(d: GuaranteeDefinition, date: LocalDate): boolean {
  const md = date.slice(5);
  return d.suspended.some((p) => (p.from <= p.to ? md >= p.from && md <= p.to : md >= p.from || md <= p.to));
}

/** The due date of a full period counted from `start` (a Stockholm date). */
function dueFrom(d: GuaranteeDefinition, start: LocalDate, extensionWeeks: number, closing: ClosingDays): LocalDate {
  const { value, unit } = d.length;
  let due: LocalDate;
  if (unit === 'working_days') due = addWorkingDays(start, value, closing);
  else if (unit === 'calendar_days') due = addCalendarDays(start, value, closing);
  else due = addWeeks(start, value, closing);
  return extensionWeeks > 0 ? addWeeks(due, extensionWeeks, closing) : due;
}

export function schedule(
  d: GuaranteeDefinition,
  startAt: Date,
  extensionWeeks: number,
  closing: ClosingDays,
): { dueDate: LocalDate | null; dueAt: string } {
  if (d.length.unit === 'hours')
    return {
      dueDate: null,
      dueAt: iso(new Date(startAt.getTime() + d.length.value * HOUR + extensionWeeks * 7 * 24 * HOUR)),
    };
  const dueDate = dueFrom(d, localDateOf(startAt), extensionWeeks, closing);
  return { dueDate, dueAt: iso(endOfStockholmDay(dueDate)) };
}

/** What is left of a clock when it pauses at `now`, in the unit it resumes in. */
function leftAtPause(dl: Deadline, d: GuaranteeDefinition, now: Date, closing: ClosingDays): number {
  if (d.length.unit === 'hours' || dl.dueDate === null)
    return Math.max(0, new Date(dl.dueAt).getTime() - now.getTime());
  const today = localDateOf(now);
  if (d.length.unit === 'working_days') return Math.max(0, workingDaysBetween(today, dl.dueDate, closing));
  return Math.max(0, calendarDaysBetween(today, dl.dueDate));
}

function resumeDue(
  d: GuaranteeDefinition,
  remaining: number,
  now: Date,
  closing: ClosingDays,
): { dueDate: LocalDate | null; dueAt: string } {
  if (d.length.unit === 'hours') return { dueDate: null, dueAt: iso(new Date(now.getTime() + remaining)) };
  const today = localDateOf(now);
  const dueDate =
    d.length.unit === 'working_days'
      ? addWorkingDays(today, remaining, closing)
      : addCalendarDays(today, remaining, closing);
  return { dueDate, dueAt: iso(endOfStockholmDay(dueDate)) };
}

function bump(dl: Deadline, now: Date, changes: Partial<Deadline>): Deadline {
  return { ...dl, ...changes, version: dl.version + 1, updatedAt: iso(now) };
}

/**
 * Pure: given a case's deadlines and the catalogue, what changes a transition makes to its
 * clocks. Called inside the transaction that changes the case, so both commit together.
 */
export function applyClockRules(
  existing: Deadline[],
  current: Guarantee[],
  versions: Map<string, Guarantee>,
  c: ClockContext,
): Deadline[] {
  const changed: Deadline[] = [];
  const byClock = new Map(existing.map((d) => [d.clock, d]));
  const now = c.now;

  for (const g of current) {
    // One clock of each kind per case, whatever the catalogue holds.
    if (!applies(g, c) || byClock.has(g.definition.clock) || changed.some((d) => d.clock === g.definition.clock))
      continue;
    const d = g.definition;
    const starts =
      (d.startsOn.event !== undefined && d.startsOn.event === c.event.type) ||
      (d.startsOn.state !== undefined && d.startsOn.state === c.toState);
    if (!starts) continue;
    // OSL 5:2: a clock that starts at registration counts from the day the matter arrived.
    const startAt = c.event.type === 'REGISTERED' ? c.receivedAt : now;
    if (suspendedOn(d, localDateOf(startAt))) continue;
    const when = schedule(d, startAt, 0, c.closing);
    changed.push({
      id: randomUUID(),
      caseId: c.caseId,
      escalationId: c.escalationId ?? null,
      guaranteeCode: g.code,
      guaranteeVersion: g.version,
      clock: d.clock,
      state: 'running',
      startedAt: iso(startAt),
      ...when,
      pausedAt: null,
      remaining: null,
      pausedCause: null,
      complementRequestedAt: null,
      extensionWeeks: 0,
      extendedAt: null,
      extensionReason: null,
      metAt: null,
      breachedAt: null,
      feeReductionFifths: null,
      ruleVersion:
        d.ruleVersion === 'PBL-2025' && c.receivedAt < new Date('2025-12-01T00:00:00+01:00')
          ? 'PBL-2018'
          : d.ruleVersion,
      version: 1,
      updatedAt: iso(now),
    });
  }

  for (const dl of existing) {
    // A running clock follows the version it started under, not the catalogue's latest.
    const g = versions.get(versionKey(dl.guaranteeCode, dl.guaranteeVersion));
    if (!g) continue;
    const next = step(dl, g.definition, c);
    if (next) changed.push(next);
  }
  return changed;
}

function step(dl: Deadline, d: GuaranteeDefinition, c: ClockContext): Deadline | null {
  const now = c.now;
  const live = dl.state === 'running' || dl.state === 'paused' || dl.state === 'breached';
  if (!live) return null;

  if (d.cancelsOn.includes(c.toState))
    return bump(dl, now, { state: 'cancelled', pausedAt: null, remaining: null, pausedCause: null });

  if (d.stopsOn.includes(c.toState)) {
    const late = dl.state === 'breached' || (dl.state === 'running' && now.getTime() > new Date(dl.dueAt).getTime());
    let fee: number | null = null;
    if (late && d.onBreach.includes('fee_reduction') && dl.dueDate) {
      // PBL 12:8a: no reduction when the delay comes from a 9:102 decision.
      fee =
        c.event.type === 'DECIDE' && c.event.delayCause === 'pbl_9_102'
          ? 0
          : feeReductionFifths(dl.dueDate, localDateOf(now));
    }
    return bump(dl, now, {
      state: late ? 'met_late' : 'met',
      metAt: iso(now),
      pausedAt: null,
      remaining: null,
      pausedCause: null,
      feeReductionFifths: fee,
    });
  }

  if (c.event.type === 'EXTEND_DEADLINE' && d.clock === 'decision') return extend(dl, d, c, c.event);

  const entersPause = d.pausesIn.includes(c.toState) && !(c.fromState !== null && d.pausesIn.includes(c.fromState));
  const leavesPause = c.fromState !== null && d.pausesIn.includes(c.fromState) && !d.pausesIn.includes(c.toState);

  if (entersPause && dl.state === 'running') {
    if (d.onComplement === 'restart') {
      // PBL 9:99: only a complement ordered within three weeks of the start restarts the
      // limit, and never one ordered after the limit passed (MÖD P 6223-22).
      const withinThreeWeeks = localDateOf(now) <= addDays(localDateOf(new Date(dl.startedAt)), 21);
      if (!withinThreeWeeks || now.getTime() > new Date(dl.dueAt).getTime()) return null;
    }
    return bump(dl, now, {
      state: 'paused',
      pausedAt: iso(now),
      complementRequestedAt: iso(now),
      remaining: leftAtPause(dl, d, now, c.closing),
      pausedCause: c.event.type,
    });
  }

  if (leavesPause && dl.state === 'paused') {
    if (d.onComplement === 'restart') {
      const when = schedule(d, now, dl.extensionWeeks, c.closing);
      return bump(dl, now, {
        state: 'running',
        startedAt: iso(now),
        ...when,
        pausedAt: null,
        remaining: null,
        pausedCause: null,
      });
    }
    const when = resumeDue(d, dl.remaining ?? 0, now, c.closing);
    return bump(dl, now, { state: 'running', ...when, pausedAt: null, remaining: null, pausedCause: null });
  }
  return null;
}

function extend(
  dl: Deadline,
  d: GuaranteeDefinition,
  c: ClockContext,
  { weeks, reason }: Extract<LifecycleEvent, { type: 'EXTEND_DEADLINE' }>,
): Deadline {
  const now = c.now;
  // PBL 9:100: an extension is decided and told before the original limit has passed.
  if (dl.state === 'breached' || (dl.state === 'running' && now.getTime() > new Date(dl.dueAt).getTime())) {
    throw new AppError('event_not_accepted', 'Tidsfristen har redan löpt ut och kan inte förlängas.', [], {
      clock: dl.clock,
    });
  }
  if (dl.state === 'paused') {
    // The extension applies when the clock runs again: a restart adds the weeks to the new
    // period; a paused clock resumes with the weeks added to what it had left.
    const extra =
      d.onComplement === 'restart'
        ? 0
        : d.length.unit === 'hours'
          ? weeks * 7 * 24 * HOUR
          : d.length.unit === 'working_days'
            ? weeks * 5
            : weeks * 7;
    return bump(dl, now, {
      extensionWeeks: weeks,
      extendedAt: iso(now),
      extensionReason: reason,
      remaining: (dl.remaining ?? 0) + extra,
    });
  }
  if (d.length.unit === 'hours' || dl.dueDate === null) {
    return bump(dl, now, {
      extensionWeeks: weeks,
      extendedAt: iso(now),
      extensionReason: reason,
      dueAt: iso(new Date(new Date(dl.dueAt).getTime() + weeks * 7 * 24 * HOUR)),
    });
  }
  const dueDate = addWeeks(dl.dueDate, weeks, c.closing);
  return bump(dl, now, {
    extensionWeeks: weeks,
    extendedAt: iso(now),
    extensionReason: reason,
    dueDate,
    dueAt: iso(endOfStockholmDay(dueDate)),
  });
}
