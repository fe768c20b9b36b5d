import type { AppContext } from '../context.js';
import { handleSendMail, type MailOutcome } from '../application/handle-send-mail.js';
import { sendMailPayload } from '../infra/queue/job-payloads.js';

export async function runSendMail(ctx: AppContext, raw: unknown): Promise<MailOutcome> {
  return handleSendMail(ctx, sendMailPayload.parse(raw));
}
