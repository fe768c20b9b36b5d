import type { z } from 'zod';
import type { CaseView } from '../../application/case-view-schema.js';
import { findCategory } from '../../domain/categories.js';
import type { FieldError } from '../../domain/errors.js';
import { units } from '../../domain/units.js';
import { html, type Html } from '../../views/html.js';
import { decisionOutcomes } from '../../../workflows/company-case-events.js';
import { lifecycle, type CaseKind } from '../../../workflows/registry.js';
import { formErrors } from '../staff-layout.js';
import { decisionOutcomeLabels } from './case-format.js';

// How each payload field of a lifecycle event is asked for. Which fields an event has, which
// are required and what each is called comes from the event's own schema (workflows/*-events.ts).
type Control = 'textarea' | 'text' | 'date' | 'number' | 'unit' | 'officer' | 'outcome' | 'checkbox' | 'withdrawnBy';
interface FieldSpec {
  control: Control;
  hint?: string;
}

const fieldSpecs: Record<string, FieldSpec> = {
  unit: { control: 'unit' },
  assigneeId: { control: 'officer' },
  resolution: { control: 'textarea' },
  message: { control: 'textarea' },
  dueDate: { control: 'date', hint: 'Lämna tomt om ingen sista dag ska anges.' },
  note: { control: 'textarea' },
  reason: { control: 'textarea' },
  weeks: { control: 'number', hint: 'Högst 10 veckor. Skälet skickas till företaget.' },
  outcome: { control: 'outcome' },
  reasoning: { control: 'textarea', hint: 'Skälen för beslutet (förvaltningslagen 32 §). Skickas till företaget.' },
  decidedBy: { control: 'text' },
  presentedBy: { control: 'text' },
  delayCause: { control: 'checkbox' },
  answer: { control: 'textarea' },
  measures: { control: 'textarea' },
  visitedOn: { control: 'date' },
  withdrawnBy: { control: 'withdrawnBy' },
  summary: { control: 'textarea' },
};

// A field no spec names is asked for by its type: a date as a date, any other text as text.
function inferredSpec(field: z.ZodType): FieldSpec | undefined {
  let inner = field as z.ZodType & { format?: string; def: { type: string; innerType?: z.ZodType } };
  while (inner.def.innerType) inner = inner.def.innerType as typeof inner;
  if (inner.def.type !== 'string') return undefined;
  return { control: inner.format === 'date' ? 'date' : 'textarea' };
}

export const eventSlug = (type: string) => type.toLowerCase().replace(/_/g, '-');
export const fieldId = (type: string, name: string) => `${eventSlug(type)}-${name}`;

export interface EventField {
  name: string;
  id: string;
  label: string;
  control: Control;
  required: boolean;
  hint?: string;
}

/** The fields the page asks for: the schema's own, minus lists (participants, growth needs) that the API takes. */
export function eventFields(kind: CaseKind, machineVersion: string, type: string): EventField[] {
  const schema = lifecycle(kind, machineVersion).eventSchemas[type];
  if (!schema) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([name, field]) => {
    const spec = fieldSpecs[name] ?? inferredSpec(field);
    if (!spec) return [];
    const required = !field.safeParse(undefined).success;
    return [
      {
        name,
        id: fieldId(type, name),
        label: field.description ?? name,
        control: spec.control,
        required,
        ...(spec.hint ? { hint: spec.hint } : {}),
      },
    ];
  });
}

/** A form's text as the event's payload: empty optional fields are left out, numbers and checkboxes typed. */
export function toPayload(fields: EventField[], body: Record<string, unknown>): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const f of fields) {
    const raw = typeof body[f.name] === 'string' ? (body[f.name] as string) : '';
    if (f.control === 'checkbox') {
      if (raw === 'pbl_9_102') payload[f.name] = raw;
      continue;
    }
    const value = raw.trim();
    if (value === '' && !f.required) continue;
    payload[f.name] = f.control === 'number' && /^\d+$/.test(value) ? Number(value) : raw;
  }
  return payload;
}

/** Field errors keyed by the field's id on the page; an empty field gets a plain request instead of the schema's wording. */
export function pageErrors(
  type: string,
  fields: EventField[],
  errors: FieldError[],
  body: Record<string, unknown>,
): FieldError[] {
  return errors.map((e) => {
    const f = fields.find((x) => x.name === e.path.split('.')[0]);
    if (!f) return e;
    const empty = typeof body[f.name] !== 'string' || (body[f.name] as string).trim() === '';
    const choose =
      f.control === 'unit' || f.control === 'officer' || f.control === 'outcome' || f.control === 'withdrawnBy';
    const message = empty
      ? choose
        ? `Välj ${f.label.toLowerCase()}.`
        : `Fyll i ${f.label.toLowerCase()}.`
      : e.message;
    return { path: fieldId(type, f.name), message };
  });
}

export interface FormState {
  type: string;
  values: Record<string, string>;
  errors: FieldError[];
}

export interface EventFormContext {
  c: CaseView;
  /** The lifecycle version the case runs on (cases.machine_version). */
  machineVersion: string;
  csrf: string;
  officers: { id: string; name: string }[];
  eventLabels: Record<string, string>;
  /** The form the user just sent, shown again with what was typed and what was wrong. */
  sent?: FormState;
}

