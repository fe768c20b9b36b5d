import type { AppContext } from '../../context.js';
import { findCategory } from '../../domain/categories.js';
import { versionKey } from '../../domain/clock-rules.js';
import type { Deadline } from '../../domain/deadline.js';
import { localDateOf } from '../../domain/local-date.js';
import { promisedDate, promisedDateText } from '../../domain/promised-date.js';
import { remainingOf } from '../../domain/remaining.js';
import { isUnit, units } from '../../domain/units.js';
import { formatSwedishDate, formatSwedishTime } from '../../domain/working-days.js';
import { lifecycle, pauseTexts, stateInfo } from '../../../workflows/registry.js';
import { listCaseEvents, type CaseEventRow } from '../../infra/db/audit-repository.js';
import { findCase } from '../../infra/db/case-repository.js';
import { findCompanies } from '../../infra/db/company-repository.js';
import { deadlinesOfCase } from '../../infra/db/deadline-repository.js';
import { findUserById } from '../../infra/db/user-repository.js';
import { nextStepOf } from './next-step.js';
import { publicHistory } from './public-history.js';
import type { PublicCase } from './public-case-schema.js';
import type { Tracked } from './resolve-tracking.js';
import { trackingUrlOf } from './tracking-links.js';
import { decisionOutcomeText } from '../../domain/decision-outcomes.js';

type ViewContext = Pick<AppContext, 'config' | 'db' | 'clock' | 'reference'>;
type PublicDeadlineState = PublicCase['guarantees'][number]['state'];

const kindLabels: Record<string, string> = {
  company_case: 'Ärende',
  complaint: 'Klagomål',
  company_visit: 'Företagsbesök',
};

const publicClockStates: Record<PublicDeadlineState, string> = {
  running: 'Pågår',
  // A paused clock says why, from the event that paused it (pauseTexts).
  paused: 'Står still',
  met: 'Klart i tid',
  met_late: 'Klart, men senare än vi lovat',
  breached: 'Försenat',
};

const outcomeText = decisionOutcomeText;

// Förvaltningslagen 33 § (how to appeal, with the decision) and 44 § (three weeks, sent to us).
const appealText = (reference: string) =>
  'Om du inte är nöjd med beslutet kan du överklaga det. Skicka överklagandet till oss inom tre veckor ' +
  'från den dag du fick del av beslutet. ' +
  `Skriv ärendenumret ${reference}, vilket beslut du överklagar och vilken ändring du vill ha. ` +
  'Vi prövar först om vi själva ska ändra beslutet. Annars skickar vi överklagandet vidare till den som prövar det.';

const dated = (iso: string) => {
  const date = localDateOf(new Date(iso));
  return { date, dateText: formatSwedishDate(date) };
};
const dueText = (d: Deadline) =>
  d.dueDate
    ? formatSwedishDate(d.dueDate)
    : `${formatSwedishDate(localDateOf(new Date(d.dueAt)))} ${formatSwedishTime(new Date(d.dueAt))}`;
const lastOf = (events: CaseEventRow[], type: string) => [...events].reverse().find((e) => e.type === type);
const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;

interface SnapshotContext {
  decision?: { outcome: string; reasoning: string; decidedBy: string | null } | null;
  extension?: { reason: string; weeks: number } | null;
  answer?: { answer: string; measures: string } | null;
  resolution?: string | null;
  dissatisfiedCount?: number;
  withdrawReason?: string | null;
  withdrawnBy?: 'complainant' | 'municipality' | null;
}

// A complaint withdrawn before who withdrew it was recorded was the complainant's own.
const withdrawnByOf = (kind: string, c: SnapshotContext) =>
  kind === 'complaint' && c.withdrawReason !== undefined && c.withdrawReason !== null
    ? (c.withdrawnBy ?? 'complainant')
    : null;

/** Who withdrew a complaint is part of its status: the company must never read our withdrawal as its own. */
function publicStatusLabel(kind: string, status: string, label: string, c: SnapshotContext): string {
  if (kind !== 'complaint' || status !== 'withdrawn') return label;
  return withdrawnByOf(kind, c) === 'municipality'
    ? 'Kommunen har avslutat klagomålet'
    : 'Du har återkallat klagomålet';
}

