import { initialTransition, transition, type AnyStateMachine, type AnyMachineSnapshot } from 'xstate';
import type { z } from 'zod';
import { companyCaseMachine } from './company-case.js';
import { companyCaseEventLabels, companyCaseEventSchemas } from './company-case-events.js';
import { complaintMachine } from './complaint.js';
import { complaintEventLabels, complaintEventSchemas } from './complaint-events.js';

export const caseKinds = ['company_case', 'complaint'] as const;
export type CaseKind = (typeof caseKinds)[number];

export interface Lifecycle {
  kind: CaseKind;
  machine: AnyStateMachine;
  version: string;
  eventSchemas: Record<string, z.ZodObject>;
  eventLabels: Record<string, string>;
}

// Every machine version that a stored case may have started on stays here, so a changed
// machine never strands a case in flight; new cases start on the newest.
const lifecycles: Record<CaseKind, Record<string, Lifecycle>> = {
  company_case: {
    '1': { kind: 'company_case', machine: companyCaseMachine, version: '1', eventSchemas: companyCaseEventSchemas, eventLabels: companyCaseEventLabels },
  },
  complaint: {
    '1': { kind: 'complaint', machine: complaintMachine, version: '1', eventSchemas: complaintEventSchemas, eventLabels: complaintEventLabels },
  },
};

const current: Record<CaseKind, string> = { company_case: '1', complaint: '1' };

export function currentLifecycle(kind: CaseKind): Lifecycle {
  return lifecycle(kind, current[kind]);
}

export function lifecycle(kind: CaseKind, version: string): Lifecycle {
  const found = lifecycles[kind][version];
  if (!found) throw new Error(`No ${kind} machine of version ${version}`);
  return found;
}

export interface StateInfo {
  value: string;
  label: string;
  publicLabel: string;
  open: boolean;
}

export function startCase(kind: CaseKind, input: Record<string, unknown>): { lifecycle: Lifecycle; snapshot: AnyMachineSnapshot } {
  const lc = currentLifecycle(kind);
  const [snapshot] = initialTransition(lc.machine, input);
  return { lifecycle: lc, snapshot: snapshot as AnyMachineSnapshot };
}

export function restoreSnapshot(lc: Lifecycle, persisted: unknown): AnyMachineSnapshot {
  const { value, context } = persisted as { value: string; context: Record<string, unknown> };
  return lc.machine.resolveState({ value, context });
}

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
