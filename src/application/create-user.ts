import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Knex } from 'knex';
import { AppError } from '../domain/errors.js';
import { roles } from '../domain/roles.js';
import { unitCodes } from '../domain/units.js';
import { iso } from '../infra/db/rows.js';
import type { Clock } from '../domain/clock.js';
import { zodFieldErrors } from './zod-errors.js';

export const createUserSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    email: z.email().max(320),
    role: z.enum(roles),
    unit: z.enum(unitCodes).optional(),
  })
  .refine((u) => (u.role !== 'officer' && u.role !== 'manager') || u.unit, { path: ['unit'], message: 'Handläggare och chefer hör till en enhet.' });

// Tokens carry 256 random bits, so a fast hash is enough: there is nothing to brute-force.
export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export async function createUser(db: Knex, clock: Clock, raw: unknown): Promise<{ id: string; token: string }> {
  const parsed = createUserSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('invalid_input', 'Uppgifterna om användaren är inte giltiga.', zodFieldErrors(parsed.error));
  const u = parsed.data;
  const existing = await db('users').where({ email: u.email.toLowerCase() }).first();
  if (existing) throw new AppError('invalid_input', 'E-postadressen används redan.', [{ path: 'email', message: 'Finns redan.' }]);
  const id = randomUUID();
  const token = `hs_${randomBytes(32).toString('base64url')}`;
  await db('users').insert({
    id,
    name: u.name,
    email: u.email.toLowerCase(),
    role: u.role,
    unit: u.unit ?? null,
    token_hash: hashToken(token),
    active: true,
    created_at: iso(clock.now()),
  });
  return { id, token };
}
