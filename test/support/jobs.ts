import type { TestApp } from './test-app.js';
import { eventually } from './wait.js';

/**
 * Runs a waiting wake-up now and returns what it did: BullMQ's timer follows real time, the
 * test's clock does not, so a test moves the injected clock and then promotes the job.
 */
export async function runJobNow(app: TestApp, jobId: string): Promise<unknown> {
  const job = await app.ctx.queues.deadlines.getJob(jobId);
  if (job && (await job.isDelayed())) await job.promote();
  return eventually(
    async () => {
      const j = await app.ctx.queues.deadlines.getJob(jobId);
      return j && (await j.isCompleted()) ? (j.returnvalue as unknown) : null;
    },
    (v) => v !== null,
    `job ${jobId} to complete`,
  );
}
