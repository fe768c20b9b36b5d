export const deadlineStates = ['running', 'paused', 'met', 'met_late', 'breached', 'cancelled'] as const;
export type DeadlineState = (typeof deadlineStates)[number];

/** One guarantee clock of one case. Times are ISO 8601 UTC; `dueDate` is a Stockholm date. */
export interface Deadline {
  id: string;
  /** The owner: a case, or an escalation to the service group (exactly one is set). */
  caseId: string | null;
  escalationId: string | null;
  guaranteeCode: string;
  guaranteeVersion: number;
  clock: string;
  state: DeadlineState;
  startedAt: string;
  dueDate: string | null;
  dueAt: string;
  pausedAt: string | null;
  /** While paused: working days (working calendar), calendar days (calendar_days/weeks) or ms (hours). */
  remaining: number | null;
  /** While paused: the event type that paused it; null on clocks paused before causes were kept. */
  pausedCause: string | null;
  complementRequestedAt: string | null;
  extensionWeeks: number;
  extendedAt: string | null;
  extensionReason: string | null;
  metAt: string | null;
  breachedAt: string | null;
  feeReductionFifths: number | null;
  ruleVersion: string | null;
  version: number;
  updatedAt: string;
}

export const isLive = (d: Deadline) => d.state === 'running' || d.state === 'paused' || d.state === 'breached';

export const deadlineStateLabels: Record<DeadlineState, string> = {
  running: 'Pågår',
  paused: 'Pausad i väntan på komplettering',
  met: 'Hållen',
  met_late: 'Klar efter utlovad tid',
  breached: 'Överskriden',
  cancelled: 'Gäller inte längre',
};
