import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context.js';
import { findCategory } from '../domain/categories.js';
import { AppError, type FieldError } from '../domain/errors.js';
import { localDateOf } from '../domain/local-date.js';
import { parseCompanyId, type CompanyId } from '../domain/org-number.js';
import { canSeeCase, mayRegister, type Actor } from '../domain/roles.js';
import { caseStatusOf, persistSnapshot, startCase } from '../../workflows/registry.js';
import { findCase, insertCase, type CaseRow } from '../infra/db/case-repository.js';
import { insertCaseEvent } from '../infra/db/audit-repository.js';
import { companyFor, insertContact } from '../infra/db/company-repository.js';
import { nextReference } from '../infra/db/reference-counter.js';
import { iso } from '../infra/db/rows.js';
import {
  inFieldOrder,
  registerCaseSchema,
  registrationFieldOrder,
  type RegisterCaseInput,
} from './register-case-input.js';
import { zodFieldErrors } from './zod-errors.js';
import { caseKinds } from '../../workflows/registry.js';
import type { RegisteredEvent } from '../../workflows/events.js';
import { queueCompanyNotices } from './case-notices.js';
import { queueComplaintStaffNotices } from './complaint-notices.js';
import { updateClocks } from './update-clocks.js';
import { proposeIfMultiUnit, proposeTogether } from './open-escalation.js';
import { recordSurveyConsent, surveyConsentErrors } from './survey-consent.js';
import { inTransaction, type TxContext } from './tx-context.js';

const kindWords = { company_case: 'företagsärenden', complaint: 'klagomål', company_visit: 'företagsbesök' } as const;
const defaultCategory = { company_case: 'ovrigt', complaint: 'klagomal', company_visit: 'foretagsbesok' } as const;

/**
 * What the rules across fields read: the parsed input, or, when the schema refused some fields,
 * whatever of the rest is of the right type, so every problem is reported at once.
 */
