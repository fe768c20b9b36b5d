import type { TestApp } from './test-app.js';
import { eventually } from './wait.js';

/**
 * Runs a waiting wake-up now and returns what it did: BullMQ's timer follows real time, the
 * test's clock does not, so a test moves the injected clock and then promotes the job. The
 * job may also have run by real time before the test moved the clock, found itself early and
 * gone back to wait; so it is promoted whenever it is found waiting, until it has completed.
 */
export async function runJobNow(app: TestApp, jobId: string): Promise<unknown> {
  return eventually(
    async () => {
      const j = await app.ctx.queues.deadlines.getJob(jobId);
      if (!j) return null;
      if (await j.isCompleted()) return j.returnvalue as unknown;
      // It can move on between the check and the promotion; the next round looks again.
      if (await j.isDelayed()) await j.promote().catch(() => undefined);
      return null;
    },
    (v) => v !== null,
    `job ${jobId} to complete`,
  );
}
