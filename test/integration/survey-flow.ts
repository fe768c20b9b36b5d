import type { ParsedMail } from 'mailparser';
import { surveyJobIdOf } from '../../src/domain/survey-schedule.js';
import { companyCaseBody, register, send } from '../support/fixtures.js';
import { runJobNow } from '../support/jobs.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { startTestApp, type TestApp, type TestAppOptions, type TestUser } from '../support/test-app.js';
import { eventually } from '../support/wait.js';

// Shared steps of the survey tests: a company case taken to "Avslutat" over HTTP, its survey
// row, and the invitation mail with its link.

export interface SurveyWorld {
  app: TestApp;
  smtp: SmtpSink;
  desk: TestUser;
  officer(unit: string): Promise<TestUser>;
  close(): Promise<void>;
}

export async function startSurveyWorld(options: TestAppOptions = {}): Promise<SurveyWorld> {
  const smtp = await startSmtpSink();
  const app = await startTestApp({ now: '2026-11-23T09:00:00+01:00', worker: true, smtpUrl: smtp.url, ...options });
  const desk = await app.user('registrar');
  const officers = new Map<string, TestUser>();
  return {
    app,
    smtp,
    desk,
    async officer(unit) {
      if (!officers.has(unit)) officers.set(unit, await app.user('officer', unit));
      return officers.get(unit)!;
    },
    async close() {
      await app.close();
      await smtp.stop();
    },
  };
}

let serial = 0;
/** A contact of its own for each case, so mails are told apart by recipient. */
export const contactFor = (who: string) => ({
  name: `${who} Svensson`,
  email: `${who.toLowerCase()}.${++serial}@foretag.example`,
});

/** Registers, routes, assigns, decides and, at `closeAt`, closes a company case. */
export async function closedCase(w: SurveyWorld, body: Record<string, unknown>, closeAt: string, unit = 'bygglov') {
  const c = await register(w.app, w.desk, companyCaseBody(body));
  const officer = await w.officer(unit);
  await send(w.app, w.desk, c.id, 'ROUTE', { unit });
  await send(w.app, officer, c.id, 'ASSIGN', { assigneeId: officer.id });
  await send(w.app, officer, c.id, 'START');
  await send(w.app, officer, c.id, 'DECIDE', { outcome: 'approved', reasoning: 'Ansökan uppfyller kraven.' });
  w.app.clock.set(closeAt);
  await send(w.app, officer, c.id, 'CLOSE');
  return c as { id: string; reference: string };
}

/** Waits until every outbox row of the case has been dispatched, survey work included. */
export async function settled(app: TestApp, caseId: string): Promise<void> {
  await eventually(
    () => app.ctx.db('outbox').where({ case_id: caseId }).whereNull('dispatched_at').count({ n: '*' }).first(),
    (r: any) => Number(r.n) === 0,
    'the case outbox to be dispatched',
  );
}

export async function surveyOf(app: TestApp, caseId: string): Promise<any> {
  return eventually(() => app.ctx.db('surveys').where({ case_id: caseId }).first(), Boolean, 'the survey row');
}

const linkPattern = /http:\/\/localhost:3000\/survey\/([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/;
export const tokenIn = (mail: ParsedMail): string => {
  const m = linkPattern.exec(mail.text ?? '');
  if (!m) throw new Error(`no survey link in "${mail.subject}"`);
  return m[1]!;
};

export const isInvitation = (m: ParsedMail) => (m.subject ?? '').startsWith('Vad tyckte du om vår service');
export const isReminder = (m: ParsedMail) => (m.subject ?? '').startsWith('Påminnelse: vad tyckte du om vår service');
export const surveyMails = (w: SurveyWorld, email: string) =>
  w.smtp.to(email).filter((m) => isInvitation(m) || isReminder(m));

/** Moves the clock to the survey's send time, runs the invitation and returns its link. */
export async function invited(
  w: SurveyWorld,
  caseId: string,
  email: string,
): Promise<{ survey: any; token: string; mail: ParsedMail }> {
  await settled(w.app, caseId);
  const s = await surveyOf(w.app, caseId);
  w.app.clock.set(s.send_after);
  const outcome = await runJobNow(w.app, surveyJobIdOf(s.id, Number(s.version), 'invite'));
  if ((outcome as { result: string }).result !== 'invited')
    throw new Error(`invitation did not go: ${JSON.stringify(outcome)}`);
  await w.smtp.waitFor(() => w.smtp.to(email).some(isInvitation), 'the survey invitation');
  const mail = w.smtp.to(email).find(isInvitation)!;
  return { survey: await surveyOf(w.app, caseId), token: tokenIn(mail), mail };
}

export const goodAnswer = {
  nkiOverall: 8,
  nkiExpectations: 7,
  nkiIdeal: 7,
  information: 5,
  tillganglighet: 4,
  bemotande: 5,
  kompetens: 6,
  rattssakerhet: null,
  effektivitet: 4,
  comment: 'Tydligt besked och snabbt svar.',
};
