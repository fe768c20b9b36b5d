import type { CompanyCaseEvent } from './company-case-events.js';
import type { CompanyVisitEvent } from './company-visit-events.js';
import type { ComplaintEvent } from './complaint-events.js';
import type { EscalationEvent } from './escalation-events.js';

/** What registration sends every case's clocks and notices; the machine starts in its initial state instead. */
export type RegisteredEvent = { type: 'REGISTERED' };

/** Every event a case's lifecycle takes, each with the payload its schema parsed. */
export type CaseEvent = RegisteredEvent | CompanyCaseEvent | ComplaintEvent | CompanyVisitEvent;

/** How a service group escalation starts: asked for by a person, or proposed by Handslag. */
export type EscalationOpenedEvent = { type: 'REQUESTED' } | { type: 'PROPOSED' };

/** Every event any lifecycle takes, as the clock rules see it. */
export type LifecycleEvent = CaseEvent | EscalationOpenedEvent | EscalationEvent;

/**
 * A payload already parsed by the schema of its event type, as the event it is. The only
 * place the type is asserted: everything after it reads the event through the union.
 */
export const parsedEvent = <E extends LifecycleEvent = CaseEvent>(type: string, payload: object): E =>
  ({ type, ...payload }) as E;
