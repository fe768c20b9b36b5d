import type { CellKind, Column } from './report-table.js';

// Swedish Excel opens a CSV file by double-click only when it finds what it expects: a BOM,
// or it reads UTF-8 as Windows-1252 and å ä ö break; `;` between fields, since `,` is the
// decimal separator; and a decimal comma in numbers.
const BOM = '\uFEFF';
const SEPARATOR = ';';

function cell(value: unknown, kind: CellKind): string {
  if (value === null || value === undefined) return '';
  if (kind !== 'text' && typeof value === 'number') return String(value).replace('.', ',');
  let text = String(value);
  // A cell that starts like a formula is run as one by Excel; a leading apostrophe keeps it text.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<R>(columns: Column<R>[], rows: R[]): string {
  const lines = [columns.map((c) => cell(c.header, 'text')).join(SEPARATOR)];
  for (const row of rows) lines.push(columns.map((c) => cell(c.value(row), c.kind)).join(SEPARATOR));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

const ascii: Record<string, string> = { å: 'a', ä: 'a', ö: 'o', Å: 'A', Ä: 'A', Ö: 'O', é: 'e', É: 'E', '–': '-' };

/**
 * `attachment` with the Swedish file name in `filename*` (RFC 6266, RFC 8187) and a plain
 * ASCII one for clients that do not read it.
 */
export function attachmentHeader(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, (ch) => ascii[ch] ?? '_').replace(/["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
