import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // The company's name as the caller gave it with this case. The company row keeps its own name
  // (changed only on purpose, see company_name_changes), so a registration under another name
  // never renames a company that other cases point to.
  await knex.schema.alterTable('cases', (t) => {
    t.string('company_name', 300).nullable();
  });
  // Cases registered before: the best record of what was said is the name the company has now.
  await knex('cases')
    .whereNotNull('company_id')
    .update({ company_name: knex('companies').select('name').where('companies.id', knex.ref('cases.company_id')) });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cases', (t) => {
    t.dropColumn('company_name');
  });
}
