// Patterns for what must never reach a log line: personnummer (and anything shaped like one,
// organisation numbers included, which costs nothing), e-mail addresses and phone numbers.
const personnummerLike = /(?<!\d)(?:19|20)?\d{6}[-+ ]?\d{4}(?!\d)/g;
const email = /[^\s@/?&=:;,"'<>()]+@[^\s@/?&=:;,"'<>()]+\.[a-z]{2,}/gi;
const phone = /(?<![\w-])(?:\+|00)?\d[\d ()-]{6,}\d(?![\w-])/g;

export function scrubPii(text: string): string {
  return text.replace(email, '[e-post]').replace(personnummerLike, '[id]').replace(phone, '[telefon]');
}

/** Percent-decoding first, so that an encoded e-mail or personnummer in a URL is caught too. */
export function scrubUrl(url: string): string {
  let decoded = url;
  try {
    decoded = decodeURIComponent(url.replace(/\+/g, ' '));
  } catch {
    // A malformed escape stays as sent; the raw patterns still apply.
  }
  return scrubPii(decoded);
}
