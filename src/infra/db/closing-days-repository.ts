import type { Knex } from 'knex';
import type { NamedDay } from '../../domain/swedish-calendar.js';
import { lockTablesForWrite, replaceRows } from './table-lock.js';

export async function closingDays(db: Knex): Promise<NamedDay[]> {
  return (await db('closing_days').orderBy('date')).map((r: { date: string; name: string }) => ({
    date: r.date,
    name: r.name,
  }));
}

export async function closingDaySet(db: Knex): Promise<Set<string>> {
  return new Set((await closingDays(db)).map((d) => d.date));
}

/** The list as it stands, read under the writers' lock, for a change that replaces it. */
export async function closingDaysForChange(trx: Knex.Transaction): Promise<NamedDay[]> {
  await lockTablesForWrite(trx, 'closing_days');
  return closingDays(trx);
}

export async function replaceClosingDays(trx: Knex.Transaction, days: NamedDay[]): Promise<void> {
  await replaceRows(
    trx,
    'closing_days',
    {},
    days.map((d) => ({ date: d.date, name: d.name })),
  );
}
