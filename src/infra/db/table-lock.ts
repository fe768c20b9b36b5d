import type { Knex } from 'knex';
import { clientOf } from './knex-factory.js';

/**
 * Makes writers of the given tables take turns until the transaction ends, while readers go on
 * reading. For writes that read, then replace a whole list or number the next version: without
 * it, two at once on PostgreSQL both delete what they saw and both insert, and the second insert
 * fails on a duplicate key (or one list silently replaces the other's change). Take it before
 * the first read, so what is read is what the last writer committed. SQLite needs nothing: its
 * one connection already runs one transaction at a time.
 */
export async function lockTablesForWrite(trx: Knex.Transaction, ...tables: string[]): Promise<void> {
  if (clientOf(trx) !== 'postgres') return;
  // SHARE ROW EXCLUSIVE conflicts with itself and with row writes, never with plain reads.
  await trx.raw(`LOCK TABLE ${tables.map(() => '??').join(', ')} IN SHARE ROW EXCLUSIVE MODE`, tables);
}

/** Replaces every row of `table` matching `scope` (all rows when it is empty) by `rows`. */
export async function replaceRows(
  trx: Knex.Transaction,
  table: string,
  scope: Record<string, unknown>,
  rows: Record<string, unknown>[],
): Promise<void> {
  await lockTablesForWrite(trx, table);
  await trx(table).where(scope).del();
  if (rows.length) await trx(table).insert(rows);
}
