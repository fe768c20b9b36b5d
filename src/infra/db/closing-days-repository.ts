import type { Knex } from 'knex';
import type { NamedDay } from '../../domain/swedish-calendar.js';

export async function closingDays(db: Knex): Promise<NamedDay[]> {
  return (await db('closing_days').orderBy('date')).map((r: { date: string; name: string }) => ({ date: r.date, name: r.name }));
}

export async function closingDaySet(db: Knex): Promise<Set<string>> {
  return new Set((await closingDays(db)).map((d) => d.date));
}

export async function replaceClosingDays(trx: Knex, days: NamedDay[]): Promise<void> {
  await trx('closing_days').del();
  if (days.length) await trx('closing_days').insert(days);
}
