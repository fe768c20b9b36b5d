import type { Knex } from 'knex';
import { complaintReviewGuarantee } from '../src/domain/default-guarantees.js';

// Data only: the manager's review after "inte nöjd" keeps a promise of its own, editable like every other guarantee.
export async function up(knex: Knex): Promise<void> {
  const g = complaintReviewGuarantee();
  const now = new Date().toISOString();
  await knex('guarantees').insert({
    code: g.code,
    current_version: 1,
    kind: g.definition.kind,
    category: null,
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

export async function down(knex: Knex): Promise<void> {
  const { code } = complaintReviewGuarantee();
  await knex('guarantee_versions').where({ code }).del();
  await knex('guarantees').where({ code }).del();
}
