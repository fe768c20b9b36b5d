// What a company may send with a complement, and how a file proves what it is. The browser's
// claimed type is not trusted: the content must match the extension.

export const COMPLEMENT_LIMITS = {
  files: 5,
  fileBytes: 10 * 1024 * 1024,
  messageChars: 4000,
} as const;

export interface AllowedType {
  extensions: string[];
  mediaType: string;
  label: string;
  /** True when the bytes are what the extension says. */
  matches: (content: Buffer) => boolean;
}

const startsWith = (content: Buffer, bytes: number[]) => bytes.every((b, i) => content[i] === b);
const zip = (content: Buffer) => startsWith(content, [0x50, 0x4b, 0x03, 0x04]);
// An Office Open XML file is a zip whose entry names are stored uncompressed in the archive.
const hasEntry = (content: Buffer, name: string) => content.includes(Buffer.from(name, 'latin1'));

/** Text: valid UTF-8 with no control characters besides tab, line feed and carriage return. */
function isPlainText(content: Buffer): boolean {
  if (content.length === 0) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return false;
  }
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);
}

export const allowedTypes: AllowedType[] = [
  {
    extensions: ['pdf'],
    mediaType: 'application/pdf',
    label: 'PDF',
    matches: (c) => startsWith(c, [0x25, 0x50, 0x44, 0x46, 0x2d]),
  },
  {
    extensions: ['jpg', 'jpeg'],
    mediaType: 'image/jpeg',
    label: 'JPEG',
    matches: (c) => startsWith(c, [0xff, 0xd8, 0xff]),
  },
  {
    extensions: ['png'],
    mediaType: 'image/png',
    label: 'PNG',
    matches: (c) => startsWith(c, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  {
    extensions: ['docx'],
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word (docx)',
    matches: (c) => zip(c) && hasEntry(c, 'word/'),
  },
  {
    extensions: ['xlsx'],
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'Excel (xlsx)',
    matches: (c) => zip(c) && hasEntry(c, 'xl/'),
  },
  { extensions: ['txt'], mediaType: 'text/plain; charset=utf-8', label: 'text (txt)', matches: isPlainText },
];

export const allowedTypesText = 'PDF, JPEG, PNG, Word (docx), Excel (xlsx) och text (txt)';
export const acceptAttribute = allowedTypes.flatMap((t) => t.extensions.map((e) => `.${e}`)).join(',');

export type FileCheck = { ok: true; mediaType: string } | { ok: false; message: string };

/** Judges one file by its name and content; the message says what is wrong in plain Swedish. */
export function checkComplementFile(name: string, content: Buffer): FileCheck {
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase() ?? '';
  const type = allowedTypes.find((t) => t.extensions.includes(extension));
  if (!type)
    return { ok: false, message: `Filen "${name}" har en filtyp som vi inte tar emot. Skicka ${allowedTypesText}.` };
  if (content.length === 0) return { ok: false, message: `Filen "${name}" är tom.` };
  if (!type.matches(content))
    return {
      ok: false,
      message: `Filen "${name}" är inte en riktig ${type.label}-fil. Kontrollera filen och försök igen.`,
    };
  return { ok: true, mediaType: type.mediaType };
}

/** A name that is safe to store and show: no path, no control characters, at most 255 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (!cleaned) return 'fil';
  if (cleaned.length <= 255) return cleaned;
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(cleaned)?.[0] ?? '';
  return cleaned.slice(0, 255 - ext.length) + ext;
}