function control(f: EventField, value: string, error: string | undefined, ctx: EventFormContext): Html {
  const described = [f.hint ? `${f.id}-hint` : '', error ? `${f.id}-error` : ''].filter(Boolean).join(' ');
  const attrs = html` id="${f.id}" name="${f.name}"${described ? html` aria-describedby="${described}"` : ''}${error ? html` aria-invalid="true"` : ''}${f.required ? html` required` : ''}`;
  switch (f.control) {
    case 'textarea':
      return html`<textarea${attrs} rows="4">${value}</textarea>`;
    case 'text':
      return html`<input${attrs} type="text" value="${value}">`;
    case 'date':
      return html`<input${attrs} type="date" value="${value}">`;
    case 'number':
      return html`<input${attrs} type="number" inputmode="numeric" min="1" max="10" value="${value || '10'}">`;
    case 'unit':
      return html`<select${attrs}><option value="">Välj enhet</option>${Object.entries(units).map(([code, label]) => html`<option value="${code}"${value === code ? ' selected' : ''}${code === ctx.c.unit ? ' disabled' : ''}>${label}${code === ctx.c.unit ? ' (nuvarande)' : ''}</option>`)}</select>`;
    case 'officer':
      return html`<select${attrs}><option value="">Välj handläggare</option>${ctx.officers.map((o) => html`<option value="${o.id}"${value === o.id ? ' selected' : ''}>${o.name}${o.id === ctx.c.assignee?.id ? ' (nuvarande)' : ''}</option>`)}</select>`;
    default:
      return html``;
  }
}

function field(f: EventField, ctx: EventFormContext, state: FormState | undefined): Html {
  const value = state?.values[f.name] ?? '';
  const error = state?.errors.find((e) => e.path === f.id)?.message;
  const label = html`${f.label}${f.required ? '' : ' (frivilligt)'}`;
  const errorLine = error ? html`<p class="field-error" id="${f.id}-error">${error}</p>` : '';
  const hint = f.hint ? html`<p class="hint" id="${f.id}-hint">${f.hint}</p>` : '';
  if (f.control === 'outcome') {
    return html`<fieldset id="${f.id}"${error ? html` aria-describedby="${f.id}-error"` : ''}><legend>${label}</legend>${errorLine}
${decisionOutcomes.map((o, i) => html`<div class="case-choice"><input type="radio" name="${f.name}" id="${f.id}-${i}" value="${o}"${value === o ? ' checked' : ''}${f.required ? ' required' : ''}><label for="${f.id}-${i}">${decisionOutcomeLabels[o] ?? o}</label></div>`)}
</fieldset>`;
  }
  if (f.control === 'withdrawnBy') {
    // Said to the complainant as it is: their own withdrawal, or ours.
    const choices = [
      ['complainant', 'Klaganden har återkallat klagomålet'],
      ['municipality', 'Kommunen avslutar klagomålet (skälet visas för klaganden)'],
    ] as const;
    return html`<fieldset id="${f.id}"${error ? html` aria-describedby="${f.id}-error"` : ''}><legend>${label}</legend>${errorLine}
${choices.map(([v, text], i) => html`<div class="case-choice"><input type="radio" name="${f.name}" id="${f.id}-${i}" value="${v}"${value === v ? ' checked' : ''}${f.required ? ' required' : ''}><label for="${f.id}-${i}">${text}</label></div>`)}
</fieldset>`;
  }
  if (f.control === 'checkbox') {
    return html`<div class="case-choice">${errorLine}<input type="checkbox" id="${f.id}" name="${f.name}" value="pbl_9_102"${value === 'pbl_9_102' ? ' checked' : ''}><label for="${f.id}">${f.label}</label></div>`;
  }
  return html`<label for="${f.id}">${label}</label>${hint}${errorLine}${control(f, value, error, ctx)}`;
}

/** The error summary at the top of the page, its lines linked to the fields of the form that was sent. */
export function sentFormErrors(ctx: EventFormContext): Html {
  const sent = ctx.sent;
  if (!sent || sent.errors.length === 0) return html``;
  const fields = eventFields(ctx.c.kind, ctx.machineVersion, sent.type);
  const labels = Object.fromEntries(fields.map((f) => [f.id, f.label]));
  return formErrors(`${ctx.eventLabels[sent.type] ?? sent.type}: rätta det som är fel`, sent.errors, labels);
}

// The extension rule's section under the case's own rule version: PBL 9 kap. 100 § since
// 1 December 2025, 9 kap. 27 § for a case that started under the older numbering.
function extensionHint(c: CaseView): string {
  const rule = c.deadlines.find((d) => d.clock === 'decision')?.ruleVersion;
  return `Högst 10 veckor (PBL 9 kap. ${rule === 'PBL-2018' ? '27' : '100'} §). Skälet skickas till företaget.`;
}

/** One short form per event the case accepts from this user, each posting to …/handelser. */
export function eventForm(type: string, ctx: EventFormContext): Html {
  const c = ctx.c;
  const pbl = findCategory(c.category)?.pbl ?? false;
  const fields = eventFields(c.kind, ctx.machineVersion, type)
    .filter((f) => f.control !== 'checkbox' || pbl)
    .map((f) => (f.name === 'weeks' && pbl ? { ...f, hint: extensionHint(c) } : f));
  const state = ctx.sent?.type === type ? ctx.sent : undefined;
  const label = ctx.eventLabels[type] ?? type;
  const headingId = `${eventSlug(type)}-h`;
  return html`<div class="event-form" id="${eventSlug(type)}">
<h3 id="${headingId}">${label}</h3>
<form method="post" action="/arenden/${c.reference}/handelser" novalidate aria-labelledby="${headingId}">
<input type="hidden" name="_csrf" value="${ctx.csrf}">
<input type="hidden" name="type" value="${type}">
<input type="hidden" name="expectedVersion" value="${c.version}">
${fields.map((f) => field(f, ctx, state))}
<button type="submit">${label}</button>
</form>
</div>`;
}
