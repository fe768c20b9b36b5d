import type { Knex } from 'knex';
import { defaultCategoryUnits } from '../src/domain/default-category-units.js';

// Data only: which units each category involves on a fresh installation; admins change it.
export async function up(knex: Knex): Promise<void> {
  const rows = Object.entries(defaultCategoryUnits).flatMap(([category, units]) =>
    units.map((unit) => ({ category, unit })),
  );
  await knex('category_units').insert(rows);
}

export async function down(knex: Knex): Promise<void> {
  await knex('category_units').del();
}
