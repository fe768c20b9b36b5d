import { z } from 'zod';

const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().min(1).default('sqlite:data/handslag.sqlite'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/).default('handslag'),
  SMTP_URL: z.string().url().optional(),
  MAIL_DIR: z.string().default('data/outbox'),
  MAIL_FROM: z.string().default('Handslag <noreply@kommun.example>'),
  PUBLIC_BASE_URL: z.string().url().default('http://localhost:3000'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/).default('100kb'),
  TRUST_PROXY: boolish.default(false),
  RUN_WORKER: boolish.default(true),
  MAIL_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(12),
  MAIL_RETRY_BASE_MS: z.coerce.number().int().min(10).default(30_000),
  MAIL_CLAIM_STALE_MS: z.coerce.number().int().min(1000).default(10 * 60_000),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).default(500),
  RECONCILE_EVERY_MS: z.coerce.number().int().min(1000).default(10 * 60_000),
});

export type Config = z.infer<typeof configSchema>;

/** Fails fast, naming each bad variable, rather than starting half-configured. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
