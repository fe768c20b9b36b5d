import { addDays, localDateOf, type LocalDate } from './local-date.js';
import { addCalendarDays, addWorkingDays, nextWorkingDay, stockholmInstant, type ClosingDays } from './working-days.js';

/** When the follow-up survey goes out and how long it stays open (policy, from the configuration). */
export interface SurveySettings {
  /** Working days after the day the case closed. */
  delayWorkingDays: number;
  /** Stockholm hour at which invitations and reminders go out. */
  sendHour: number;
  /** Calendar days after the invitation, at most three; a day off moves to the next working day. */
  reminderDays: readonly number[];
  /** Calendar days the survey stays open after the last mail (the invitation if there are no reminders). */
  openDaysAfterLastMail: number;
}

export type SurveyPoint = 'invite' | 'remind-1' | 'remind-2' | 'remind-3' | 'expire';

export interface SurveyWakeUp {
  point: SurveyPoint;
  at: Date;
}

export const surveyJobIdOf = (surveyId: string, version: number, point: SurveyPoint) =>
  `survey-${surveyId}-v${version}-${point}`;

/**
 * The invitation: `delayWorkingDays` working days after the Stockholm day the case closed, at
 * the send hour. A case closed on a Saturday counts from the Saturday, so two working days
 * land on Tuesday, as they would from Friday.
 */
export function invitationAt(closedAt: Date, s: SurveySettings, closing: ClosingDays): Date {
  const day = nextWorkingDay(addWorkingDays(localDateOf(closedAt), s.delayWorkingDays, closing), closing);
  return stockholmInstant(day, s.sendHour);
}

export interface SurveyPlan {
  reminders: SurveyWakeUp[];
  /** The last Stockholm day on which an answer is taken. */
  lastDay: LocalDate;
  /** The first instant at which it is not: midnight after `lastDay`. */
  expiresAt: Date;
}

/** Reminders and closing, counted from the day the invitation actually went out. */
export function surveyPlan(invitedAt: Date, s: SurveySettings, closing: ClosingDays): SurveyPlan {
  const invited = localDateOf(invitedAt);
  const reminders = s.reminderDays.slice(0, 3).map((days, i) => ({
    point: `remind-${i + 1}` as SurveyPoint,
    at: stockholmInstant(addCalendarDays(invited, days, closing), s.sendHour),
  }));
  const lastMail = reminders.length ? localDateOf(reminders[reminders.length - 1]!.at) : invited;
  const lastDay = addDays(lastMail, s.openDaysAfterLastMail);
  return { reminders, lastDay, expiresAt: stockholmInstant(addDays(lastDay, 1)) };
}

/** Stockholm month "YYYY-MM" of an instant: the month a case closed, as reports group it. */
export const stockholmMonthOf = (at: Date): string => localDateOf(at).slice(0, 7);
