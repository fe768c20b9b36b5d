import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Actor } from '../../domain/roles.js';
import { ESERVICE_USER_ID } from '../../domain/system-accounts.js';
import { insertAccountIfAbsent } from '../../infra/db/user-queries.js';
import { hashToken } from '../create-user.js';

// What a company does from its tracking page is done by this account: the audit trail and
// `cases.created_by` always name who acted, and this one says "the company, through the
// e-service". It cannot sign in: it is inactive and its token hash belongs to a token that was
// never kept. It acts as the desk would (registrar), but only along the paths the tracking
// page opens; no request can make it act otherwise. It is a system account
// (domain/system-accounts.ts): not a user anyone can list, activate or sign in as.
export { ESERVICE_USER_ID };
const ESERVICE_EMAIL = 'e-tjansten@handslag.invalid';

export const eserviceActor: Actor = {
  id: ESERVICE_USER_ID,
  name: 'Företaget via e-tjänsten',
  role: 'registrar',
  unit: null,
};

const ensured = new WeakSet<Knex>();

/** Creates the account the first time the e-service acts; call it outside any transaction. */
export async function ensureEserviceUser(db: Knex, now: Date): Promise<Actor> {
  if (ensured.has(db)) return eserviceActor;
  await insertAccountIfAbsent(db, {
    id: ESERVICE_USER_ID,
    name: eserviceActor.name,
    email: ESERVICE_EMAIL,
    role: eserviceActor.role,
    unit: null,
    tokenHash: hashToken(randomBytes(32).toString('base64url')),
    active: false,
    createdAt: now.toISOString(),
  });
  ensured.add(db);
  return eserviceActor;
}
