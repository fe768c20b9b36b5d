import type { Knex } from 'knex';

/** The active officers and managers of a unit, by name: the people a case of the unit may go to. */
export async function activeOfficersOfUnit(db: Knex, unit: string): Promise<{ id: string; name: string }[]> {
  return db('users')
    .where({ unit, active: true })
    .whereIn('role', ['officer', 'manager'])
    .orderBy('name')
    .select('id', 'name');
}

/** Active staff by name, for choosing members of a group. */
export async function activeStaff(db: Knex): Promise<{ id: string; name: string; role: string }[]> {
  return db('users').where({ active: true }).orderBy('name').select('id', 'name', 'role');
}
