import type { Knex } from 'knex';

/** The running and paused clocks of a guarantee that still follow a version before `version`. */
export async function liveDeadlineIdsBefore(trx: Knex, guaranteeCode: string, version: number): Promise<string[]> {
  return (await trx('deadlines')
    .where({ guarantee_code: guaranteeCode })
    .whereIn('state', ['running', 'paused'])
    .andWhere('guarantee_version', '<', version)
    .pluck('id')) as string[];
}
