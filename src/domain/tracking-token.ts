import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { canonicalBase64url } from './base64url.js';

// A tracking token is base64url(case id, 16 bytes ‖ HMAC-SHA256(secret, label ‖ case id ‖
// generation), first 20 bytes): 36 bytes, exactly 48 characters, nothing stored. The MAC gives
// 160 bits an outsider must guess; the case id lets a lookup go straight to one row.
// docs/tracking.md explains the choice.

const ID_BYTES = 16;
const MAC_BYTES = 20;
export const TRACKING_TOKEN_LENGTH = 48;
// Something no real case has, so a malformed token still costs one lookup and one MAC.
const NO_CASE = '00000000-0000-0000-0000-000000000000';

export interface ReadToken {
  caseId: string;
  mac: Buffer;
  /** False for anything that is not 48 base64url characters as issued; checked last, like the rest. */
  wellFormed: boolean;
}

const uuidToBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const bytesToUuid = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

function mac(secret: Buffer, label: string, caseId: string, generation: number, bytes: number): Buffer {
  return createHmac('sha256', secret)
    .update(`${label}\n${caseId.toLowerCase()}\n${generation}`, 'utf8')
    .digest()
    .subarray(0, bytes);
}

/** The MAC a link of this case and generation carries. */
export const trackingMac = (secret: Buffer, caseId: string, generation: number): Buffer =>
  mac(secret, 'handslag-tracking-v1', caseId, generation, MAC_BYTES);

export function issueTrackingToken(secret: Buffer, caseId: string, generation: number): string {
  return Buffer.concat([uuidToBytes(caseId), trackingMac(secret, caseId, generation)]).toString('base64url');
}

/** Splits a token without judging it; anything malformed reads as a case that does not exist. */
export function readTrackingToken(token: string): ReadToken {
  const raw = canonicalBase64url(token, ID_BYTES + MAC_BYTES);
  if (!raw) return { caseId: NO_CASE, mac: Buffer.alloc(MAC_BYTES), wellFormed: false };
  return { caseId: bytesToUuid(raw.subarray(0, ID_BYTES)), mac: raw.subarray(ID_BYTES), wellFormed: true };
}

/**
 * Whether a token is the current link of the case found for it. The MAC is computed and
 * compared in constant time on every path, found or not, so a wrong, a revoked and an unknown
 * token cost the same; `found` is the case's current generation, or undefined.
 */
export function tokenMatches(
  expectedMac: (caseId: string, generation: number) => Buffer,
  read: ReadToken,
  found: number | undefined,
): boolean {
  const expected = expectedMac(read.caseId, found ?? 0);
  const same = timingSafeEqual(expected, read.mac);
  return same && read.wellFormed && found !== undefined;
}

/**
 * The hidden value a tracking page's forms carry: a fresh nonce and a MAC over it, the link's
 * case and generation. A form works only from a page rendered for a live link, revoking the
 * link kills its forms too, and the nonce makes each rendered form one-time: the use case
 * records it under a unique key in the transaction that takes the form in (a double click or
 * a re-sent form registers nothing the second time).
 */
const NONCE_BYTES = 16;
const FORM_MAC_BYTES = 16;

const formMac = (
  secret: Buffer,
  caseId: string,
  generation: number,
  form: 'complement' | 'complaint',
  nonce: Buffer,
): Buffer => mac(secret, `handslag-form-v2-${form}-${nonce.toString('hex')}`, caseId, generation, FORM_MAC_BYTES);

export const formToken = (
  secret: Buffer,
  caseId: string,
  generation: number,
  form: 'complement' | 'complaint',
  nonce: Buffer = randomBytes(NONCE_BYTES),
): string => Buffer.concat([nonce, formMac(secret, caseId, generation, form, nonce)]).toString('base64url');

/** The form token's nonce (hex) when the token is one this link issued for this form; otherwise undefined. */
export function formTokenNonce(
  secret: Buffer,
  caseId: string,
  generation: number,
  form: 'complement' | 'complaint',
  given: unknown,
): string | undefined {
  const raw = typeof given === 'string' ? canonicalBase64url(given, NONCE_BYTES + FORM_MAC_BYTES) : undefined;
  if (!raw) return undefined;
  const nonce = raw.subarray(0, NONCE_BYTES);
  return timingSafeEqual(formMac(secret, caseId, generation, form, nonce), raw.subarray(NONCE_BYTES))
    ? nonce.toString('hex')
    : undefined;
}

export const formTokenMatches = (
  secret: Buffer,
  caseId: string,
  generation: number,
  form: 'complement' | 'complaint',
  given: unknown,
): boolean => formTokenNonce(secret, caseId, generation, form, given) !== undefined;
