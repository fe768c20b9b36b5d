import type { Knex } from 'knex';

/**
 * Draws the next case number of a year inside the caller's transaction. The upsert takes a
 * row lock on PostgreSQL and runs under SQLite's single writer, so concurrent registrations
 * get distinct numbers; a rolled-back registration gives its number back.
 */
export async function nextReference(trx: Knex, year: number): Promise<string> {
  const result = await trx.raw(
    `insert into reference_counters (year, last_number) values (?, 1)
     on conflict (year) do update set last_number = reference_counters.last_number + 1
     returning last_number`,
    [year],
  );
  const rows = (Array.isArray(result) ? result : result.rows) as { last_number: number }[];
  const n = Number(rows[0]?.last_number);
  return `HS-${year}-${String(n).padStart(6, '0')}`;
}
