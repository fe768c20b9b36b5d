import type { Config } from '../config.js';
import type { SurveySettings } from '../domain/survey-schedule.js';

/** The survey's policy, as the configuration states it. */
export function surveySettings(config: Config): SurveySettings {
  return {
    delayWorkingDays: config.SURVEY_DELAY_WORKING_DAYS,
    sendHour: config.SURVEY_SEND_HOUR,
    reminderDays: config.SURVEY_REMINDER_DAYS,
    openDaysAfterLastMail: config.SURVEY_OPEN_DAYS,
  };
}

/** The link a company follows; PUBLIC_BASE_URL may carry a path of its own. */
export const surveyUrl = (config: Config, token: string) =>
  `${config.PUBLIC_BASE_URL.replace(/\/+$/, '')}/survey/${token}`;
