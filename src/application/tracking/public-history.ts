import { localDateOf } from '../../domain/local-date.js';
import { formatSwedishDate } from '../../domain/working-days.js';
import type { CaseEventRow } from '../../infra/db/audit-repository.js';

// Only what means something to the company, in its own words. Everything else in the audit
// trail (notes, who routed what, recomputed clocks, revoked links, flagged units) stays inside,
// and no payload ever leaves: a label and a date are all a line carries.
const caseLabels: Record<string, string> = {
  REGISTERED: 'Vi tog emot ditt ärende',
  RESOLVE_AT_FIRST_CONTACT: 'Ärendet löstes direkt',
  ROUTE: 'Ärendet skickades till rätt enhet',
  ASSIGN: 'En handläggare fick ditt ärende',
  START: 'Handläggningen började',
  REQUEST_COMPLEMENT: 'Vi bad dig om komplettering',
  COMPLEMENT_RECEIVED: 'Vi tog emot din komplettering',
  EXTEND_DEADLINE: 'Tidsfristen för beslut förlängdes',
  DECIDE: 'Beslut fattades',
  CLOSE: 'Ärendet avslutades',
  REOPEN: 'Ärendet öppnades igen',
  WITHDRAW: 'Ärendet återkallades',
  GUARANTEE_BREACHED: 'Vi höll inte den tid vi lovat',
};

const complaintLabels: Record<string, string> = {
  REGISTERED: 'Vi tog emot ditt klagomål',
  ACKNOWLEDGE: 'Vi bekräftade klagomålet',
  START_INVESTIGATION: 'Vi började utreda klagomålet',
  ANSWER: 'Vi besvarade klagomålet',
  CLOSE: 'Klagomålet avslutades',
  DISSATISFIED: 'Du sa att du inte var nöjd med svaret',
  WITHDRAW: 'Klagomålet återkallades',
  GUARANTEE_BREACHED: 'Vi höll inte den tid vi lovat',
};

const visitLabels: Record<string, string> = { REGISTERED: 'Besöket planerades', CLOSE: 'Besöket avslutades' };

// A letter registered days after it arrived: the company sent it on the arrival date, so "we
// received it" is dated then, and the registration follows as a line of its own.
const registeredLaterLabels: Record<string, string> = {
  company_case: 'Ärendet registrerades hos oss',
  complaint: 'Klagomålet registrerades hos oss',
};

export interface PublicHistoryLine {
  label: string;
  at: string;
  date: string;
  dateText: string;
}

const line = (label: string, at: string): PublicHistoryLine => {
  const date = localDateOf(new Date(at));
  return { label, at, date, dateText: formatSwedishDate(date) };
};

export function publicHistory(kind: string, events: CaseEventRow[], receivedAt: string): PublicHistoryLine[] {
  const labels = kind === 'complaint' ? complaintLabels : kind === 'company_case' ? caseLabels : visitLabels;
  return events.flatMap((e) => {
    // Who withdrew a complaint is said, so a withdrawal by the municipality never reads as the company's.
    const label =
      kind === 'complaint' && e.type === 'WITHDRAW' && e.payload.withdrawnBy === 'municipality'
        ? 'Kommunen avslutade klagomålet'
        : kind === 'complaint' && e.type === 'WITHDRAW'
          ? 'Du återkallade klagomålet'
          : labels[e.type];
    if (!label) return [];
    const later = registeredLaterLabels[kind];
    if (e.type === 'REGISTERED' && later && localDateOf(new Date(receivedAt)) < localDateOf(new Date(e.createdAt)))
      return [line(label, receivedAt), line(later, e.createdAt)];
    return [line(label, e.createdAt)];
  });
}
