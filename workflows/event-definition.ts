import type { z } from 'zod';
import type { Role } from '../src/domain/roles.js';

/** An event as the machine takes it: its type and its parsed payload (an empty payload adds nothing). */
export type EventOf<S extends Record<string, z.ZodType>> = {
  [K in keyof S & string]: { type: K } & (z.output<S[K]> extends Record<string, never> ? object : z.output<S[K]>);
}[keyof S & string];

/** What a transition does to a live clock, as the clock rules (src/domain/clock-rules.ts) apply it. */
export type ClockEffect = 'starts' | 'pauses' | 'resumes' | 'extends' | 'stops' | 'cancels';

/** Why a clock stands still, for a clock this event paused; each text finishes a sentence. */
export interface PauseTexts {
  /** "Pausad …" on the staff pages. */
  staff: string;
  /** "Pausad – 3 timmar kvar …": when it runs again. */
  staffUntil: string;
  /** "Står still …" on the tracking page. */
  public: string;
  /** "Räknas igen …" on the tracking page. */
  publicUntil: string;
}

/**
 * Everything about one lifecycle event that is not the transition itself, so a new event is
 * written here and beside its machine and nowhere else. Its fields' labels are the schema's
 * own (`.describe()`); the staff form reads them from there.
 */
export interface EventDefinition {
  /** The staff's name for it: the form's heading and button, the case history. */
  label: string;
  /** The line of the tracking page's history; null keeps the event inside. */
  history: string | null;
  /** What now holds, shown after the staff form was sent (never the button's command). */
  done: string;
  /**
   * Who may send it besides admins, before the case's own state and scope are asked
   * (src/domain/roles.ts adds what depends on the case, and the complaint's own rules).
   */
  roles: readonly Role[];
  /** The template of the mail the company gets (src/infra/mail/templates.ts); null for none. */
  mail: string | null;
  /**
   * What it does to each clock of the default catalogue (src/domain/default-guarantees.ts)
   * when that clock is live; a test walks the machine and the catalogue to hold this true.
   */
  clocks: Partial<Record<string, ClockEffect>>;
  /** For an event whose state pauses a clock: why the clock stands still. */
  pause?: PauseTexts;
  /** A payload the event accepts: the tests walk every transition with it. */
  example: Record<string, unknown>;
}

/** One definition for every event of a schema set; the compiler names any event left out. */
export const defineEvents = <S extends Record<string, z.ZodObject>>(
  _schemas: S,
  definitions: { [K in keyof S]: EventDefinition },
) => definitions;

/**
 * An event of the service group's table, said in full. A table has no tracking page of its own
 * and mails several people (the company's contacts and the officials at the table), so it says
 * the line its cases' histories show and every template it may send instead of one company mail.
 */
export interface TableEventDefinition {
  /** The staff's name for it: the step's heading, the table's own history. */
  label: string;
  /** The line in the history of every case at the table. */
  history: string;
  /** The command on the step's button; null for an event without a step form of its own. */
  submit: string | null;
  /** What the staff page says after the step was saved. */
  done: string;
  /** Who may send it besides admins; empty for an event Handslag sends by itself. */
  roles: readonly Role[];
  /** Every mail template it may send (src/infra/mail/templates.ts), to the company or to staff. */
  mails: readonly string[];
  /** What it does to each clock of the default catalogue when that clock is live, as for a case. */
  clocks: Partial<Record<string, ClockEffect>>;
}

/** One table definition for every event of a schema set; the compiler names any event left out. */
export const defineTableEvents = <S extends Record<string, z.ZodType>>(
  _schemas: S,
  definitions: { [K in keyof S]: TableEventDefinition },
) => definitions;

/** The staff labels of a definition set, as the registry and the pages read them. */
export const labelsOf = <K extends string>(definitions: Record<K, { label: string }>) =>
  Object.fromEntries(Object.entries<{ label: string }>(definitions).map(([type, d]) => [type, d.label])) as Record<
    K,
    string
  >;
