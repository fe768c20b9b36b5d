import type { Knex } from 'knex';
import type { Config } from '../../config.js';
import { formToken, issueTrackingToken, trackingMac } from '../../domain/tracking-token.js';
import { readSetting, trackingGeneration } from '../../infra/db/tracking-repository.js';

export interface TrackingContext {
  config: Config;
  db: Knex;
}

// The secret is read once per configuration; the database's never changes after installation,
// so reading it inside a transaction that later rolls back is harmless.
const secrets = new WeakMap<Config, Buffer>();

/** TRACKING_SECRET when set, else the one the installation drew (migration create_tracking). */
export async function trackingSecret(config: Config, db: Knex): Promise<Buffer> {
  const cached = secrets.get(config);
  if (cached) return cached;
  const value = config.TRACKING_SECRET ?? (await readSetting(db, 'tracking_secret'));
  if (!value) throw new Error('No tracking secret: set TRACKING_SECRET or run the migrations.');
  const secret = Buffer.from(value, 'utf8');
  secrets.set(config, secret);
  return secret;
}

/** PUBLIC_BASE_URL may carry a path of its own. */
export const trackingUrlOf = (config: Config, token: string) =>
  `${config.PUBLIC_BASE_URL.replace(/\/+$/, '')}/track/${token}`;

export interface TrackingKeys {
  secret: Buffer;
  token(caseId: string, generation: number): string;
  url(caseId: string, generation: number): string;
  mac(caseId: string, generation: number): Buffer;
  form(caseId: string, generation: number, form: 'complement' | 'complaint'): string;
}

export async function trackingKeys(config: Config, db: Knex): Promise<TrackingKeys> {
  const secret = await trackingSecret(config, db);
  return {
    secret,
    token: (caseId, generation) => issueTrackingToken(secret, caseId, generation),
    url: (caseId, generation) => trackingUrlOf(config, issueTrackingToken(secret, caseId, generation)),
    mac: (caseId, generation) => trackingMac(secret, caseId, generation),
    form: (caseId, generation, form) => formToken(secret, caseId, generation, form),
  };
}

/**
 * The current link of a case, read through `db` (a transaction, when the caller is in one):
 * what every mail to the company and the staff's case view carry.
 */
export async function currentTrackingUrl(config: Config, db: Knex, caseId: string): Promise<string> {
  const keys = await trackingKeys(config, db);
  return keys.url(caseId, await trackingGeneration(db, caseId));
}
