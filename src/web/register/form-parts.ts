import type { Request, RequestHandler } from 'express';
import express from 'express';
import type { z } from 'zod';
import type { FieldError } from '../../domain/errors.js';
import { html, type Html } from '../../views/html.js';

// Pieces the desk's, the complaints' and the service group's forms share, so every field has a
// label, its error right above it tied by aria-describedby, and the summary links to it.

export type Values = Record<string, string>;

/**
 * A form field's text as sent; anything that is not a single string is empty. Never cut: a text
 * too long for its field is refused by the field's schema and shown again with the form, and the
 * body parser's bound (FORM_BODY_LIMIT) keeps the whole request sane.
 */
export const textOf = (body: unknown, key: string): string => {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  return typeof v === 'string' ? v : '';
};

/** Every value of a repeated field (checkboxes), as strings. */
export const listOf = (body: unknown, key: string): string[] => {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
};

/**
 * How much a form with free text may send. Well above the longest field (a 20 000-character
 * description, up to 6 bytes a character once percent-encoded) so an over-long text reaches its
 * schema and comes back with the form and a message, instead of the whole form being refused
 * unread; still a bound.
 */
export const FORM_BODY_LIMIT = '1mb';

/**
 * The session stack with a body parser sized for these forms. The shared `form` stack allows 20
 * fields and 20 kB, which a registration with contact and routing, or an outcome with several
 * actions and a long reasoning, goes past; a larger bound is still a bound.
 */
export const formStack = (page: RequestHandler[], parameterLimit = 120): RequestHandler[] => [
  ...page,
  express.urlencoded({ extended: false, limit: FORM_BODY_LIMIT, parameterLimit }),
];

export const bodyOf = (req: Request) => (req.body ?? {}) as Record<string, unknown>;

export const errorFor = (errors: FieldError[], name: string) => errors.find((e) => e.path === name)?.message;

export interface Anchor {
  /** The id of the control the summary's link goes to (the first choice of a group). */
  id: string;
  label: string;
}

/** The box above a form: one linked line per problem, so a keyboard user jumps straight to the field. */
export function errorSummary(title: string, errors: FieldError[], anchors: Record<string, Anchor>, id = 'fel'): Html {
  if (errors.length === 0) return html``;
  return html`<div class="error-summary" role="alert" id="${id}" tabindex="-1">
<h2>${title}</h2>
<ul>${errors.map((e) => {
    const a = anchors[e.path];
    return a ? html`<li><a href="#${a.id}">${a.label}: ${e.message}</a></li>` : html`<li>${e.message}</li>`;
  })}</ul>
</div>`;
}

interface FieldOptions {
  id: string;
  name?: string;
  label: string;
  value?: string;
  errors: FieldError[];
  /** The error's path when it is not the field's name. */
  errorPath?: string;
  hint?: string;
  type?: 'text' | 'email' | 'tel' | 'date' | 'time' | 'url' | 'search';
  autocomplete?: string;
  autofocus?: boolean;
  required?: boolean;
  /** Says "(frivilligt)" after the label. */
  optional?: boolean;
  inputmode?: string;
  spellcheck?: boolean;
}

function described(o: { id: string; hint?: string }, error: string | undefined): Html {
  const ids = [o.hint ? `${o.id}-hint` : '', error ? `${o.id}-error` : ''].filter(Boolean).join(' ');
  return html`${ids ? html` aria-describedby="${ids}"` : ''}${error ? html` aria-invalid="true"` : ''}`;
}

function labelled(
  o: { id: string; label: string; hint?: string; optional?: boolean },
  error: string | undefined,
): Html {
  return html`<label for="${o.id}">${o.label}${o.optional ? html` <span class="optional">(frivilligt)</span>` : ''}</label>
${o.hint ? html`<p class="hint" id="${o.id}-hint">${o.hint}</p>` : ''}
${error ? html`<p class="field-error" id="${o.id}-error">${error}</p>` : ''}`;
}

export function textField(o: FieldOptions): Html {
  const error = errorFor(o.errors, o.errorPath ?? o.name ?? o.id);
  return html`<div class="field">${labelled(o, error)}
<input id="${o.id}" name="${o.name ?? o.id}" type="${o.type ?? 'text'}" value="${o.value ?? ''}"${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${o.inputmode ? html` inputmode="${o.inputmode}"` : ''}${o.spellcheck === false ? html` spellcheck="false"` : ''}${o.required ? html` aria-required="true"` : ''}${o.autofocus ? html` autofocus` : ''}${described(o, error)}></div>`;
}

