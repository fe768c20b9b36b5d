import type { AppContext } from '../context.js';
import { handleDeadlinePoint, type PointOutcome } from '../application/handle-deadline-point.js';
import { deadlinePointPayload } from '../infra/queue/job-payloads.js';

export async function runDeadlinePoint(ctx: AppContext, raw: unknown): Promise<PointOutcome> {
  return handleDeadlinePoint(ctx, deadlinePointPayload.parse(raw));
}
