import { assign, setup } from 'xstate';
import type { EscalationEvent } from './escalation-events.js';

export type EscalationOrigin = 'manual' | 'breach' | 'multi_unit';

export interface Meeting {
  startsAt: string;
  endsAt: string;
  location: string | null;
  videoUrl: string | null;
}

export interface EscalationContext {
  origin: EscalationOrigin;
  reason: string;
  participantIds: string[];
  meeting: Meeting | null;
  /** iCalendar SEQUENCE: goes up with every reschedule and the cancellation. */
  sequence: number;
  attendeeIds: string[];
  companyAttended: boolean | null;
  declineReason: string | null;
  cancelReason: string | null;
  outcome: { notes: string; summary: string } | null;
  openActions: number;
}

const meetingOf = (e: { startsAt: string; endsAt: string; location?: string; videoUrl?: string }): Meeting => ({
  startsAt: new Date(e.startsAt).toISOString(),
  endsAt: new Date(e.endsAt).toISOString(),
  location: e.location ?? null,
  videoUrl: e.videoUrl ?? null,
});

/**
 * A request for a "dukat bord": the coordinator accepts it, composes the table, books the
 * meeting, and after it records what was agreed; the escalation closes when every agreed
 * action is done. Pure: invitations, clocks and reminders are the service's work.
 */
export const escalationMachine = setup({
  types: {
    context: {} as EscalationContext,
    events: {} as EscalationEvent,
    input: {} as { origin: EscalationOrigin; reason: string },
  },
  guards: {
    hasParticipants: ({ context }) => context.participantIds.length > 0,
    // `can()` asks with the bare event type, so a guard must cope with a missing payload.
    agreedActions: ({ event }) => event.type === 'RECORD_OUTCOME' && (event.actions ?? []).length > 0,
    allActionsDone: ({ event }) => event.type === 'ACTION_DONE' && event.openActions === 0,
  },
  actions: {
    setParticipants: assign({
      participantIds: ({ event, context }) =>
        event.type === 'SET_PARTICIPANTS' ? [...new Set(event.participantIds)] : context.participantIds,
    }),
    book: assign({ meeting: ({ event, context }) => (event.type === 'SCHEDULE' ? meetingOf(event) : context.meeting) }),
    rebook: assign({
      meeting: ({ event, context }) => (event.type === 'RESCHEDULE' ? meetingOf(event) : context.meeting),
      participantIds: ({ event, context }) =>
        event.type === 'RESCHEDULE' && event.participantIds
          ? [...new Set(event.participantIds)]
          : context.participantIds,
      sequence: ({ context }) => context.sequence + 1,
    }),
    decline: assign({
      declineReason: ({ event, context }) => (event.type === 'DECLINE' ? event.reason : context.declineReason),
    }),
    cancel: assign({
      cancelReason: ({ event, context }) => (event.type === 'CANCEL' ? event.reason : context.cancelReason),
      sequence: ({ context }) => (context.meeting ? context.sequence + 1 : context.sequence),
    }),
    hold: assign({
      attendeeIds: ({ event, context }) =>
        event.type === 'HOLD' ? [...new Set(event.attendeeIds)] : context.attendeeIds,
      companyAttended: ({ event, context }) =>
        event.type === 'HOLD' ? event.companyAttended : context.companyAttended,
    }),
    recordOutcome: assign({
      outcome: ({ event, context }) =>
        event.type === 'RECORD_OUTCOME' ? { notes: event.notes, summary: event.summary } : context.outcome,
      openActions: ({ event, context }) =>
        event.type === 'RECORD_OUTCOME' ? (event.actions ?? []).length : context.openActions,
    }),
    countOpen: assign({
      openActions: ({ event, context }) => (event.type === 'ACTION_DONE' ? event.openActions : context.openActions),
    }),
  },
}).createMachine({
  id: 'escalation',
  version: '1',
  initial: 'requested',
  context: ({ input }) => ({
    origin: input?.origin ?? 'manual',
    reason: input?.reason ?? '',
    participantIds: [],
    meeting: null,
    sequence: 0,
    attendeeIds: [],
    companyAttended: null,
    declineReason: null,
    cancelReason: null,
    outcome: null,
    openActions: 0,
  }),
  states: {
    // Asked for by the desk, an officer or a manager, or proposed by Handslag on a breached
    // guarantee or a case touching several units; the coordinator accepts or declines.
    requested: {
      meta: { label: 'Begärt', publicLabel: 'Vi förbereder ett dukat bord', open: true },
      on: {
        ACCEPT: { target: 'composing' },
        DECLINE: { target: 'declined', actions: 'decline' },
        ATTACH_CASE: { target: 'requested' },
      },
    },
    composing: {
      meta: { label: 'Sätts samman', publicLabel: 'Vi sätter samman ett dukat bord', open: true },
      on: {
        SET_PARTICIPANTS: { target: 'composing', actions: 'setParticipants' },
        ATTACH_CASE: { target: 'composing' },
        SCHEDULE: { guard: 'hasParticipants', target: 'scheduled', actions: 'book' },
        CANCEL: { target: 'cancelled', actions: 'cancel' },
      },
    },
    scheduled: {
      meta: { label: 'Mötet är bokat', publicLabel: 'Mötet är bokat', open: true },
      on: {
        RESCHEDULE: { target: 'rescheduled', actions: 'rebook' },
        ATTACH_CASE: { target: 'scheduled' },
        HOLD: { target: 'held', actions: 'hold' },
        CANCEL: { target: 'cancelled', actions: 'cancel' },
      },
    },
    // The same as scheduled, but everyone has had a new time: SEQUENCE is above 0.
    rescheduled: {
      meta: { label: 'Mötet är ombokat', publicLabel: 'Mötet har fått en ny tid', open: true },
      on: {
        RESCHEDULE: { target: 'rescheduled', actions: 'rebook' },
        ATTACH_CASE: { target: 'rescheduled' },
        HOLD: { target: 'held', actions: 'hold' },
        CANCEL: { target: 'cancelled', actions: 'cancel' },
      },
    },
    held: {
      meta: { label: 'Mötet är hållet', publicLabel: 'Mötet är hållet', open: true },
      on: {
        RECORD_OUTCOME: [
          { guard: 'agreedActions', target: 'follow_up', actions: 'recordOutcome' },
          { target: 'closed', actions: 'recordOutcome' },
        ],
      },
    },
    follow_up: {
      meta: { label: 'Uppföljning av åtgärder', publicLabel: 'Vi följer upp det vi kom överens om', open: true },
      on: {
        ACTION_DONE: [
          { guard: 'allActionsDone', target: 'closed', actions: 'countOpen' },
          { target: 'follow_up', actions: 'countOpen' },
        ],
      },
    },
    closed: { meta: { label: 'Avslutat', publicLabel: 'Allt vi kom överens om är gjort', open: false }, type: 'final' },
    cancelled: { meta: { label: 'Inställt', publicLabel: 'Mötet är inställt', open: false }, type: 'final' },
    declined: { meta: { label: 'Avböjt', publicLabel: 'Inget dukat bord behövs', open: false }, type: 'final' },
  },
});
