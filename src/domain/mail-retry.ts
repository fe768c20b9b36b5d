/** How a mail that could not be delivered is tried again (docs/guarantees.md, "E-mail delivered once"). */
export interface MailRetryPolicy {
  /** The wait after the first failed try; it doubles with each try. */
  baseMs: number;
  /** The longest wait between two tries. */
  maxMs: number;
  /** Tries go on until this long after the first one; a try that fails later gives up. */
  giveUpAfterMs: number;
}

export function mailRetryDelayMs(attempts: number, p: MailRetryPolicy): number {
  // 2 ** 40 is far past any sane maximum already; the cap keeps the power finite.
  return Math.min(p.maxMs, p.baseMs * 2 ** Math.min(40, Math.max(0, attempts - 1)));
}

/** When a mail that just failed its `attempts`-th try goes again, or null when it is given up. */
export function nextMailTry(firstTriedAt: Date, attempts: number, now: Date, p: MailRetryPolicy): Date | null {
  if (now.getTime() - firstTriedAt.getTime() >= p.giveUpAfterMs) return null;
  return new Date(now.getTime() + mailRetryDelayMs(attempts, p));
}
