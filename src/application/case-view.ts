import type { Knex } from 'knex';
import type { Config } from '../config.js';
import { findCategory } from '../domain/categories.js';
import { maskedCompanyId } from '../domain/org-number.js';
import { mayActOn, type Actor } from '../domain/roles.js';
import { complaintConcernLabels, type ComplaintConcern } from '../../workflows/complaint-events.js';
import { acceptedEventTypes, lifecycle, pauseTexts, restoreSnapshot, stateInfo } from '../../workflows/registry.js';
import type { CaseRow } from '../infra/db/case-repository.js';
import { findCompanies, findContact } from '../infra/db/company-repository.js';
import { findUsersByIds } from '../infra/db/user-repository.js';
import type { CaseView } from './case-view-schema.js';
import type { Clock } from '../domain/clock.js';
import { versionKey } from '../domain/clock-rules.js';
import { deadlineStateLabels, type Deadline } from '../domain/deadline.js';
import type { Guarantee } from '../domain/guarantee.js';
import { promisedDate, promisedDateText } from '../domain/promised-date.js';
import { remainingOf } from '../domain/remaining.js';
import { formatSwedishDate } from '../domain/working-days.js';
import { deadlinesOfCases } from '../infra/db/deadline-repository.js';
import type { ReferenceData } from '../infra/db/reference-data.js';
import { notificationsOfCase } from '../infra/db/notification-repository.js';
import { contextOf, escalationsOfCase } from '../infra/db/escalation-repository.js';
import { currentTrackingUrl } from './tracking/tracking-links.js';
import { visitDetails } from './record-visit.js';

export interface ViewContext {
  config: Config;
  db: Knex;
  clock: Clock;
  reference: ReferenceData;
}

/** A clock as staff read it: Swedish dates and the working time left. */
export function deadlineView(d: Deadline, guarantees: Map<string, Guarantee>, now: Date, closing: Set<string>) {
  const left = remainingOf(d, now, closing);
  return {
    id: d.id,
    clock: d.clock,
    label: guarantees.get(versionKey(d.guaranteeCode, d.guaranteeVersion))?.definition.label ?? d.clock,
    state: d.state,
    stateLabel: d.state === 'paused' ? `Pausad ${pauseTexts(d.pausedCause).staff}` : deadlineStateLabels[d.state],
    startedAt: d.startedAt,
    dueDate: d.dueDate,
    dueDateText: d.dueDate ? formatSwedishDate(d.dueDate) : null,
    dueAt: d.dueAt,
    promiseText:
      d.state === 'running' || d.state === 'breached' ? promisedDateText(promisedDate(d, now, closing)) : null,
    remaining: left.text,
    remainingWorkingDays: left.workingDays,
    remainingMs: left.ms,
    extendedAt: d.extendedAt,
    extensionReason: d.extensionReason,
    feeReductionFifths: d.feeReductionFifths,
    ruleVersion: d.ruleVersion,
    guaranteeCode: d.guaranteeCode,
    guaranteeVersion: d.guaranteeVersion,
    version: d.version,
  };
}

/** The tables a case sits or sat at, newest first. */
async function serviceGroupOf(db: Knex, caseId: string) {
  return (await escalationsOfCase(db, caseId)).map((e) => {
    const state = stateInfo(lifecycle('service_group', e.machineVersion), e.status);
    return {
      id: e.id,
      status: e.status,
      statusLabel: state.label,
      open: state.open,
      meetingStartsAt: contextOf(e).meeting?.startsAt ?? null,
    };
  });
}

/** Events the machine accepts now, narrowed to those this actor may send. */
export function allowedEventsFor(actor: Actor, row: CaseRow): string[] {
  const lc = lifecycle(row.kind, row.machineVersion);
  const snapshot = restoreSnapshot(lc, row.snapshot);
  return acceptedEventTypes(lc, snapshot).filter((type) => mayActOn(actor, row, type));
}

// What the lifecycle has recorded that a reader of the case needs (decision, extension …).
function detailsOf(row: CaseRow): Record<string, unknown> {
  const ctx = (row.snapshot as { context?: Record<string, unknown> }).context ?? {};
  const { assigneeId: _a, unit: _u, anonymous: _n, ...rest } = ctx;
  return rest;
}

