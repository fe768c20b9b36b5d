import { localDateOf } from '../../domain/local-date.js';
import { formatSwedishDate } from '../../domain/working-days.js';
import type { CaseEventRow } from '../../infra/db/audit-repository.js';
import { eventDefinition, lifecycle, type CaseKind } from '../../../workflows/registry.js';

// Only what means something to the company, in its own words. Everything else in the audit
// trail (notes, who routed what, recomputed clocks, revoked links, flagged units) stays inside,
// and no payload ever leaves: a label and a date are all a line carries. Each lifecycle event
// says its own line (workflows/*-events.ts); these are what Handslag records by itself.
const systemLabels: Record<CaseKind, Record<string, string>> = {
  company_case: { REGISTERED: 'Vi tog emot ditt ärende', GUARANTEE_BREACHED: 'Vi höll inte den tid vi lovat' },
  complaint: { REGISTERED: 'Vi tog emot ditt klagomål', GUARANTEE_BREACHED: 'Vi höll inte den tid vi lovat' },
  company_visit: { REGISTERED: 'Besöket planerades' },
};

const historyLine = (kind: CaseKind, machineVersion: string, type: string): string | undefined =>
  systemLabels[kind][type] ?? eventDefinition(lifecycle(kind, machineVersion), type)?.history ?? undefined;

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

export function publicHistory(
  kind: CaseKind,
  machineVersion: string,
  events: CaseEventRow[],
  receivedAt: string,
): PublicHistoryLine[] {
  return events.flatMap((e) => {
    // Who withdrew a complaint is said, so a withdrawal by the municipality never reads as the company's.
    const label =
      kind === 'complaint' && e.type === 'WITHDRAW' && e.payload.withdrawnBy === 'municipality'
        ? 'Kommunen avslutade klagomålet'
        : historyLine(kind, machineVersion, e.type);
    if (!label) return [];
    const later = registeredLaterLabels[kind];
    if (e.type === 'REGISTERED' && later && localDateOf(new Date(receivedAt)) < localDateOf(new Date(e.createdAt)))
      return [line(label, receivedAt), line(later, e.createdAt)];
    return [line(label, e.createdAt)];
  });
}
