import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { textChecks } from '../domain/text.js';
import type { Knex } from 'knex';
import { AppError } from '../domain/errors.js';
import { roles } from '../domain/roles.js';
import { unitCodes } from '../domain/units.js';
import { iso } from '../infra/db/rows.js';
import { lockTablesForWrite } from '../infra/db/table-lock.js';
import { emailInUse, insertAccount } from '../infra/db/user-queries.js';
import type { Clock } from '../domain/clock.js';
import { zodFieldErrors } from './zod-errors.js';
import { DEFAULT_SCRYPT_LOG2N, hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-hash.js';

/** The one password rule, used wherever a password is set (new user, reset, CLI). */
export const passwordSchema = z
  .string('Ange ett lösenord.')
  .min(PASSWORD_MIN_LENGTH, `Lösenordet ska ha minst ${PASSWORD_MIN_LENGTH} tecken.`)
  .max(PASSWORD_MAX_LENGTH, `Lösenordet får ha högst ${PASSWORD_MAX_LENGTH} tecken.`);

const userFields = z.object({
  // A person's name is free text like any other: the shared checks refuse hidden characters.
  name: textChecks(
    z.string('Ange ett namn.').trim().min(1, 'Ange ett namn.').max(200, 'Namnet får ha högst 200 tecken.'),
  ),
  email: z.email('Ange en giltig e-postadress.').max(320, 'E-postadressen är för lång.'),
  role: z.enum(roles, 'Välj en roll.'),
  unit: z.enum(unitCodes, 'Välj en enhet i listan.').optional(),
  // Optional: API-only users (and the first admin, until `users set-password`) have none.
  password: passwordSchema.optional(),
});

const unitRule = (u: { role: string; unit?: string | undefined }) =>
  (u.role !== 'officer' && u.role !== 'manager') || Boolean(u.unit);

export const createUserSchema = userFields.refine(unitRule, {
  path: ['unit'],
  message: 'Handläggare och chefer hör till en enhet.',
});

// Tokens carry 256 random bits, so a fast hash is enough: there is nothing to brute-force.
export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export interface CreateUserOptions {
  /** scrypt cost for the initial password (config PASSWORD_SCRYPT_LOG2N). */
  scryptLog2N?: number;
}

export async function createUser(
  db: Knex,
  clock: Clock,
  raw: unknown,
  options: CreateUserOptions = {},
): Promise<{ id: string; token: string }> {
  const parsed = createUserSchema.safeParse(raw);
  if (!parsed.success)
    throw new AppError('invalid_input', 'Uppgifterna om användaren är inte giltiga.', zodFieldErrors(parsed.error));
  const u = parsed.data;
  const id = randomUUID();
  const token = `hs_${randomBytes(32).toString('base64url')}`;
  const now = iso(clock.now());
  // Hashed before the transaction: it is the slow part, and the lock below should be short.
  const passwordHash = u.password
    ? await hashPassword(u.password, options.scryptLog2N ?? DEFAULT_SCRYPT_LOG2N)
    : undefined;
  await db.transaction(async (trx) => {
    // Two additions of one address at once: the second sees the first and is told so.
    await lockTablesForWrite(trx, 'users');
    if (await emailInUse(trx, u.email.toLowerCase()))
      throw new AppError('invalid_input', 'E-postadressen används redan.', [
        { path: 'email', message: 'E-postadressen används redan av en annan användare.' },
      ]);
    await insertAccount(trx, {
      id,
      name: u.name,
      email: u.email.toLowerCase(),
      role: u.role,
      unit: u.unit ?? null,
      tokenHash: hashToken(token),
      active: true,
      createdAt: now,
      password: passwordHash ? { hash: passwordHash, changedAt: now } : undefined,
    });
  });
  return { id, token };
}
