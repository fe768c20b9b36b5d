import { assign, setup } from 'xstate';
import type { CompanyCaseEvent } from './company-case-events.js';

export interface CompanyCaseContext {
  unit: string | null;
  assigneeId: string | null;
  complementRequests: number;
  extension: { reason: string; weeks: number } | null;
  decision: {
    outcome: string;
    reasoning: string;
    decidedBy: string | null;
    presentedBy: string | null;
    participants: string[];
  } | null;
  resolution: string | null;
  reopenCount: number;
  withdrawReason: string | null;
}

export const companyCaseMachine = setup({
  types: {
    context: {} as CompanyCaseContext,
    events: {} as CompanyCaseEvent,
    input: {} as { unit?: string | null },
  },
  guards: {
    // PBL 9:99: the decision limit may be extended once.
    extensionAvailable: ({ context }) => context.extension === null,
  },
  actions: {
    route: assign({
      unit: ({ event, context }) => (event.type === 'ROUTE' ? event.unit : context.unit),
      // Routing hands the case to a unit's queue; that unit picks the officer.
      assigneeId: null,
    }),
    assignOfficer: assign({
      assigneeId: ({ event, context }) => (event.type === 'ASSIGN' ? event.assigneeId : context.assigneeId),
    }),
    countComplement: assign({ complementRequests: ({ context }) => context.complementRequests + 1 }),
    extend: assign({
      extension: ({ event, context }) =>
        event.type === 'EXTEND_DEADLINE' ? { reason: event.reason, weeks: event.weeks } : context.extension,
    }),
    decide: assign({
      decision: ({ event, context }) =>
        event.type === 'DECIDE'
          ? {
              outcome: event.outcome,
              reasoning: event.reasoning,
              decidedBy: event.decidedBy ?? null,
              presentedBy: event.presentedBy ?? null,
              participants: event.participants ?? [],
            }
          : context.decision,
    }),
    resolve: assign({
      resolution: ({ event, context }) =>
        event.type === 'RESOLVE_AT_FIRST_CONTACT' ? event.resolution : context.resolution,
    }),
    reopen: assign({ reopenCount: ({ context }) => context.reopenCount + 1, decision: null }),
    reopenFromDesk: assign({ reopenCount: ({ context }) => context.reopenCount + 1, resolution: null }),
    withdraw: assign({
      withdrawReason: ({ event, context }) => (event.type === 'WITHDRAW' ? event.reason : context.withdrawReason),
    }),
  },
}).createMachine({
  id: 'company_case',
  version: '1',
  initial: 'registered',
  context: ({ input }) => ({
    unit: input?.unit ?? null,
    assigneeId: null,
    complementRequests: 0,
    extension: null,
    decision: null,
    resolution: null,
    reopenCount: 0,
    withdrawReason: null,
  }),
  states: {
    registered: {
      meta: { label: 'Registrerat', publicLabel: 'Ditt ärende har tagits emot', open: true },
      on: {
        RESOLVE_AT_FIRST_CONTACT: { target: 'resolved_at_first_contact', actions: 'resolve' },
        ROUTE: { target: 'routed', actions: 'route' },
        WITHDRAW: { target: 'withdrawn', actions: 'withdraw' },
      },
    },
    routed: {
      meta: { label: 'Lotsat till enhet', publicLabel: 'Ditt ärende har skickats till rätt enhet', open: true },
      on: {
        ROUTE: { target: 'routed', actions: 'route' },
        ASSIGN: { target: 'assigned', actions: 'assignOfficer' },
        WITHDRAW: { target: 'withdrawn', actions: 'withdraw' },
      },
    },
    assigned: {
      meta: { label: 'Tilldelat handläggare', publicLabel: 'En handläggare har fått ditt ärende', open: true },
      on: {
        ASSIGN: { target: 'assigned', actions: 'assignOfficer' },
        ROUTE: { target: 'routed', actions: 'route' },
        START: { target: 'in_progress' },
        EXTEND_DEADLINE: { guard: 'extensionAvailable', target: 'assigned', actions: 'extend' },
        WITHDRAW: { target: 'withdrawn', actions: 'withdraw' },
      },
    },
    in_progress: {
      meta: { label: 'Under handläggning', publicLabel: 'Ditt ärende handläggs', open: true },
      on: {
        ASSIGN: { target: 'in_progress', actions: 'assignOfficer' },
        REQUEST_COMPLEMENT: { target: 'awaiting_complement', actions: 'countComplement' },
        EXTEND_DEADLINE: { guard: 'extensionAvailable', target: 'in_progress', actions: 'extend' },
        DECIDE: { target: 'decided', actions: 'decide' },
        WITHDRAW: { target: 'withdrawn', actions: 'withdraw' },
      },
    },
    awaiting_complement: {
      meta: { label: 'Väntar på komplettering', publicLabel: 'Vi väntar på komplettering från dig', open: true },
      on: {
        ASSIGN: { target: 'awaiting_complement', actions: 'assignOfficer' },
        COMPLEMENT_RECEIVED: { target: 'in_progress' },
        EXTEND_DEADLINE: { guard: 'extensionAvailable', target: 'awaiting_complement', actions: 'extend' },
        // An application that stays incomplete may be dismissed (avvisning) without waiting further.
        DECIDE: { target: 'decided', actions: 'decide' },
        WITHDRAW: { target: 'withdrawn', actions: 'withdraw' },
      },
    },
    decided: {
      meta: { label: 'Beslut fattat', publicLabel: 'Beslut är fattat', open: true },
      on: {
        CLOSE: { target: 'closed' },
      },
    },
    closed: {
      meta: { label: 'Avslutat', publicLabel: 'Ärendet är avslutat', open: false },
      on: {
        // Back to the officer who decided: a reopened case is not a new case.
        REOPEN: { target: 'in_progress', actions: 'reopen' },
      },
    },
    // The desk never routed this one, so a reopened matter goes back to the desk.
    resolved_at_first_contact: {
      meta: { label: 'Löst vid första kontakten', publicLabel: 'Ärendet är löst', open: false },
      on: {
        REOPEN: { target: 'registered', actions: 'reopenFromDesk' },
      },
    },
    withdrawn: {
      meta: { label: 'Återkallat', publicLabel: 'Ärendet är återkallat', open: false },
      type: 'final',
    },
  },
});
