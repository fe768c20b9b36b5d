import type { Knex } from 'knex';
import { findCategory } from '../domain/categories.js';
import { isUnit, units as unitLabels } from '../domain/units.js';
import { promisedDate, promisedDateText } from '../domain/promised-date.js';
import { closingDaySet } from '../infra/db/closing-days-repository.js';
import { lifecycle, stateInfo } from '../../workflows/registry.js';
import type { CaseRow } from '../infra/db/case-repository.js';
import { casesByIds } from '../infra/db/case-queries.js';
import { contactsWithEmail, findCompanies, type CompanyRow } from '../infra/db/company-repository.js';
import { caseIdsOf, type EscalationRow } from '../infra/db/escalation-repository.js';
import { deadlinesOfCases } from '../infra/db/deadline-repository.js';
import { categoryUnits, listMembers, membershipsOf } from '../infra/db/service-group-repository.js';
import { findUsersByIds } from '../infra/db/user-repository.js';

export const unitLabel = (code: string | null) => (code && isUnit(code) ? unitLabels[code] : (code ?? 'Ingen enhet'));

export interface Person {
  id: string;
  name: string;
  email: string;
  title: string;
  unit: string | null;
  unitLabel: string;
}

export interface CompanyContact {
  /** Part of a notification key: one mail per contact and meeting version. */
  key: string;
  name: string;
  email: string;
}

export interface TableParties {
  cases: (CaseRow & { primary: boolean })[];
  company: CompanyRow;
  contacts: CompanyContact[];
  units: string[];
}

const roleTitles: Record<string, string> = {
  registrar: 'Medborgarcenter',
  officer: 'Handläggare',
  manager: 'Chef',
  coordinator: 'Samordnare',
  admin: 'Administratör',
};

/** The units a case brings to the table: its own, those its category usually involves, and those it is flagged with. */
export function unitsOfCase(c: CaseRow, byCategory: Map<string, string[]>): string[] {
  const own = c.unit ?? findCategory(c.category)?.unit ?? null;
  return [...new Set([...(own ? [own] : []), ...(byCategory.get(c.category) ?? []), ...(c.involvedUnits ?? [])])];
}

export async function loadParties(db: Knex, row: EscalationRow): Promise<TableParties> {
  const links = await caseIdsOf(db, row.id);
  const caseRows = await casesByIds(
    db,
    links.map((l) => l.caseId),
  );
  const primary = new Set(links.filter((l) => l.primary).map((l) => l.caseId));
  const order = new Map(links.map((l, i) => [l.caseId, i]));
  const cases = caseRows
    .map((c) => ({ ...c, primary: primary.has(c.id) }))
    .sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const company = (await findCompanies(db, [row.companyId])).get(row.companyId)!;
  const contactIds = cases.flatMap((c) => (c.contactId ? [c.contactId] : []));
  const contactRows = contactIds.length ? await contactsWithEmail(db, contactIds) : [];
  const seen = new Set<string>();
  const contacts: CompanyContact[] = [];
  for (const r of contactRows) {
    if (seen.has(r.email.toLowerCase())) continue;
    seen.add(r.email.toLowerCase());
    contacts.push({ key: `contact-${r.id}`, name: r.name, email: r.email });
  }
  const byCategory = await categoryUnits(db);
  const units = [...new Set(cases.flatMap((c) => unitsOfCase(c, byCategory)))];
  return { cases, company, contacts, units };
}

/** Staff at the table, with the title and unit the register gives them (or their role and own unit). */
export async function peopleByIds(db: Knex, ids: string[]): Promise<Person[]> {
  const users = await findUsersByIds(db, ids);
  const members = await membershipsOf(db, ids);
  const memberOf = new Map<string, { unit: string; title: string }>();
  for (const m of members) if (!memberOf.has(m.userId)) memberOf.set(m.userId, m);
  return ids.flatMap((id) => {
    const u = users.get(id);
    if (!u) return [];
    const m = memberOf.get(id);
    const unit = m?.unit ?? u.unit;
    return [
      {
        id,
        name: u.name,
        email: u.email,
        title: m?.title ?? roleTitles[u.role] ?? u.role,
        unit,
        unitLabel: unitLabel(unit),
      },
    ];
  });
}

/** Register members of the units involved, as the coordinator's suggestion. */
export async function suggestedPeople(db: Knex, units: string[]): Promise<Person[]> {
  return (await listMembers(db, units))
    .filter((m) => m.active)
    .map((m) => ({
      id: m.userId,
      name: m.name,
      email: m.email,
      title: m.title,
      unit: m.unit,
      unitLabel: unitLabel(m.unit),
    }));
}

export interface AgendaUnit {
  unit: string;
  unitLabel: string;
  lines: string[];
}

/**
 * The plain-language agenda: per unit, the company's cases it handles (with where they stand
 * and the promised date) and the cases that otherwise touch it, so each official knows what to
 * bring.
 */
export async function agendaOf(db: Knex, parties: TableParties, now: Date): Promise<AgendaUnit[]> {
  const byCategory = await categoryUnits(db);
  const closing = await closingDaySet(db);
  const deadlines = await deadlinesOfCases(
    db,
    parties.cases.map((c) => c.id),
  );
  return parties.units.map((unit) => {
    const lines: string[] = [];
    for (const c of parties.cases) {
      const own = c.unit ?? findCategory(c.category)?.unit ?? null;
      const status = stateInfo(lifecycle(c.kind, c.machineVersion), c.status).publicLabel;
      if (own === unit) {
        // The promise a company cares about at the table is the decision, not the first contact.
        const decision = (deadlines.get(c.id) ?? []).find(
          (d) => d.clock === 'decision' && (d.state === 'running' || d.state === 'breached' || d.state === 'paused'),
        );
        // A promise already missed when the agenda is written says so, and by how much.
        const due = !decision?.dueDate
          ? ''
          : decision.state === 'paused'
            ? '; tiden för beslut står still i väntan på komplettering'
            : `; beslut ${promisedDateText(promisedDate(decision, now, closing))}`;
        lines.push(`${c.reference} ${c.subject}: ${status}${due}`);
      } else if (unitsOfCase(c, byCategory).includes(unit)) {
        lines.push(
          `${c.reference} ${c.subject} (${findCategory(c.category)?.label ?? c.category}) berör också ${unitLabel(unit).toLowerCase()}`,
        );
      }
    }
    return { unit, unitLabel: unitLabel(unit), lines };
  });
}
