import { z } from 'zod';

const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

// "5,10,15": days after the invitation, at most three, rising; empty for no reminders.
const surveyReminderDays = z
  .string()
  .regex(/^(\d{1,2}(,\d{1,2}){0,2})?$/, 'Ange upp till tre dagar med kommatecken, t.ex. 5,10,15.')
  .transform((v) => (v ? v.split(',').map(Number) : []))
  .refine(
    (days) => days.every((d, i) => d >= 1 && (i === 0 || d > days[i - 1]!)),
    'Dagarna ska vara minst 1 och stigande.',
  );

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().min(1).default('sqlite:data/handslag.sqlite'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('handslag'),
  SMTP_URL: z.string().url().optional(),
  MAIL_DIR: z.string().default('data/outbox'),
  MAIL_FROM: z.string().default('Handslag <noreply@kommun.example>'),
  PUBLIC_BASE_URL: z.string().url().default('http://localhost:3000'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/)
    .default('100kb'),
  TRUST_PROXY: boolish.default(false),
  RUN_WORKER: boolish.default(true),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .optional(),
  // A mail that cannot be delivered is tried again after 30 s, doubling up to an hour between
  // tries, for at least 24 hours from its first try; then it is failed (docs/guarantees.md).
  MAIL_RETRY_BASE_MS: z.coerce.number().int().min(10).default(30_000),
  MAIL_RETRY_MAX_MS: z.coerce
    .number()
    .int()
    .min(10)
    .default(60 * 60_000),
  MAIL_GIVE_UP_AFTER_MS: z.coerce
    .number()
    .int()
    .min(24 * 60 * 60_000, 'Minst 24 timmar (86400000).')
    .default(24 * 60 * 60_000),
  // Admins see a banner when mail has been failing longer than this.
  MAIL_ALERT_AFTER_MS: z.coerce
    .number()
    .int()
    .min(60_000)
    .default(60 * 60_000),
  // A claim with no answer this old belongs to a worker that died: the mail becomes uncertain.
  MAIL_CLAIM_STALE_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(10 * 60_000),
  // How long a worker's hold on a job lasts without renewal; a job held by a worker that died
  // runs again after about this long.
  QUEUE_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).default(500),
  RECONCILE_EVERY_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(10 * 60_000),
  // Handslaget: at least 100 guided company visits a year.
  VISITS_TARGET_PER_YEAR: z.coerce.number().int().min(1).max(100_000).default(100),
  // The company's tracking page (docs/tracking.md). Without a secret, the one the database drew
  // at installation signs the links; production sets its own and keeps it out of the database.
  TRACKING_SECRET: z.string().min(32, 'Minst 32 tecken.').optional(),
  TRACKING_RATE_LIMIT: z.coerce.number().int().min(1).default(120),
  TRACKING_POST_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
  TRACKING_RATE_WINDOW_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(10 * 60_000),
  // The follow-up survey after a closed case (docs/survey.md).
  SURVEY_DELAY_WORKING_DAYS: z.coerce.number().int().min(0).max(60).default(2),
  SURVEY_SEND_HOUR: z.coerce.number().int().min(0).max(23).default(9),
  SURVEY_REMINDER_DAYS: surveyReminderDays.default([5, 10, 15]),
  SURVEY_OPEN_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  SURVEY_RATE_LIMIT: z.coerce.number().int().min(1).default(60),
  // The staff web app (docs/staff-web.md). Without a secret of its own, the session cookie is
  // signed with a key derived from the tracking secret.
  SESSION_SECRET: z.string().min(32, 'Minst 32 tecken.').optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  // scrypt's cost as log2 N; 17 is OWASP's recommendation (128 MiB, about a tenth of a second).
  PASSWORD_SCRYPT_LOG2N: z.coerce.number().int().min(14).max(20).default(17),
  // Single sign-on with OpenID Connect; off unless the issuer is set.
  OIDC_ISSUER_URL: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_REDIRECT_URL: z.string().url().optional(),
  OIDC_BUTTON_LABEL: z.string().min(1).max(80).default('Logga in med kommunens konto'),
});

export type Config = z.infer<typeof configSchema>;

/** Single sign-on needs the issuer, the client id and the redirect URL together, or none of them. */
function oidcProblems(c: Config): string[] {
  const keys = ['OIDC_ISSUER_URL', 'OIDC_CLIENT_ID', 'OIDC_REDIRECT_URL'] as const;
  const missing = keys.filter((k) => !c[k]);
  if (missing.length === 0 || missing.length === keys.length) return [];
  return missing.map((k) => `  ${k}: Krävs när inloggning med OpenID Connect är påslagen.`);
}

/** Fails fast, naming each bad variable, rather than starting half-configured. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const oidc = oidcProblems(parsed.data);
  if (oidc.length) throw new Error(`Invalid configuration:\n${oidc.join('\n')}`);
  return parsed.data;
}