export function textArea(o: Omit<FieldOptions, 'type' | 'inputmode'> & { rows?: number }): Html {
  const error = errorFor(o.errors, o.errorPath ?? o.name ?? o.id);
  return html`<div class="field">${labelled(o, error)}
<textarea id="${o.id}" name="${o.name ?? o.id}" rows="${o.rows ?? 4}"${o.required ? html` aria-required="true"` : ''}${o.autofocus ? html` autofocus` : ''}${described(o, error)}>${o.value ?? ''}</textarea></div>`;
}

export interface Choice {
  value: string;
  label: string | Html;
  /** Shown under the choice and read with it (aria-describedby). */
  hint?: string | Html;
}

interface ChoiceGroup {
  name: string;
  legend: string;
  choices: Choice[];
  errors: FieldError[];
  errorPath?: string;
  hint?: string;
  /** 'radio': one of them; 'checkbox': any number. */
  kind?: 'radio' | 'checkbox';
  checked: (value: string) => boolean;
  autofocus?: boolean;
  optional?: boolean;
}

/** The id of a choice's input, which error summaries link to. */
export const choiceId = (name: string, value: string) => `${name}-${value.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

/** Radio buttons or checkboxes in a fieldset whose legend names the question. */
export function choiceGroup(o: ChoiceGroup): Html {
  const error = errorFor(o.errors, o.errorPath ?? o.name);
  const groupIds = [o.hint ? `${o.name}-hint` : '', error ? `${o.name}-error` : ''].filter(Boolean).join(' ');
  const focusAt = o.autofocus
    ? Math.max(
        0,
        o.choices.findIndex((c) => o.checked(c.value)),
      )
    : -1;
  return html`<fieldset class="choices"${groupIds ? html` aria-describedby="${groupIds}"` : ''}>
<legend>${o.legend}${o.optional ? html` <span class="optional">(frivilligt)</span>` : ''}</legend>
${o.hint ? html`<p class="hint" id="${o.name}-hint">${o.hint}</p>` : ''}
${error ? html`<p class="field-error" id="${o.name}-error">${error}</p>` : ''}
${o.choices.map((c, i) => {
  const id = choiceId(o.name, c.value);
  return html`<div class="choice"><input type="${o.kind ?? 'radio'}" id="${id}" name="${o.name}" value="${c.value}"${o.checked(c.value) ? ' checked' : ''}${i === focusAt ? ' autofocus' : ''}${c.hint ? html` aria-describedby="${id}-hint"` : ''}${error ? html` aria-invalid="true"` : ''}>
<label for="${id}">${c.label}</label>${c.hint ? html`<div class="choice-hint" id="${id}-hint">${c.hint}</div>` : ''}</div>`;
})}
</fieldset>`;
}

export function selectField(o: {
  id: string;
  name?: string;
  label: string;
  options: { value: string; label: string }[];
  value: string;
  errors: FieldError[];
  errorPath?: string;
  hint?: string;
  optional?: boolean;
}): Html {
  const error = errorFor(o.errors, o.errorPath ?? o.name ?? o.id);
  return html`<div class="field">${labelled(o, error)}
<select id="${o.id}" name="${o.name ?? o.id}"${described(o, error)}>${o.options.map((op) => html`<option value="${op.value}"${op.value === o.value ? ' selected' : ''}>${op.label}</option>`)}</select></div>`;
}

export const csrfField = (token: string) => html`<input type="hidden" name="_csrf" value="${token}">`;

/** The first field a person must fix, to put the cursor there when the form comes back. */
export const firstErrorPath = (errors: FieldError[], order: string[]) =>
  order.find((p) => errors.some((e) => e.path === p));

/**
 * zod's issues as messages for a person at a form, on the form's own field names. The schemas
 * are the API's; only the wording of "empty" is made plain here (the text schema already says
 * how long a text may be and how long it was).
 */
export function formIssues(error: z.ZodError, fieldOf: (path: string) => string): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const path = fieldOf(issue.path.map(String).join('.'));
    if (out.some((e) => e.path === path)) continue;
    let message = issue.message;
    if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) <= 1)
      message = 'Fyll i fältet.';
    else if (issue.code === 'too_small' && issue.origin === 'array') message = 'Välj minst ett alternativ.';
    else if (issue.code === 'invalid_format' && issue.format === 'email')
      message = 'Ange en giltig e-postadress, till exempel namn@foretag.se.';
    else if (issue.code === 'invalid_format' && issue.format === 'url')
      message = 'Ange en länk som börjar med https://.';
    else if (issue.code === 'invalid_value' || issue.code === 'invalid_type') message = 'Välj ett av alternativen.';
    out.push({ path, message });
  }
  return out;
}
