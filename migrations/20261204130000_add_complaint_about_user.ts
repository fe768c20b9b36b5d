import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // The member of staff a complaint is about (the officer of the case complained of). That
  // person never sees, handles or closes the complaint, whoever the case goes to afterwards.
  // A plain column: SQLite adds it in place, where a foreign key would make knex rebuild the
  // table under its report triggers. The id is always a user's (register-case.ts sets it).
  await knex.schema.alterTable('cases', (t) => {
    t.uuid('about_user_id').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cases', (t) => {
    t.dropColumn('about_user_id');
  });
}
