import { z } from 'zod';
import { categories } from '../../domain/categories.js';
import { staffClockLabels } from '../../domain/clock-labels.js';
import { units } from '../../domain/units.js';
import type { YearMonth } from '../../domain/stockholm-months.js';
import { field, type Column } from './report-table.js';

export const categoryLabels: Record<string, string> = Object.fromEntries(categories.map((c) => [c.code, c.label]));
export const unitLabels: Record<string, string> = { ...units };

export const clockLabels: Record<string, string> = staffClockLabels;

export const WHOLE_PERIOD = 'Hela perioden';

/** A month as the CSV shows it: 'YYYY-MM' sorts and filters well in Excel; null is the period's total. */
export const monthLabel = (m: YearMonth | null) => m ?? WHOLE_PERIOD;

export const periodMeta = (q: {
  from: YearMonth;
  to: YearMonth;
  category?: string | undefined;
  unit?: string | undefined;
}) => ({
  period: { from: q.from, to: q.to },
  filters: { category: q.category ?? null, unit: q.unit ?? null },
});

/** A file name that says what and when: servicegarantier-2026-01–2026-12. */
export const periodFileName = (
  stem: string,
  q: { from: YearMonth; to: YearMonth; category?: string | undefined; unit?: string | undefined },
) => [stem, q.category, q.unit, q.from === q.to ? q.from : `${q.from}–${q.to}`].filter(Boolean).join('-');

/** The month and category of a row of a month-by-category report, with their labels; a null month is the whole period. */
export const monthAndCategory = (r: Record<string, unknown>) => {
  const month = (r.month as YearMonth | null) ?? null;
  return {
    month,
    monthLabel: monthLabel(month),
    category: r.category as string,
    categoryLabel: categoryLabels[r.category as string] ?? (r.category as string),
  };
};

/**
 * The first fields of a month-by-category row: the month (of `what`, when the report says
 * which), null on the rows for the whole period, and the category, each with its label.
 */
export const monthAndCategoryShape = (what?: string) => ({
  month: z
    .string()
    .nullable()
    .meta({ description: `${what ? `Month of ${what}, ` : ''}YYYY-MM; null on the rows for the whole period` }),
  monthLabel: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
});

/** The first two columns of a month-by-category report. */
export const monthAndCategoryColumns = <R extends { monthLabel: string; categoryLabel: string }>(
  monthHeader: string,
): Column<R>[] => [field<R>('monthLabel', monthHeader, 'text'), field<R>('categoryLabel', 'Kategori', 'text')];
