import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config.js';
import {
  invitationAt,
  stockholmMonthOf,
  surveyJobIdOf,
  surveyPlan,
  type SurveySettings,
} from '../../src/domain/survey-schedule.js';
import { formatSwedishDate } from '../../src/domain/working-days.js';

const settings: SurveySettings = {
  delayWorkingDays: 2,
  sendHour: 9,
  reminderDays: [5, 10, 15],
  openDaysAfterLastMail: 7,
};
const none = new Set<string>();

describe('when the follow-up survey goes out', () => {
  it('invites two working days after a Friday closing, on Tuesday at 09.00 Stockholm time', () => {
    expect(invitationAt(new Date('2026-11-27T14:00:00+01:00'), settings, none).toISOString()).toBe(
      '2026-12-01T08:00:00.000Z',
    );
  });

  it('counts a Saturday closing like a Friday one', () => {
    expect(invitationAt(new Date('2026-11-28T11:00:00+01:00'), settings, none).toISOString()).toBe(
      '2026-12-01T08:00:00.000Z',
    );
  });

  it('skips julafton, juldagen, annandag jul and the weekend', () => {
    expect(invitationAt(new Date('2026-12-23T10:00:00+01:00'), settings, none).toISOString()).toBe(
      '2026-12-29T08:00:00.000Z',
    );
  });

  it('skips a local closing day', () => {
    expect(invitationAt(new Date('2026-11-27T14:00:00+01:00'), settings, new Set(['2026-11-30'])).toISOString()).toBe(
      '2026-12-02T08:00:00.000Z',
    );
  });

  it('keeps 09.00 across Easter into summer time', () => {
    // Thursday 25 March 2027; långfredagen and annandag påsk are not working days, and summer
    // time starts on påskdagen: 09.00 on Wednesday 31 March is 07.00 UTC.
    expect(invitationAt(new Date('2027-03-25T15:00:00+01:00'), settings, none).toISOString()).toBe(
      '2027-03-31T07:00:00.000Z',
    );
  });

  it('uses the configured delay and hour', () => {
    expect(
      invitationAt(
        new Date('2026-11-27T14:00:00+01:00'),
        { ...settings, delayWorkingDays: 5, sendHour: 13 },
        none,
      ).toISOString(),
    ).toBe('2026-12-04T12:00:00.000Z');
  });

  it('reminds 5, 10 and 15 days after the invitation, a Sunday moved to Monday, and closes a week after the last', () => {
    const plan = surveyPlan(new Date('2026-12-01T08:00:00.000Z'), settings, none);
    expect(plan.reminders.map((r) => [r.point, r.at.toISOString()])).toEqual([
      ['remind-1', '2026-12-07T08:00:00.000Z'], // söndag 6 december → måndag 7 december
      ['remind-2', '2026-12-11T08:00:00.000Z'],
      ['remind-3', '2026-12-16T08:00:00.000Z'],
    ]);
    expect(formatSwedishDate(plan.lastDay)).toBe('onsdag 23 december 2026');
    expect(plan.expiresAt.toISOString()).toBe('2026-12-23T23:00:00.000Z'); // midnatt mot torsdag 24 december
  });

  it('closes N days after the invitation when there are no reminders', () => {
    const plan = surveyPlan(new Date('2026-12-01T08:00:00.000Z'), { ...settings, reminderDays: [] }, none);
    expect(plan.reminders).toEqual([]);
    expect(plan.lastDay).toBe('2026-12-08');
  });

  it('names the Stockholm month, not the UTC one', () => {
    expect(stockholmMonthOf(new Date('2026-11-30T23:30:00.000Z'))).toBe('2026-12');
  });

  it('gives each wake-up a deterministic job id without colons', () => {
    expect(surveyJobIdOf('0b6f4f2e-1f7c-4a57-9d1e-0d7c2f0a1b2c', 2, 'remind-1')).toBe(
      'survey-0b6f4f2e-1f7c-4a57-9d1e-0d7c2f0a1b2c-v2-remind-1',
    );
  });
});

describe('survey configuration', () => {
  const parse = (env: Record<string, string>) => configSchema.safeParse(env);

  it('defaults to two working days, 09.00 and reminders after 5, 10 and 15 days', () => {
    const c = configSchema.parse({});
    expect([c.SURVEY_DELAY_WORKING_DAYS, c.SURVEY_SEND_HOUR, c.SURVEY_REMINDER_DAYS, c.SURVEY_OPEN_DAYS]).toEqual([
      2,
      9,
      [5, 10, 15],
      7,
    ]);
  });

  it('takes fewer reminders, or none', () => {
    expect(configSchema.parse({ SURVEY_REMINDER_DAYS: '7' }).SURVEY_REMINDER_DAYS).toEqual([7]);
    expect(configSchema.parse({ SURVEY_REMINDER_DAYS: '' }).SURVEY_REMINDER_DAYS).toEqual([]);
  });

  it.each(['1,2,3,4', '10,5', '0,5', 'fem'])('refuses SURVEY_REMINDER_DAYS=%s', (value) => {
    const r = parse({ SURVEY_REMINDER_DAYS: value });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['SURVEY_REMINDER_DAYS']);
  });
});
