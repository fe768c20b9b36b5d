import { z } from 'zod';

// Characters a person cannot see but that change how text reads: the bidirectional embeddings,
// overrides and isolates (U+202A–U+202E, U+2066–U+2069) reverse a line in the queue; zero-width
// space, the directional marks (U+200B, U+200E, U+200F) and the BOM (U+FEFF) hide in names and
// make equal-looking texts differ; C0/C1 controls other than tab and line breaks have no place
// in a form. The zero-width joiner and non-joiner (U+200C, U+200D) stay: emoji sequences and
// several scripts need them. NUL is among the controls, which PostgreSQL refuses in text and jsonb.
const hidden =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
const grouped = (n: number) => n.toLocaleString('sv-SE').replace(/\u00A0/g, ' ');

/**
 * The checks every free text passes, whatever its length: a lone UTF-16 surrogate cannot be
 * stored as UTF-8 nor in jsonb (PostgreSQL answers 500, SQLite keeps garbage), and the hidden
 * characters above are refused rather than stripped so nothing a person sent changes silently.
 */
export const textChecks = (s: z.ZodString) =>
  s.superRefine((value, ctx) => {
    if (loneSurrogate.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'Texten innehåller ett ogiltigt tecken (ett ensamt UTF-16-surrogat). Skriv eller klistra in texten igen.',
      });
      return;
    }
    const found = hidden.exec(value);
    if (found) {
      ctx.addIssue({
        code: 'custom',
        message: `Texten innehåller ett osynligt styrtecken (${codePoint(found[0])}) som kan ändra hur texten visas. Ta bort det och försök igen.`,
      });
    }
  });

/** Refuses, never cuts: the message names the limit and how much was written. */
const bounded = (max: number) =>
  z
    .string()
    .trim()
    .max(max, {
      error: (issue) =>
        `Högst ${grouped(max)} tecken; texten är ${grouped(typeof issue.input === 'string' ? issue.input.length : 0)} tecken.`,
    });

/** Trimmed, non-empty free text of at most `max` characters. */
export const plainText = (max: number) => textChecks(bounded(max).min(1));

/** Like plainText but may be empty. */
export const optionalText = (max: number) => textChecks(bounded(max));
