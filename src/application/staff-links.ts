import type { Config } from '../config.js';

// Staff mails link to the staff web app's pages, which a person opens in a browser; the API
// paths behind them need a bearer token and answer JSON.
const base = (config: Pick<Config, 'PUBLIC_BASE_URL'>) => config.PUBLIC_BASE_URL.replace(/\/+$/, '');

/** The case page (Ärende), by the case's reference. */
export const staffCaseUrl = (config: Pick<Config, 'PUBLIC_BASE_URL'>, reference: string) =>
  `${base(config)}/arenden/${encodeURIComponent(reference)}`;

/** The page of one "dukat bord" (Dukat bord). */
export const staffEscalationUrl = (config: Pick<Config, 'PUBLIC_BASE_URL'>, escalationId: string) =>
  `${base(config)}/dukat-bord/${encodeURIComponent(escalationId)}`;
