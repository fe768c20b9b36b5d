import type { Role } from './roles.js';

/** What staff read for each role: in the page header, the user list and the role picker. */
export const roleLabels: Record<Role, string> = {
  registrar: 'Registrator (medborgarcenter)',
  officer: 'Handläggare',
  manager: 'Chef',
  coordinator: 'Samordnare för servicegruppen',
  admin: 'Administratör',
};
