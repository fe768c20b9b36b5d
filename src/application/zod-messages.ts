import { z } from 'zod';

// zod's own Swedish texts are written for programmers ("För stor(t): förväntade string att ha
// <=300 tecken", "Ogiltig(t) ISO-datum och tid"). Every message a person or a client reads is
// plain Swedish instead, saying what to write. A message a schema gives itself still wins:
// zod asks this map only for issues without one.

type Issue = Parameters<NonNullable<z.core.$ZodConfig['localeError']>>[0];

const formats: Record<string, string> = {
  datetime: 'Ange datum och tid med tidszon, till exempel 2026-11-27T14:30:00+01:00.',
  date: 'Ange ett datum som ÅÅÅÅ-MM-DD, till exempel 2026-11-27.',
  time: 'Ange en tid som TT:MM, till exempel 14:30.',
  email: 'Ange en giltig e-postadress.',
  uuid: 'Ange ett giltigt id.',
  guid: 'Ange ett giltigt id.',
  url: 'Ange en webbadress som börjar med http:// eller https://.',
};

const count = (n: number | bigint, one: string, many: string) => `${n} ${Number(n) === 1 ? one : many}`;

const typeWords: Record<string, string> = {
  string: 'text',
  number: 'ett tal',
  int: 'ett heltal',
  boolean: 'sant eller falskt (true eller false)',
  array: 'en lista',
  object: 'ett objekt',
  date: 'ett datum',
};

export function swedishIssueMessage(issue: Issue): string {
  switch (issue.code) {
    case 'too_big': {
      const max = issue.inclusive ? issue.maximum : Number(issue.maximum) - 1;
      if (issue.origin === 'string') return `Får vara högst ${count(max, 'tecken', 'tecken')}.`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `Välj högst ${count(max, 'alternativ', 'alternativ')}.`;
      if (issue.origin === 'file') return `Filen får vara högst ${count(max, 'byte', 'byte')}.`;
      return issue.inclusive ? `Ange högst ${issue.maximum}.` : `Ange mindre än ${issue.maximum}.`;
    }
    case 'too_small': {
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? 'Fyll i fältet.'
          : `Skriv minst ${count(issue.minimum, 'tecken', 'tecken')}.`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `Välj minst ${count(issue.minimum, 'alternativ', 'alternativ')}.`;
      return issue.inclusive ? `Ange minst ${issue.minimum}.` : `Ange mer än ${issue.minimum}.`;
    }
    case 'invalid_format':
      return formats[issue.format] ?? 'Värdet har fel form.';
    case 'invalid_type':
      if (issue.input === undefined) return 'Fältet saknas.';
      return `Ange ${typeWords[issue.expected] ?? 'ett giltigt värde'}.`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `Ange ${JSON.stringify(issue.values[0])}.`
        : `Välj ett av: ${issue.values.map((v) => String(v)).join(', ')}.`;
    case 'not_multiple_of':
      return `Ange en multipel av ${issue.divisor}.`;
    case 'unrecognized_keys':
      return 'Okänt fält.';
    default:
      return 'Värdet är inte giltigt.';
  }
}

/** Installs the messages for every schema in the process. */
export function useSwedishZodMessages(): void {
  z.config({ localeError: swedishIssueMessage as never });
}