/**
 * `full` is the single-case view; lists get a lighter one without the contact's personal
 * data and with a sole trader's personnummer masked.
 */
export async function toCaseViews(ctx: ViewContext, actor: Actor, rows: CaseRow[], full: boolean): Promise<CaseView[]> {
  const { db } = ctx;
  const now = ctx.clock.now();
  const deadlines = await deadlinesOfCases(
    db,
    rows.map((r) => r.id),
  );
  const allDeadlines = [...deadlines.values()].flat();
  const guarantees = await ctx.reference.guaranteeVersions(db, [
    ...new Map(
      allDeadlines.map((d) => [
        versionKey(d.guaranteeCode, d.guaranteeVersion),
        { code: d.guaranteeCode, version: d.guaranteeVersion },
      ]),
    ).values(),
  ]);
  const closing = allDeadlines.length ? await ctx.reference.closingDays(db) : new Set<string>();
  const companies = await findCompanies(
    db,
    rows.flatMap((r) => (r.companyId ? [r.companyId] : [])),
  );
  const users = await findUsersByIds(
    db,
    rows.flatMap((r) => (r.assigneeId ? [r.assigneeId] : [])),
  );
  const views: CaseView[] = [];
  for (const row of rows) {
    const lc = lifecycle(row.kind, row.machineVersion);
    const state = stateInfo(lc, row.status);
    const company = row.companyId ? companies.get(row.companyId) : undefined;
    const assignee = row.assigneeId ? users.get(row.assigneeId) : undefined;
    const contact = full && row.contactId ? await findContact(db, row.contactId) : undefined;
    views.push({
      id: row.id,
      reference: row.reference,
      kind: row.kind,
      category: row.category,
      categoryLabel: findCategory(row.category)?.label ?? row.category,
      channel: row.channel,
      status: row.status,
      statusLabel: state.label,
      open: state.open,
      version: row.version,
      allowedEvents: allowedEventsFor(actor, row),
      subject: row.subject,
      description: row.description,
      unit: row.unit,
      company: company
        ? {
            id: company.id,
            orgNumber: full ? company.orgNumber : maskedCompanyId(company.idKind, company.orgNumber),
            name: company.name,
            nameGiven: row.companyName,
            idKind: company.idKind,
          }
        : null,
      contact: contact ? { name: contact.name, email: contact.email, phone: contact.phone } : null,
      assignee: assignee ? { id: assignee.id, name: assignee.name, unit: assignee.unit } : null,
      relatedCaseId: row.relatedCaseId,
      ...(row.kind === 'complaint'
        ? {
            concerns: (row.concerns ?? []).map((code) => ({
              code,
              label: complaintConcernLabels[code as ComplaintConcern] ?? code,
            })),
            anonymous: row.anonymous,
          }
        : {}),
      deadlines: (deadlines.get(row.id) ?? []).map((d) => deadlineView(d, guarantees, now, closing)),
      ...(full
        ? {
            notifications: (await notificationsOfCase(db, row.id)).map((n) => ({
              key: n.key,
              template: n.template,
              audience: n.audience,
              recipient: n.recipient,
              status: n.status,
              attempts: n.attempts,
              lastError: n.lastError,
              sentAt: n.sentAt,
              createdAt: n.createdAt,
            })),
          }
        : {}),
      ...(full && row.kind === 'company_visit' ? { visit: await visitDetails(db, row.id) } : {}),
      involvedUnits: row.involvedUnits ?? [],
      ...(full ? { serviceGroup: await serviceGroupOf(db, row.id) } : {}),
      // The link the company follows its case by, to give it over the phone (docs/tracking.md).
      ...(full ? { trackingUrl: await currentTrackingUrl(ctx.config, db, row.id) } : {}),
      details: full ? detailsOf(row) : {},
      receivedAt: row.receivedAt,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      closedAt: row.closedAt,
    });
  }
  return views;
}

export async function toCaseView(ctx: ViewContext, actor: Actor, row: CaseRow): Promise<CaseView> {
  const [view] = await toCaseViews(ctx, actor, [row], true);
  return view!;
}
