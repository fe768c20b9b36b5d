import {
  initialTransition,
  transition,
  type AnyStateMachine,
  type AnyMachineSnapshot,
  type StateValueFrom,
} from 'xstate';
import type { z } from 'zod';
import { companyCaseMachine } from './company-case.js';
import type { Role } from '../src/domain/roles.js';
import { companyCaseEventLabels, companyCaseEventSchemas, companyCaseEvents } from './company-case-events.js';
import { complaintMachine } from './complaint.js';
import { complaintEventLabels, complaintEventSchemas, complaintEvents } from './complaint-events.js';
import { companyVisitMachine } from './company-visit.js';
import { companyVisitEventLabels, companyVisitEventSchemas, companyVisitEvents } from './company-visit-events.js';
import { escalationMachine } from './escalation.js';
import {
  escalationEventLabels,
  escalationEventSchemas,
  escalationEvents,
  escalationSystemEventSchemas,
  escalationSystemEvents,
} from './escalation-events.js';
import type { EventDefinition, PauseTexts, TableEventDefinition } from './event-definition.js';

export const caseKinds = ['company_case', 'complaint', 'company_visit'] as const;
export type CaseKind = (typeof caseKinds)[number];
/** Cases, and the service group's escalations, which have clocks and a lifecycle of their own. */
export type LifecycleKind = CaseKind | 'service_group';

export type CompanyCaseStatus = StateValueFrom<typeof companyCaseMachine>;
export type ComplaintStatus = StateValueFrom<typeof complaintMachine>;
export type CompanyVisitStatus = StateValueFrom<typeof companyVisitMachine>;
/** The state a stored case can be in, whatever its kind. */
export type CaseStatus = CompanyCaseStatus | ComplaintStatus | CompanyVisitStatus;

export interface Lifecycle {
  kind: LifecycleKind;
  machine: AnyStateMachine;
  version: string;
  eventSchemas: Record<string, z.ZodObject>;
  eventLabels: Record<string, string>;
  /** A case's events, each said in full (workflows/event-definition.ts); escalations keep their own. */
  events?: Record<string, EventDefinition>;
  /** A table's events, the system's included, each said in full (workflows/escalation-events.ts). */
  tableEvents?: Record<string, TableEventDefinition>;
  /** Events Handslag sends by itself; never accepted from a client. */
  systemEventSchemas?: Record<string, z.ZodObject>;
}

// Every machine version that a stored case may have started on stays here, so a changed
// machine never strands a case in flight; new cases start on the newest.
const lifecycles: Record<LifecycleKind, Record<string, Lifecycle>> = {
  company_case: {
    '1': {
      kind: 'company_case',
      machine: companyCaseMachine,
      version: '1',
      eventSchemas: companyCaseEventSchemas,
      eventLabels: companyCaseEventLabels,
      events: companyCaseEvents,
    },
  },
  complaint: {
    '1': {
      kind: 'complaint',
      machine: complaintMachine,
      version: '1',
      eventSchemas: complaintEventSchemas,
      eventLabels: complaintEventLabels,
      events: complaintEvents,
    },
  },
  company_visit: {
    '1': {
      kind: 'company_visit',
      machine: companyVisitMachine,
      version: '1',
      eventSchemas: companyVisitEventSchemas,
      eventLabels: companyVisitEventLabels,
      events: companyVisitEvents,
    },
  },
  service_group: {
    '1': {
      kind: 'service_group',
      machine: escalationMachine,
      version: '1',
      eventSchemas: escalationEventSchemas as unknown as Record<string, z.ZodObject>,
      eventLabels: escalationEventLabels,
      tableEvents: { ...escalationEvents, ...escalationSystemEvents },
      systemEventSchemas: escalationSystemEventSchemas,
    },
  },
};

const current: Record<LifecycleKind, string> = {
  company_case: '1',
  complaint: '1',
  company_visit: '1',
  service_group: '1',
};

/**
 * Adds a machine version beside the shipped ones, new cases starting on it if `current`;
 * returns what puts the registry back. For tests of how stored cases survive a new version:
 * a real new version is written into `lifecycles` above, never added at run time.
 */
