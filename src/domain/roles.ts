import { escalationEvents } from '../../workflows/escalation-events.js';
import { eventsSentBy } from '../../workflows/registry.js';

export const roles = ['registrar', 'officer', 'manager', 'coordinator', 'admin'] as const;
export type Role = (typeof roles)[number];

export interface Actor {
  id: string;
  name: string;
  role: Role;
  unit: string | null;
}

export interface CaseScope {
  kind: 'company_case' | 'complaint' | 'company_visit';
  status: string;
  unit: string | null;
  assigneeId: string | null;
  createdBy: string;
  /** A complaint's: the member of staff it is about. */
  aboutUserId?: string | null;
}

/** The person a complaint is about never sees it, handles it or closes it, whatever their role. */
const isAbout = (actor: Actor, c: CaseScope) => c.kind === 'complaint' && !!c.aboutUserId && c.aboutUserId === actor.id;

/**
 * Who may see a case. The desk must find any case when a company calls; the service group
 * works across units; officers and managers see their unit and what is assigned to them.
 */
export function canSeeCase(actor: Actor, c: CaseScope): boolean {
  if (isAbout(actor, c)) return false;
  switch (actor.role) {
    case 'admin':
    case 'registrar':
    case 'coordinator':
      return true;
    case 'officer':
      // A complaint is the unit manager's: an officer sees one handed to them, or registered by them.
      if (c.kind === 'complaint') return c.assigneeId === actor.id || c.createdBy === actor.id;
      return (c.unit !== null && c.unit === actor.unit) || c.assigneeId === actor.id || c.createdBy === actor.id;
    case 'manager':
      // Whoever registered a case keeps sight of it until it is routed somewhere else too.
      return (c.unit !== null && c.unit === actor.unit) || c.assigneeId === actor.id || c.createdBy === actor.id;
  }
}

// Which events each role may send, before the case's own state is asked: said by each event
// beside its machine (workflows/*-events.ts).
const deskEvents = eventsSentBy('registrar');
const officerEvents = eventsSentBy('officer');
const managerEvents = eventsSentBy('manager');

/** Whether `actor` may send `eventType` to a case it can see, in the case's current state. */
export function mayActOn(actor: Actor, c: CaseScope, eventType: string): boolean {
  if (isAbout(actor, c)) return false;
  if (actor.role === 'admin') return true;
  if (c.kind === 'complaint') return mayActOnComplaint(actor, c, eventType);
  switch (actor.role) {
    case 'registrar':
      // The desk reopens what it resolved itself; a decided case goes back through its officer.
      if (eventType === 'REOPEN') return c.status === 'resolved_at_first_contact';
      return deskEvents.has(eventType);
    case 'officer':
      return officerEvents.has(eventType) && canSeeCase(actor, c);
    case 'manager':
      return managerEvents.has(eventType) && canSeeCase(actor, c);
    case 'coordinator':
      return false;
  }
}

/**
 * A complaint is handled by the manager of the unit it concerns, not by a complaints officer:
 * the manager answers for the unit's service and for its staff, and is the one who can change
 * a routine. The manager may hand the investigation to an officer of the unit (ASSIGN), who
 * then acknowledges, investigates, answers and closes it; never to the person it is about. The
 * desk records what the complainant says on the phone: not satisfied, or withdrawn. After "inte
 * nöjd" only the manager handles it.
 */
function mayActOnComplaint(actor: Actor, c: CaseScope, eventType: string): boolean {
  const manager = actor.role === 'manager' && c.unit !== null && c.unit === actor.unit;
  if (c.status === 'manager_review') return manager;
  switch (eventType) {
    case 'DISSATISFIED':
    case 'WITHDRAW':
      return manager || actor.role === 'registrar';
    case 'ASSIGN':
      return manager;
    default:
      return manager || ((actor.role === 'officer' || actor.role === 'manager') && c.assigneeId === actor.id);
  }
}

/** Only these roles register cases; the desk does most of it, officers record what reaches them directly. */
export const mayRegister = (actor: Actor) => actor.role !== 'coordinator';

/**
 * Internal notes are written by those who work cases (the desk, officers, managers, admins) on a
 * case they can see; coordinators read them but run the service group, not the case.
 */
export const mayAddCaseNote = (actor: Actor, c: CaseScope) => actor.role !== 'coordinator' && canSeeCase(actor, c);

/**
 * A company's name is changed on purpose, by the desk that keeps the register, a manager or an
 * admin; registering a case never changes it. The same people read a company's earlier names.
 */
export const mayRenameCompany = (actor: Pick<Actor, 'role'>) =>
  actor.role === 'registrar' || actor.role === 'manager' || actor.role === 'admin';

// Who runs a table, as its events say (workflows/escalation-events.ts); none depends on the table.
const tableRunners = new Set<Role>(Object.values(escalationEvents).flatMap((d) => d.roles));

/** The coordinator runs the service group: accepts, composes, books, records the outcome. */
export const mayRunEscalation = (actor: Actor) => actor.role === 'admin' || tableRunners.has(actor.role);

/**
 * Who sees an escalation: the desk, the coordinator and admins see all; officers and managers
 * see those they asked for, sit at, own an agreed action of, or whose cases they can see.
 */
export function canSeeEscalation(
  actor: Actor,
  e: { requestedBy: string | null; participantIds: string[]; actionOwnerIds: string[]; cases: CaseScope[] },
): boolean {
  if (actor.role === 'admin' || actor.role === 'coordinator' || actor.role === 'registrar') return true;
  return (
    e.requestedBy === actor.id ||
    e.participantIds.includes(actor.id) ||
    e.actionOwnerIds.includes(actor.id) ||
    e.cases.some((c) => canSeeCase(actor, c))
  );
}
