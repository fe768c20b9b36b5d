import type { FieldError } from '../../domain/errors.js';
import type { Guarantee, GuaranteeDefinition, Warning } from '../../domain/guarantee.js';

// The edit form covers what an administrator changes day to day: the promise as the company
// reads it, the length, the warnings before the deadline and whether the guarantee applies. The
// text is on the same form as the length, so a new length is never promised in the old words. The rest of the definition (when the
// clock starts, stops and pauses) goes along unchanged; the rules are the API's
// (updateGuaranteeSchema and updateGuarantee in manage-guarantees.ts).

/** At most five warnings, as the definition's schema allows. */
export const MAX_WARNINGS = 5;

export type WarningKind = '' | 'working_days' | 'hours' | 'fraction';

export interface GuaranteeFormValues {
  label: string;
  lengthValue: string;
  lengthUnit: string;
  active: boolean;
  warnings: { kind: WarningKind; value: string }[];
}

export const lengthUnitLabels: Record<string, string> = {
  working_days: 'arbetsdagar',
  calendar_days: 'kalenderdagar',
  weeks: 'veckor',
  hours: 'timmar',
};
export const warningKindLabels: Record<Exclude<WarningKind, ''>, string> = {
  working_days: 'arbetsdagar före tidsfristen',
  hours: 'timmar före tidsfristen',
  fraction: 'procent av tiden har gått',
};

/** "10,5" as people type it; NaN for anything that is not a number, so the schema says so. */
const number = (text: string): number | undefined => {
  const t = text.trim().replace(',', '.');
  if (t === '') return undefined;
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
};
const typed = (n: number) => String(n).replace('.', ',');

export function valuesOf(g: Guarantee): GuaranteeFormValues {
  const d = g.definition;
  const warnings = d.warnings.map((w): GuaranteeFormValues['warnings'][number] =>
    'before' in w
      ? { kind: w.before.unit, value: typed(w.before.value) }
      : { kind: 'fraction', value: typed(Math.round(w.atFraction * 1000) / 10) },
  );
  return { label: d.label, lengthValue: typed(d.length.value), lengthUnit: d.length.unit, active: g.active, warnings };
}

/** What was posted; a form without the promise's field (a script's) leaves the text as it is. */
export function valuesFromBody(body: Record<string, unknown>, currentLabel: string): GuaranteeFormValues {
  const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  const warnings = Array.from({ length: MAX_WARNINGS }, (_, i) => ({
    kind: text(`warning${i}Kind`) as WarningKind,
    value: text(`warning${i}Value`),
  })).filter((w) => w.kind !== '' || w.value.trim() !== '');
  return {
    label: typeof body.label === 'string' ? body.label : currentLabel,
    lengthValue: text('lengthValue'),
    lengthUnit: text('lengthUnit'),
    active: text('active') === 'ja',
    warnings,
  };
}

/** The input of PUT /api/guarantees/:code: the current definition with the form's changes. */
export function updateInput(current: GuaranteeDefinition, v: GuaranteeFormValues): unknown {
  const warnings = v.warnings.map((w): Warning | Record<string, unknown> => {
    const value = number(w.value);
    if (w.kind === 'fraction') return { atFraction: value === undefined ? undefined : value / 100 };
    return { before: { value, unit: w.kind || undefined } };
  });
  return {
    definition: {
      ...current,
      label: v.label.trim(),
      length: { value: number(v.lengthValue), unit: v.lengthUnit },
      warnings,
    },
    active: v.active,
  };
}

/** The first error of each field; a field with two problems shows the first to fix. */
export const firstPerField = (errors: FieldError[]): FieldError[] =>
  errors.filter((e, i) => errors.findIndex((x) => x.path === e.path) === i);

/**
 * The schema's paths as the form's field ids, and plain words where zod's own message speaks
 * of types ("förväntat antal, fick NaN"); what belongs to no field goes to the summary only.
 */
export function formErrorsOf(errors: FieldError[], v: GuaranteeFormValues): FieldError[] {
  const typeError = (message: string) => message === 'Ange ett tal.';
  return firstPerField(
    errors.map((e) => {
      if (e.path === 'definition.label') return { ...e, path: 'label' };
      if (e.path === 'definition.length.value')
        return {
          path: 'lengthValue',
          message: typeError(e.message)
            ? 'Ange tiden som ett tal större än noll, till exempel 10 eller 2,5.'
            : e.message,
        };
      if (e.path === 'definition.length.unit') return { ...e, path: 'lengthUnit' };
      const w = /^definition\.warnings\.(\d+)/.exec(e.path);
      if (w) {
        const i = Number(w[1]);
        const message =
          v.warnings[i]?.kind === 'fraction'
            ? 'Ange hur stor del av tiden som ska ha gått, i procent: mer än 0 och mindre än 100.'
            : !v.warnings[i]?.kind
              ? 'Välj en sorts påminnelse och ange ett tal större än noll.'
              : `Ange antalet ${v.warnings[i]!.kind === 'hours' ? 'timmar' : 'arbetsdagar'} före tidsfristen som ett tal större än noll, till exempel 2.`;
        return { path: `warning${i}Value`, message };
      }
      return e;
    }),
  );
}
