import type { AppContext } from '../context.js';
import { handleActionPoint, type ActionOutcome } from '../application/handle-action-point.js';
import { actionPointPayload } from '../infra/queue/job-payloads.js';

export async function runActionPoint(ctx: AppContext, raw: unknown): Promise<ActionOutcome> {
  return handleActionPoint(ctx, actionPointPayload.parse(raw));
}
