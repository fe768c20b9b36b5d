import { createHmac, timingSafeEqual } from 'node:crypto';
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
  return createHmac('sha256', secret).update(`${label}\n${caseId.toLowerCase()}\n${generation}`, 'utf8').digest().subarray(0, bytes);
}

/** The MAC a link of this case and generation carries. */
export const trackingMac = (secret: Buffer, caseId: string, generation: number): Buffer => mac(secret, 'handslag-tracking-v1', caseId, generation, MAC_BYTES);

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
export function tokenMatches(expectedMac: (caseId: string, generation: number) => Buffer, read: ReadToken, found: number | undefined): boolean {
  const expected = expectedMac(read.caseId, found ?? 0);
  const same = timingSafeEqual(expected, read.mac);
  return same && read.wellFormed && found !== undefined;
}

/**
 * The hidden value a tracking page's forms carry. It is derived from the link's case and
 * generation, so a form works only from a page rendered for a live link, and revoking the
 * link kills its forms too.
 */
const FORM_TOKEN_BYTES = 16;

export const formToken = (secret: Buffer, caseId: string, generation: number, form: 'complement' | 'complaint'): string =>
  mac(secret, `handslag-form-v1-${form}`, caseId, generation, FORM_TOKEN_BYTES).toString('base64url');

export function formTokenMatches(secret: Buffer, caseId: string, generation: number, form: 'complement' | 'complaint', given: unknown): boolean {
  const raw = typeof given === 'string' ? canonicalBase64url(given, FORM_TOKEN_BYTES) : undefined;
  if (!raw) return false;
  return timingSafeEqual(Buffer.from(formToken(secret, caseId, generation, form), 'base64url'), raw);
}
