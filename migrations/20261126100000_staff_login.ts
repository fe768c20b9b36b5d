import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Staff sign in to the web app with a password (or single sign-on); bearer tokens stay for
  // the API. A user without a password hash cannot log in with a password at all.
  await knex.schema.alterTable('users', (t) => {
    // "scrypt$<log2 N>$<r>$<p>$<salt>$<hash>": the parameters travel with the hash, so they can
    // be raised later without breaking existing passwords.
    t.string('password_hash', 200).nullable();
    t.string('password_changed_at', 30).nullable();
    // Wrong passwords in a row; the lock-out is kept here, not in Redis, so it survives a flush.
    t.integer('failed_logins').notNullable().defaultTo(0);
    t.string('locked_until', 30).nullable();
    t.string('last_login_at', 30).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('last_login_at');
    t.dropColumn('locked_until');
    t.dropColumn('failed_logins');
    t.dropColumn('password_changed_at');
    t.dropColumn('password_hash');
  });
}
