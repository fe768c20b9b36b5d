/** How a cell is written in CSV: text as is, numbers with a decimal comma. */
export type CellKind = 'text' | 'integer' | 'decimal';

export interface Column<R> {
  /** The Swedish column header of the CSV file. */
  header: string;
  kind: CellKind;
  value: (row: R) => unknown;
}

/** A column that shows one field of the row. */
export const field = <R>(key: keyof R & string, header: string, kind: CellKind): Column<R> => ({
  header,
  kind,
  value: (row) => row[key],
});

/**
 * One report: the rows as JSON returns them, and the columns that make them a CSV table.
 * `meta` goes into the JSON beside the rows (period, filters, totals, notes).
 */
export interface ReportTable<R> {
  report: string;
  title: string;
  /** Without extension; Swedish, may hold å ä ö. */
  fileName: string;
  meta: Record<string, unknown>;
  columns: Column<R>[];
  rows: R[];
}

/** The label of a code, or the code itself when it is not (or no longer) one we know. */
export const labelOf = (labels: Record<string, string>, code: string | null, none = ''): string =>
  code === null ? none : (labels[code] ?? code);
