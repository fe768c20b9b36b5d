/**
 * The bytes `text` stands for, when it is exactly what base64url writes for that many bytes:
 * the URL alphabet only (no "+" or "/"), no padding, and the unused low bits of the last
 * character zero. Node's decoder accepts all of these spellings of the same bytes; a secret in a
 * link must have one spelling only, so every other one is refused.
 */
export function canonicalBase64url(text: string, bytes: number): Buffer | undefined {
  if (text.length !== Math.ceil((bytes * 4) / 3) || !/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  const raw = Buffer.from(text, 'base64url');
  return raw.length === bytes && raw.toString('base64url') === text ? raw : undefined;
}