export function addLifecycleVersion(lc: Lifecycle, { current: makeCurrent }: { current: boolean }): () => void {
  const before = current[lc.kind];
  lifecycles[lc.kind][lc.version] = lc;
  if (makeCurrent) current[lc.kind] = lc.version;
  return () => {
    delete lifecycles[lc.kind][lc.version];
    current[lc.kind] = before;
  };
}

export function currentLifecycle(kind: LifecycleKind): Lifecycle {
  return lifecycle(kind, current[kind]);
}

export function lifecycle(kind: LifecycleKind, version: string): Lifecycle {
  const found = lifecycles[kind][version];
  if (!found) throw new Error(`No ${kind} machine of version ${version}`);
  return found;
}

/** How an event of this lifecycle is said and what it does; undefined for one it does not have. */
export function eventDefinition(lc: Lifecycle, type: string): EventDefinition | undefined {
  return lc.events?.[type];
}

// Every case lifecycle a stored case may run on, all versions.
const caseLifecycles = (): Lifecycle[] => caseKinds.flatMap((kind) => Object.values(lifecycles[kind]));

/** The event types some case lifecycle lets `role` send, before the case itself is asked. */
export function eventsSentBy(role: Role): Set<string> {
  return new Set(
    caseLifecycles().flatMap((lc) =>
      Object.entries(lc.events ?? {})
        .filter(([, d]) => d.roles.includes(role))
        .map(([type]) => type),
    ),
  );
}

/**
 * Why a clock stands still, from the event that paused it. A clock paused before the cause
 * was recorded (null) waited for a complement: the only pause there was.
 */
export function pauseTexts(cause: string | null): PauseTexts {
  const of = (type: string) => caseLifecycles().flatMap((lc) => lc.events?.[type]?.pause ?? [])[0];
  // Every event that pauses a clock says why (a test holds it); a cause no machine knows any
  // more reads as the old one.
  return (cause ? of(cause) : undefined) ?? of('REQUEST_COMPLEMENT')!;
}

export interface StateInfo {
  value: string;
  label: string;
  publicLabel: string;
  open: boolean;
}

export function startCase(
  kind: LifecycleKind,
  input: Record<string, unknown>,
): { lifecycle: Lifecycle; snapshot: AnyMachineSnapshot } {
  const lc = currentLifecycle(kind);
  const [snapshot] = initialTransition(lc.machine, input);
  return { lifecycle: lc, snapshot: snapshot as AnyMachineSnapshot };
}

export function restoreSnapshot(lc: Lifecycle, persisted: unknown): AnyMachineSnapshot {
  const { value, context } = persisted as { value: string; context: Record<string, unknown> };
  return lc.machine.resolveState({ value, context });
}

/** The state a case's snapshot is in: a state of its own machine, so one of CaseStatus. */
export const caseStatusOf = (snapshot: AnyMachineSnapshot): CaseStatus => String(snapshot.value) as CaseStatus;

export function persistSnapshot(lc: Lifecycle, snapshot: AnyMachineSnapshot): unknown {
  return lc.machine.getPersistedSnapshot(snapshot);
}

/** Applies an event purely; `changed` is false when the state accepts no such event. */
export function applyEvent(lc: Lifecycle, snapshot: AnyMachineSnapshot, event: { type: string }) {
  if (!snapshot.can(event)) return { accepted: false as const, snapshot };
  const [next] = transition(lc.machine, snapshot, event);
  return { accepted: true as const, snapshot: next as AnyMachineSnapshot };
}

/** Event types the current state accepts, according to the machine (guards included). */
export function acceptedEventTypes(lc: Lifecycle, snapshot: AnyMachineSnapshot): string[] {
  return Object.keys(lc.eventSchemas).filter((type) => snapshot.can({ type }));
}

export function stateInfo(lc: Lifecycle, value: string): StateInfo {
  const node = lc.machine.states[value];
  const meta = (node?.meta ?? {}) as { label?: string; publicLabel?: string; open?: boolean };
  return { value, label: meta.label ?? value, publicLabel: meta.publicLabel ?? value, open: meta.open ?? false };
}

export function allStates(lc: Lifecycle): StateInfo[] {
  return Object.keys(lc.machine.states).map((value) => stateInfo(lc, value));
}
