import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';

// The company's tracking page (docs/tracking.md). Three things belong together here: the
// generation that makes a case's link revocable, the secret the links are signed with, and the
// files a company sends with a complement.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cases', (t) => {
    // The link is HMAC(secret, case id ‖ generation); raising the generation kills every older link.
    t.integer('tracking_generation').notNullable().defaultTo(1);
    t.string('tracking_revoked_at', 30).nullable();
  });

  await knex.schema.createTable('settings', (t) => {
    t.string('key', 60).primary();
    t.text('value').notNullable();
    t.string('created_at', 30).notNullable();
  });
  // The embedded default must work without configuration, so a secret is drawn once, here, and
  // never at request time: a secret drawn inside a request's transaction could roll back after
  // a link signed with it had already gone out. TRACKING_SECRET, when set, takes precedence.
  await knex('settings').insert({
    key: 'tracking_secret',
    value: randomBytes(32).toString('base64url'),
    created_at: new Date().toISOString(),
  });

  await knex.schema.createTable('complement_files', (t) => {
    t.uuid('id').primary();
    t.uuid('case_id').notNullable().references('id').inTable('cases');
    // The case version the complement produced: files sent together share it.
    t.integer('case_version').notNullable();
    t.string('name', 255).notNullable();
    // The type read from the content, not the one the browser claimed.
    t.string('media_type', 120).notNullable();
    t.integer('size_bytes').notNullable();
    t.string('sha256', 64).notNullable();
    t.binary('content').notNullable();
    t.string('created_at', 30).notNullable();
    t.index(['case_id', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('complement_files');
  await knex.schema.dropTable('settings');
  await knex.schema.alterTable('cases', (t) => {
    t.dropColumn('tracking_revoked_at');
    t.dropColumn('tracking_generation');
  });
}