/** The company's view of its case: plain Swedish, public fields only (docs/tracking.md). */
export async function publicCaseView(ctx: ViewContext, tracked: Tracked): Promise<PublicCase> {
  const { row, generation, keys } = tracked;
  const { db } = ctx;
  const now = ctx.clock.now();
  const lc = lifecycle(row.kind, row.machineVersion);
  const state = stateInfo(lc, row.status);
  const snapshotContext = ((row.snapshot as { context?: SnapshotContext }).context ?? {}) as SnapshotContext;

  const [events, deadlines, closing] = await Promise.all([
    listCaseEvents(db, row.id),
    deadlinesOfCase(db, row.id),
    ctx.reference.closingDays(db),
  ]);
  const guarantees = await ctx.reference.guaranteeVersions(
    db,
    deadlines.map((d) => ({ code: d.guaranteeCode, version: d.guaranteeVersion })),
  );
  const company = row.companyId ? (await findCompanies(db, [row.companyId])).get(row.companyId) : undefined;
  // A complaint is investigated by the officer it is given to, or else by the manager who
  // acknowledged it: the acknowledgement guarantee promises the company that person's name.
  const acknowledgedBy =
    row.kind === 'complaint' && !row.assigneeId ? lastOf(events, 'ACKNOWLEDGE')?.actorId : undefined;
  const handlerId = row.assigneeId ?? acknowledgedBy ?? null;
  const assignee = handlerId ? await findUserById(db, handlerId) : undefined;
  const related = row.relatedCaseId ? await findCase(db, row.relatedCaseId) : undefined;

  const clockOf = (clock: string) =>
    deadlines.find((d) => d.clock === clock && (d.state === 'running' || d.state === 'breached'));
  const dueOf = (clock: string) => {
    const d = clockOf(clock);
    return d ? promisedDate(d, now, closing) : null;
  };
  const unitLabel = row.unit && isUnit(row.unit) ? units[row.unit] : null;
  const officerFirstName = assignee ? firstName(assignee.name) : null;

  const waiting = row.kind === 'company_case' && row.status === 'awaiting_complement';
  const request = waiting ? lastOf(events, 'REQUEST_COMPLEMENT') : undefined;
  const complement = request
    ? {
        message: String(request.payload.message ?? ''),
        dueDate: typeof request.payload.dueDate === 'string' ? request.payload.dueDate : null,
        dueDateText: typeof request.payload.dueDate === 'string' ? formatSwedishDate(request.payload.dueDate) : null,
        requested: dated(request.createdAt),
      }
    : null;
  const decisionClock = deadlines.find((d) => d.clock === 'decision' && d.state === 'paused');
  const pbl = findCategory(row.category)?.pbl ?? false;
  const step = nextStepOf({
    kind: row.kind,
    status: row.status,
    officerFirstName,
    unitLabel,
    complement: complement ? { message: complement.message, dueDateText: complement.dueDateText } : null,
    clockEffect: decisionClock ? (pbl ? 'restart' : 'pause') : 'none',
    decisionDue: dueOf('decision'),
    ackDue: dueOf('complaint_ack'),
    answerDue: dueOf('complaint_answer'),
    reviewDue: dueOf('complaint_review'),
    reviewed: (snapshotContext.dissatisfiedCount ?? 0) > 0,
    withdrawnBy: withdrawnByOf(row.kind, snapshotContext),
  });
  const resolved =
    row.kind === 'company_case' && row.status === 'resolved_at_first_contact' && snapshotContext.resolution
      ? lastOf(events, 'RESOLVE_AT_FIRST_CONTACT')
      : undefined;

  const decided = row.kind === 'company_case' && snapshotContext.decision ? snapshotContext.decision : null;
  const decideEvent = decided ? lastOf(events, 'DECIDE') : undefined;
  const fifths = deadlines.find((d) => d.clock === 'decision')?.feeReductionFifths ?? 0;
  const token = keys.token(row.id, generation);
  const base = trackingUrlOf(ctx.config, token);

  return {
    reference: row.reference,
    kind: row.kind,
    kindLabel: kindLabels[row.kind] ?? 'Ärende',
    subject: row.subject,
    categoryLabel: findCategory(row.category)?.label ?? row.category,
    companyName: company?.name ?? null,
    received: dated(row.receivedAt),
    status: {
      code: row.status,
      label: publicStatusLabel(row.kind, row.status, state.publicLabel, snapshotContext),
      open: state.open,
    },
    ...step,
    complement,
    guarantees: deadlines
      // A case resolved at the desk promised nothing: no clock of it is shown as a promise.
      .filter(
        (d): d is Deadline & { state: PublicDeadlineState } =>
          d.state !== 'cancelled' && row.status !== 'resolved_at_first_contact',
      )
      .map((d) => {
        const promise = d.state === 'running' || d.state === 'breached' ? promisedDate(d, now, closing) : null;
        return {
          label: guarantees.get(versionKey(d.guaranteeCode, d.guaranteeVersion))?.definition.label ?? 'Servicegaranti',
          state: d.state,
          stateLabel:
            d.state === 'paused' ? `Står still ${pauseTexts(d.pausedCause).public}` : publicClockStates[d.state],
          dueDate: d.state === 'paused' ? null : d.dueDate,
          dueText: d.state === 'paused' ? `Räknas igen ${pauseTexts(d.pausedCause).publicUntil}` : dueText(d),
          promise: promise ? promisedDateText(promise) : null,
          lateWorkingDays: promise?.lateWorkingDays ?? null,
          remaining: d.state === 'running' || d.state === 'breached' ? remainingOf(d, now, closing).text : null,
          extended: d.extendedAt !== null,
        };
      }),
    extension:
      row.kind === 'company_case' && snapshotContext.extension
        ? { reason: snapshotContext.extension.reason, weeks: snapshotContext.extension.weeks }
        : null,
    unit: row.unit && unitLabel ? { code: row.unit, label: unitLabel } : null,
    officer: officerFirstName ? { firstName: officerFirstName } : null,
    decision: decided
      ? {
          outcome: decided.outcome,
          outcomeText: outcomeText[decided.outcome] ?? 'Vi har fattat beslut i ditt ärende.',
          reasoning: decided.reasoning,
          decidedBy: decided.decidedBy ?? null,
          ...dated(decideEvent?.createdAt ?? row.updatedAt),
          feeReduction:
            fifths > 0
              ? `Vi höll inte tidsfristen. Därför sänks avgiften med ${fifths === 5 ? 'hela beloppet' : `${fifths} femtedel${fifths > 1 ? 'ar' : ''}`}.`
              : null,
          appeal: appealText(row.reference),
        }
      : null,
    answer:
      row.kind === 'complaint' && !row.anonymous && snapshotContext.answer
        ? { answer: snapshotContext.answer.answer, measures: snapshotContext.answer.measures }
        : null,
    resolution: resolved ? { text: snapshotContext.resolution!, ...dated(resolved.createdAt) } : null,
    withdrawal:
      row.status === 'withdrawn' && row.kind === 'complaint'
        ? {
            by: withdrawnByOf(row.kind, snapshotContext) ?? 'complainant',
            reason:
              withdrawnByOf(row.kind, snapshotContext) === 'municipality'
                ? (snapshotContext.withdrawReason ?? null)
                : null,
          }
        : null,
    relatedReference: row.kind === 'complaint' && related ? related.reference : null,
    history: publicHistory(row.kind, row.machineVersion, events, row.receivedAt),
    forms: {
      complement: waiting
        ? { action: `${base}/complement`, formToken: keys.form(row.id, generation, 'complement') }
        : null,
      complaint:
        row.kind === 'company_case'
          ? { action: `${base}/complaint`, formToken: keys.form(row.id, generation, 'complaint') }
          : null,
    },
  };
}
