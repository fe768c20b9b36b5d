// Accounts Handslag acts through itself, so that the audit trail always names who acted. They are
// rows in `users` for the foreign keys, but they are not people: never listed as users, never
// activated, given a password or unlocked, and never signed in as, whatever their row says.

/** "Företaget via e-tjänsten": what a company does from its tracking page. */
export const ESERVICE_USER_ID = '00000000-0000-4000-8000-00000000e5e1';

export const SYSTEM_ACCOUNT_IDS: readonly string[] = [ESERVICE_USER_ID];

export const isSystemAccount = (id: string) => SYSTEM_ACCOUNT_IDS.includes(id);
