import type { Knex } from 'knex';
import { defaultGuarantees } from '../src/domain/default-guarantees.js';

// Data only: the default catalogue a fresh installation starts with.
export async function up(knex: Knex): Promise<void> {
  const now = new Date().toISOString();
  for (const g of defaultGuarantees()) {
    await knex('guarantees').insert({
      code: g.code,
      current_version: 1,
      kind: g.definition.kind,
      category: g.definition.category,
      clock: g.definition.clock,
      active: true,
      updated_at: now,
    });
    await knex('guarantee_versions').insert({
      code: g.code,
      version: 1,
      definition: JSON.stringify(g.definition),
      created_by: null,
      created_at: now,
    });
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex('guarantee_versions').del();
  await knex('guarantees').del();
}
