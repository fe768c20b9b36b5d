import { schedule } from './clock-rules.js';
import type { Deadline } from './deadline.js';
import type { Guarantee } from './guarantee.js';
import type { ClosingDays } from './working-days.js';

/** A running clock under a newer guarantee version: the same start, the new length. */
export function applyRecompute(dl: Deadline, g: Guarantee, now: Date, closing: ClosingDays): Deadline {
  const base = { ...dl, guaranteeVersion: g.version, version: dl.version + 1, updatedAt: now.toISOString() };
  // A paused clock keeps what was left; the new length applies from its next start.
  if (dl.state === 'paused') return base;
  return { ...base, ...schedule(g.definition, new Date(dl.startedAt), dl.extensionWeeks, closing) };
}
