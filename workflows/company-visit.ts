import { assign, setup } from 'xstate';
import type { CompanyVisitEvent } from './company-visit-events.js';

export interface CompanyVisitContext {
  unit: string | null;
  assigneeId: string | null;
  visit: { visitedOn: string; summary: string } | null;
  cancelReason: string | null;
}

/**
 * A guided company visit (lotsande företagsbesök): planned, carried out and documented with
 * the company's growth needs and follow-ups, then closed. Handslaget's target is at least 100
 * a year; the visit date is what the report counts.
 */
export const companyVisitMachine = setup({
  types: {
    context: {} as CompanyVisitContext,
    events: {} as CompanyVisitEvent,
    input: {} as { unit?: string | null },
  },
  actions: {
    assignOfficer: assign({
      assigneeId: ({ event, context }) => (event.type === 'ASSIGN' ? event.assigneeId : context.assigneeId),
    }),
    recordVisit: assign({
      visit: ({ event, context }) =>
        event.type === 'RECORD_VISIT' ? { visitedOn: event.visitedOn, summary: event.summary } : context.visit,
    }),
    cancel: assign({
      cancelReason: ({ event, context }) => (event.type === 'CANCEL' ? event.reason : context.cancelReason),
    }),
  },
}).createMachine({
  id: 'company_visit',
  version: '1',
  initial: 'planned',
  context: ({ input }) => ({ unit: input?.unit ?? null, assigneeId: null, visit: null, cancelReason: null }),
  states: {
    planned: {
      meta: { label: 'Planerat besök', publicLabel: 'Vi har planerat ett besök hos er', open: true },
      on: {
        ASSIGN: { target: 'planned', actions: 'assignOfficer' },
        RECORD_VISIT: { target: 'visited', actions: 'recordVisit' },
        CANCEL: { target: 'cancelled', actions: 'cancel' },
      },
    },
    // Documented; the follow-ups are being turned into cases for the units concerned.
    visited: {
      meta: {
        label: 'Besökt, uppföljning pågår',
        publicLabel: 'Vi har besökt er och följer upp det vi pratade om',
        open: true,
      },
      on: {
        ASSIGN: { target: 'visited', actions: 'assignOfficer' },
        CLOSE: { target: 'closed' },
      },
    },
    closed: { meta: { label: 'Avslutat', publicLabel: 'Besöket är avslutat', open: false }, type: 'final' },
    cancelled: { meta: { label: 'Inställt', publicLabel: 'Besöket blev inte av', open: false }, type: 'final' },
  },
});
