import { assign, setup } from 'xstate';
import type { ComplaintEvent } from './complaint-events.js';

export interface ComplaintContext {
  anonymous: boolean;
  assigneeId: string | null;
  answer: { answer: string; measures: string } | null;
  measures: string | null;
  dissatisfiedCount: number;
  withdrawReason: string | null;
  withdrawnBy?: 'complainant' | 'municipality' | null;
}

export const complaintMachine = setup({
  types: {
    context: {} as ComplaintContext,
    events: {} as ComplaintEvent,
    input: {} as { anonymous: boolean },
  },
  guards: {
    // Anonymous complaints are registered and investigated but get no acknowledgement or answer.
    isAnonymous: ({ context }) => context.anonymous,
    isNamed: ({ context }) => !context.anonymous,
  },
  actions: {
    assignOfficer: assign({
      assigneeId: ({ event, context }) => (event.type === 'ASSIGN' ? event.assigneeId : context.assigneeId),
    }),
    recordAnswer: assign({
      answer: ({ event, context }) =>
        event.type === 'ANSWER' ? { answer: event.answer, measures: event.measures } : context.answer,
      measures: ({ event, context }) => (event.type === 'ANSWER' ? event.measures : context.measures),
    }),
    recordMeasures: assign({
      measures: ({ event, context }) => (event.type === 'CLOSE' && event.measures ? event.measures : context.measures),
    }),
    countDissatisfied: assign({ dissatisfiedCount: ({ context }) => context.dissatisfiedCount + 1 }),
    withdraw: assign({
      withdrawReason: ({ event, context }) => (event.type === 'WITHDRAW' ? event.reason : context.withdrawReason),
      withdrawnBy: ({ event, context }) =>
        event.type === 'WITHDRAW' ? event.withdrawnBy : (context.withdrawnBy ?? null),
    }),
  },
}).createMachine({
  id: 'complaint',
  version: '1',
  initial: 'received',
  context: ({ input }) => ({
    anonymous: input?.anonymous ?? false,
    assigneeId: null,
    answer: null,
    measures: null,
    dissatisfiedCount: 0,
    withdrawReason: null,
    withdrawnBy: null,
  }),
  states: {
    received: {
      meta: { label: 'Mottaget', publicLabel: 'Ditt klagomål har tagits emot', open: true },
      on: {
        ASSIGN: { target: 'received', actions: 'assignOfficer' },
        ACKNOWLEDGE: { guard: 'isNamed', target: 'acknowledged' },
        START_INVESTIGATION: { guard: 'isAnonymous', target: 'investigating' },
        WITHDRAW: { target: 'withdrawn', actions: 'withdraw' },
      },
    },
    acknowledged: {
      meta: { label: 'Bekräftat', publicLabel: 'Vi har bekräftat ditt klagomål', open: true },
      on: {
        ASSIGN: { target: 'acknowledged', actions: 'assignOfficer' },
        START_INVESTIGATION: { target: 'investigating' },
        WITHDRAW: { target: 'withdrawn', actions: 'withdraw' },
      },
    },
    investigating: {
      meta: { label: 'Under utredning', publicLabel: 'Vi utreder ditt klagomål', open: true },
      on: {
        ASSIGN: { target: 'investigating', actions: 'assignOfficer' },
        ANSWER: { guard: 'isNamed', target: 'answered', actions: 'recordAnswer' },
        // A named complaint closes only after it has been answered; an anonymous one closes here.
        CLOSE: { guard: 'isAnonymous', target: 'closed', actions: 'recordMeasures' },
        WITHDRAW: { target: 'withdrawn', actions: 'withdraw' },
      },
    },
    answered: {
      meta: { label: 'Besvarat', publicLabel: 'Vi har besvarat ditt klagomål', open: true },
      on: {
        CLOSE: { target: 'closed' },
        DISSATISFIED: { target: 'manager_review', actions: 'countDissatisfied' },
      },
    },
    closed: {
      meta: { label: 'Avslutat', publicLabel: 'Klagomålet är avslutat', open: false },
      on: {
        DISSATISFIED: { guard: 'isNamed', target: 'manager_review', actions: 'countDissatisfied' },
      },
    },
    // A complainant who is not satisfied with the answer gets the manager's own review.
    manager_review: {
      meta: { label: 'Hos chef efter missnöje', publicLabel: 'En chef går igenom ditt klagomål', open: true },
      on: {
        ANSWER: { target: 'answered', actions: 'recordAnswer' },
        START_INVESTIGATION: { target: 'investigating' },
      },
    },
    withdrawn: {
      meta: { label: 'Återkallat', publicLabel: 'Klagomålet är återkallat', open: false },
      type: 'final',
    },
  },
});
