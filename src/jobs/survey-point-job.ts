import type { AppContext } from '../context.js';
import { handleSurveyPoint, type SurveyOutcome } from '../application/handle-survey-point.js';
import { surveyPointPayload } from '../infra/queue/job-payloads.js';

export async function runSurveyPoint(ctx: AppContext, raw: unknown): Promise<SurveyOutcome> {
  return handleSurveyPoint(ctx, surveyPointPayload.parse(raw));
}