export interface RegistrationFacts {
  kind?: RegisterCaseInput['kind'];
  category?: string;
  categories?: string[];
  company?: { orgNumber?: string };
  contact?: { email?: string; phone?: string };
  concerns?: unknown[];
  anonymous?: boolean;
  unit?: string;
  involvedUnits?: unknown[];
  receivedAt?: string;
  surveyConsent?: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function looseFacts(raw: unknown): RegistrationFacts {
  const r = isRecord(raw) ? raw : {};
  const kind = caseKinds.find((k) => k === r.kind);
  return {
    kind,
    category: str(r.category),
    categories: Array.isArray(r.categories)
      ? r.categories.filter((c): c is string => typeof c === 'string')
      : undefined,
    company: isRecord(r.company) ? { orgNumber: str(r.company.orgNumber) } : undefined,
    contact: isRecord(r.contact) ? { email: str(r.contact.email), phone: str(r.contact.phone) } : undefined,
    concerns: Array.isArray(r.concerns) ? r.concerns : undefined,
    anonymous: typeof r.anonymous === 'boolean' ? r.anonymous : undefined,
    unit: str(r.unit),
    involvedUnits: Array.isArray(r.involvedUnits) ? r.involvedUnits : undefined,
    receivedAt: str(r.receivedAt) && !Number.isNaN(Date.parse(str(r.receivedAt)!)) ? str(r.receivedAt) : undefined,
    surveyConsent: typeof r.surveyConsent === 'boolean' ? r.surveyConsent : undefined,
  };
}

/** Rules across fields, reported together so a form can mark every wrong field at once. */
export function crossFieldErrors(
  input: RegistrationFacts,
  now: Date,
): { errors: FieldError[]; companyId: CompanyId | null } {
  const errors: FieldError[] = [];
  const isComplaint = input.kind === 'complaint';
  const kind = input.kind;
  const several = input.categories ?? [];
  if (input.category && several.length) {
    errors.push({
      path: 'categories',
      message: 'Ange antingen en kategori (category) eller flera (categories), inte båda.',
    });
  } else if (several.length) {
    if (kind && kind !== 'company_case')
      errors.push({ path: 'categories', message: 'Bara företagsärenden kan registreras med flera kategorier.' });
    for (const [i, code] of several.entries()) {
      const category = findCategory(code);
      if (kind === 'company_case' && category && category.kind !== 'company_case')
        errors.push({ path: `categories.${i}`, message: `Kategorin ${code} gäller inte företagsärenden.` });
      else if (several.indexOf(code) !== i)
        errors.push({ path: `categories.${i}`, message: `Kategorin ${code} finns redan med.` });
    }
  } else if (input.category) {
    const category = findCategory(input.category);
    if (kind && category && category.kind !== kind)
      errors.push({ path: 'category', message: `Kategorin ${input.category} gäller inte ${kindWords[kind]}.` });
  } else if (kind === 'company_case') {
    errors.push({ path: 'category', message: 'Ange en kategori.' });
  }
  let companyId: CompanyId | null = null;
  if (input.company) {
    companyId = input.company.orgNumber === undefined ? null : parseCompanyId(input.company.orgNumber);
    if (!companyId)
      errors.push({ path: 'company.orgNumber', message: 'Ogiltigt organisationsnummer eller personnummer.' });
  } else if (kind && !isComplaint) {
    errors.push({ path: 'company', message: 'Ett företagsärende behöver ett företag.' });
  }
  if (input.anonymous && !isComplaint) errors.push({ path: 'anonymous', message: 'Bara klagomål kan vara anonyma.' });
  if (input.anonymous && input.contact)
    errors.push({ path: 'contact', message: 'Ett anonymt klagomål har ingen kontaktperson.' });
  if (!input.anonymous && !input.contact) errors.push({ path: 'contact', message: 'Ange en kontaktperson.' });
  if (input.contact && !input.contact.email && !input.contact.phone)
    errors.push({ path: 'contact.email', message: 'Ange e-post eller telefon.' });
  if (isComplaint && !input.concerns) errors.push({ path: 'concerns', message: 'Ange vad klagomålet gäller.' });
  if (!isComplaint && input.concerns) errors.push({ path: 'concerns', message: 'Bara klagomål anger vad de gäller.' });
  if (kind && kind !== 'company_case' && input.involvedUnits)
    errors.push({ path: 'involvedUnits', message: 'Bara företagsärenden kan beröra flera enheter.' });
  if (kind && !isComplaint && input.unit)
    errors.push({ path: 'unit', message: 'Ett företagsärende lotsas till en enhet efter registreringen.' });
  if (input.receivedAt && new Date(input.receivedAt).getTime() > now.getTime())
    errors.push({ path: 'receivedAt', message: 'Ankomsttiden kan inte ligga i framtiden.' });
  if (kind) errors.push(...surveyConsentErrors(kind, companyId, input.surveyConsent));
  return { errors, companyId };
}

/**
 * Every problem with a registration at once, in the order of the fields: the schema's and the
 * rules across fields together (a wrong organisation number and a bad e-mail address both), so
 * neither the API nor the desk's form has to be sent again to learn of the next one.
 */
export function registrationIssues(raw: unknown, now: Date): { input?: RegisterCaseInput; errors: FieldError[] } {
  const parsed = registerCaseSchema.safeParse(raw);
  const schemaErrors = parsed.success ? [] : zodFieldErrors(parsed.error);
  const overlaps = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
  // A field the schema already refused is not judged again on what it might have meant.
  const cross = crossFieldErrors(parsed.success ? parsed.data : looseFacts(raw), now).errors.filter(
    (e) => !schemaErrors.some((s) => overlaps(s.path, e.path)),
  );
  const errors = inFieldOrder([...schemaErrors, ...cross], registrationFieldOrder);
  return parsed.success && errors.length === 0 ? { input: parsed.data, errors } : { errors };
}

export interface RegisterOptions {
  /** More work that must commit with the registration, or not at all; once for each case registered. */
  within?: (tx: TxContext, row: CaseRow) => Promise<void>;
}

export const requireMayRegister = (actor: Actor) => {
  if (!mayRegister(actor)) throw new AppError('forbidden', 'Din roll får inte registrera ärenden.');
};

/** Registers one case (or, with `categories`, the first of several; see registerCases). */
export async function registerCase(
  ctx: AppContext,
  actor: Actor,
  input: RegisterCaseInput,
  options: RegisterOptions = {},
): Promise<CaseRow> {
  return (await registerCases(ctx, actor, input, options))[0]!;
}

/**
 * Registers a matter: one case, or with `categories` one company case per category, in one
 * transaction with the same company, contact, channel, arrival time and text. Cases registered
 * together are linked the way the service group links a company's cases, at one "dukat bord"
 * that Handslag proposes for them (origin multi_unit); each case keeps its own reference,
 * guarantees, receipt and tracking page.
 */
export async function registerCases(
  ctx: AppContext,
  actor: Actor,
  input: RegisterCaseInput,
  options: RegisterOptions = {},
): Promise<CaseRow[]> {
  requireMayRegister(actor);
  const now = ctx.clock.now();
  const { errors, companyId } = crossFieldErrors(input, now);
  if (errors.length > 0) throw new AppError('invalid_input', 'Uppgifterna i ärendet är inte giltiga.', errors);

  const related = input.relatedCaseId ? await findCase(ctx.db, input.relatedCaseId) : undefined;
  if (input.relatedCaseId && (!related || !canSeeCase(actor, related))) {
    throw new AppError('invalid_input', 'Det kopplade ärendet finns inte.', [
      { path: 'relatedCaseId', message: 'Ärendet finns inte.' },
    ]);
  }
  const codes = input.categories ?? [input.category ?? defaultCategory[input.kind]];
  const nowIso = iso(now);

  return inTransaction(ctx, async (tx) => {
    const { trx } = tx;
    const companyRowId =
      companyId && input.company ? await companyFor(trx, companyId, input.company.name, nowIso) : null;
    const rows: CaseRow[] = [];
    for (const code of codes) {
      const category = findCategory(code)!;
      // A complaint belongs to the unit it is about: named, else the case's unit, else the category's.
      // A visit belongs to Näringsliv from the start; a company case is routed after registration.
      const unit =
        input.kind === 'complaint'
          ? (input.unit ?? related?.unit ?? category.unit)
          : input.kind === 'company_visit'
            ? category.unit
            : null;
      const { lifecycle, snapshot } = startCase(input.kind, { anonymous: input.anonymous, unit });
      // Each case has a contact row of its own, so details given on one case never change another's.
      const contactId = input.contact
        ? await insertContact(
            trx,
            { name: input.contact.name, email: input.contact.email ?? null, phone: input.contact.phone ?? null },
            companyRowId,
            nowIso,
          )
        : null;
      const row: CaseRow = {
        id: randomUUID(),
        reference: await nextReference(trx, Number(localDateOf(now).slice(0, 4))),
        kind: input.kind,
        category: category.code,
        channel: input.channel,
        status: caseStatusOf(snapshot),
        machineId: lifecycle.machine.id,
        machineVersion: lifecycle.version,
        snapshot: persistSnapshot(lifecycle, snapshot),
        version: 1,
        unit,
        assigneeId: null,
        companyId: companyRowId,
        companyName: companyRowId ? input.company!.name : null,
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
      rows.push(row);
    }
    const together = rows.length > 1 ? { registeredWith: rows.map((r) => r.id) } : {};
    for (const row of rows) {
      await insertCaseEvent(trx, {
        caseId: row.id,
        actorId: actor.id,
        type: 'REGISTERED',
        payload: {
          channel: row.channel,
          category: row.category,
          receivedAt: row.receivedAt,
          relatedCaseId: row.relatedCaseId,
          ...(row.involvedUnits ? { involvedUnits: row.involvedUnits } : {}),
          ...together,
        },
        fromState: null,
        toState: row.status,
        caseVersion: 1,
        createdAt: nowIso,
      });
      const registered: RegisteredEvent = { type: 'REGISTERED' };
      const clocks = await updateClocks(tx, row, null, row.status, registered, now);
      await queueCompanyNotices(tx, row, registered, row.version, clocks, now);
      await queueComplaintStaffNotices(tx, row, registered, row.version, now);
      await recordSurveyConsent(tx, row.id, row.kind, input.surveyConsent, nowIso);
    }
    // One matter, one table: several categories are proposed together, not as one table each.
    if (rows.length > 1) await proposeTogether(tx, rows, now);
    else await proposeIfMultiUnit(tx, rows[0]!, now);
    for (const row of rows) await options.within?.(tx, row);
    return Promise.all(rows.map(async (r) => (await findCase(trx, r.id))!));
  });
}
