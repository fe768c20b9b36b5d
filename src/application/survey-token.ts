import { createHash, randomBytes } from 'node:crypto';
import { canonicalBase64url } from '../domain/base64url.js';

// 256 random bits, base64url: 43 characters that fit a URL path as they are.
const TOKEN_BYTES = 32;

export const newSurveyToken = (): string => randomBytes(TOKEN_BYTES).toString('base64url');

/** Only this is stored: a database reader cannot turn it back into a working link. */
export const hashSurveyToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Anything else cannot be a token, and is answered like an unknown one without a database read. */
export const looksLikeSurveyToken = (token: string): boolean => canonicalBase64url(token, TOKEN_BYTES) !== undefined;
