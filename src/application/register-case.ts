import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { AppContext } from '../context.js';
import { findCategory } from '../domain/categories.js';
import { AppError, type FieldError } from '../domain/errors.js';
import { localDateOf } from '../domain/local-date.js';
import { parseCompanyId, type CompanyId } from '../domain/org-number.js';
import { canSeeCase, mayRegister, type Actor } from '../domain/roles.js';
import { persistSnapshot, startCase } from '../../workflows/registry.js';
import { findCase, insertCase, type CaseRow } from '../infra/db/case-repository.js';
import { insertCaseEvent, insertOutbox } from '../infra/db/audit-repository.js';
import { insertContact, upsertCompany } from '../infra/db/company-repository.js';
import { nextReference } from '../infra/db/reference-counter.js';
import { iso } from '../infra/db/rows.js';
import type { RegisterCaseInput } from './register-case-input.js';
import { queueCompanyNotices } from './case-notices.js';
import { queueComplaintStaffNotices } from './complaint-notices.js';
import { updateClocks } from './update-clocks.js';
import { proposeIfMultiUnit } from './open-escalation.js';
import { recordSurveyConsent, surveyConsentErrors } from './survey-consent.js';

const kindWords = { company_case: 'företagsärenden', complaint: 'klagomål', company_visit: 'företagsbesök' } as const;
const defaultCategory = { company_case: 'ovrigt', complaint: 'klagomal', company_visit: 'foretagsbesok' } as const;

/** Rules across fields, reported together so a form can mark every wrong field at once. */
export function crossFieldErrors(input: RegisterCaseInput, now: Date): { errors: FieldError[]; companyId: CompanyId | null } {
  const errors: FieldError[] = [];
  const isComplaint = input.kind === 'complaint';
  if (input.category) {
    const category = findCategory(input.category);
    if (category && category.kind !== input.kind) errors.push({ path: 'category', message: `Kategorin ${input.category} gäller inte ${kindWords[input.kind]}.` });
  } else if (input.kind === 'company_case') {
    errors.push({ path: 'category', message: 'Ange en kategori.' });
  }
  let companyId: CompanyId | null = null;
  if (input.company) {
    companyId = parseCompanyId(input.company.orgNumber);
    if (!companyId) errors.push({ path: 'company.orgNumber', message: 'Ogiltigt organisationsnummer eller personnummer.' });
  } else if (!isComplaint) {
    errors.push({ path: 'company', message: 'Ett företagsärende behöver ett företag.' });
  }
  if (input.anonymous && !isComplaint) errors.push({ path: 'anonymous', message: 'Bara klagomål kan vara anonyma.' });
  if (input.anonymous && input.contact) errors.push({ path: 'contact', message: 'Ett anonymt klagomål har ingen kontaktperson.' });
  if (!input.anonymous && !input.contact) errors.push({ path: 'contact', message: 'Ange en kontaktperson.' });
  if (input.contact && !input.contact.email && !input.contact.phone) errors.push({ path: 'contact.email', message: 'Ange e-post eller telefon.' });
  if (isComplaint && !input.concerns) errors.push({ path: 'concerns', message: 'Ange vad klagomålet gäller.' });
  if (!isComplaint && input.concerns) errors.push({ path: 'concerns', message: 'Bara klagomål anger vad de gäller.' });
  if (input.kind !== 'company_case' && input.involvedUnits) errors.push({ path: 'involvedUnits', message: 'Bara företagsärenden kan beröra flera enheter.' });
  if (!isComplaint && input.unit) errors.push({ path: 'unit', message: 'Ett företagsärende lotsas till en enhet efter registreringen.' });
  if (input.receivedAt && new Date(input.receivedAt).getTime() > now.getTime()) errors.push({ path: 'receivedAt', message: 'Ankomsttiden kan inte ligga i framtiden.' });
  errors.push(...surveyConsentErrors(input.kind, companyId, input.surveyConsent));
  return { errors, companyId };
}

export interface RegisterOptions {
  /** More work that must commit with the registration, or not at all. */
  within?: (trx: Knex, row: CaseRow) => Promise<void>;
}

