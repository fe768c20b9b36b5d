import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // A guarantee clock belongs to a case or to an escalation ("table set within N working
  // days"). NULLs are distinct in a unique index on both databases, so (case_id, clock) and
  // (escalation_id, clock) each stay one clock of a kind per owner.
  await knex.schema.alterTable('deadlines', (t) => {
    t.setNullable('case_id');
    t.uuid('escalation_id').nullable().references('id').inTable('escalations');
    t.unique(['escalation_id', 'clock']);
  });
  await knex.schema.alterTable('notifications', (t) => {
    t.uuid('escalation_id').nullable();
    t.index(['escalation_id']);
  });
  // A case flagged as touching several units is proposed for a "dukat bord".
  await knex.schema.alterTable('cases', (t) => {
    t.jsonb('involved_units').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cases', (t) => t.dropColumn('involved_units'));
  await knex.schema.alterTable('notifications', (t) => {
    t.dropIndex(['escalation_id']);
    t.dropColumn('escalation_id');
  });
  await knex.schema.alterTable('deadlines', (t) => {
    t.dropUnique(['escalation_id', 'clock']);
    t.dropColumn('escalation_id');
  });
}