export async function registerCase(ctx: AppContext, actor: Actor, input: RegisterCaseInput, options: RegisterOptions = {}): Promise<CaseRow> {
  if (!mayRegister(actor)) throw new AppError('forbidden', 'Din roll får inte registrera ärenden.');
  const now = ctx.clock.now();
  const { errors, companyId } = crossFieldErrors(input, now);
  if (errors.length > 0) throw new AppError('invalid_input', 'Uppgifterna i ärendet är inte giltiga.', errors);

  const related = input.relatedCaseId ? await findCase(ctx.db, input.relatedCaseId) : undefined;
  if (input.relatedCaseId && (!related || !canSeeCase(actor, related))) {
    throw new AppError('invalid_input', 'Det kopplade ärendet finns inte.', [{ path: 'relatedCaseId', message: 'Ärendet finns inte.' }]);
  }
  const category = findCategory(input.category ?? defaultCategory[input.kind])!;
  // A complaint belongs to the unit it is about: named, else the case's unit, else the category's.
  // A visit belongs to Näringsliv from the start; a company case is routed after registration.
  const unit = input.kind === 'complaint' ? (input.unit ?? related?.unit ?? category.unit) : input.kind === 'company_visit' ? category.unit : null;
  const { lifecycle, snapshot } = startCase(input.kind, { anonymous: input.anonymous, unit });
  const nowIso = iso(now);

  return ctx.db.transaction(async (trx) => {
    const companyRowId = companyId && input.company ? await upsertCompany(trx, companyId, input.company.name, nowIso) : null;
    const contactId = input.contact
      ? await insertContact(trx, { name: input.contact.name, email: input.contact.email ?? null, phone: input.contact.phone ?? null }, companyRowId, nowIso)
      : null;
    const row: CaseRow = {
      id: randomUUID(),
      reference: await nextReference(trx, Number(localDateOf(now).slice(0, 4))),
      kind: input.kind,
      category: category.code,
      channel: input.channel,
      status: String(snapshot.value),
      machineId: lifecycle.machine.id,
      machineVersion: lifecycle.version,
      snapshot: persistSnapshot(lifecycle, snapshot),
      version: 1,
      unit,
      assigneeId: null,
      companyId: companyRowId,
      contactId,
      relatedCaseId: related?.id ?? null,
      subject: input.subject,
      description: input.description,
      concerns: input.concerns ?? null,
      involvedUnits: input.involvedUnits ? [...new Set(input.involvedUnits)] : null,
      anonymous: input.anonymous,
      // A complaint about a case is about the officer handling it: kept, so a later reassignment
      // of the case never hands the complaint to the person it is about.
      aboutUserId: input.kind === 'complaint' ? (related?.assigneeId ?? null) : null,
      createdBy: actor.id,
      // OSL 5:2: a matter keeps the day it reached the municipality, however late it is registered.
      receivedAt: input.receivedAt ? iso(new Date(input.receivedAt)) : nowIso,
      createdAt: nowIso,
      updatedAt: nowIso,
      closedAt: null,
    };
    await insertCase(trx, row);
    await insertCaseEvent(trx, {
      caseId: row.id,
      actorId: actor.id,
      type: 'REGISTERED',
      payload: { channel: row.channel, category: row.category, receivedAt: row.receivedAt, relatedCaseId: row.relatedCaseId, ...(row.involvedUnits ? { involvedUnits: row.involvedUnits } : {}) },
      fromState: null,
      toState: row.status,
      caseVersion: 1,
      createdAt: nowIso,
    });
    await insertOutbox(trx, 'case.registered', row.id, { caseId: row.id, reference: row.reference, kind: row.kind }, nowIso);
    const registered = { type: 'REGISTERED' };
    const clocks = await updateClocks(trx, ctx.reference, row, null, row.status, registered, now);
    await queueCompanyNotices(trx, ctx.config, row, registered, row.version, clocks, now);
    await queueComplaintStaffNotices(trx, ctx, row, registered, row.version, now);
    await proposeIfMultiUnit(trx, ctx, row, now);
    await recordSurveyConsent(trx, row.id, row.kind, input.surveyConsent, nowIso);
    await options.within?.(trx, row);
    return (await findCase(trx, row.id))!;
  });
}
