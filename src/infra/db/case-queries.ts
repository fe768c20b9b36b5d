import type { Knex } from 'knex';
import { toCaseRow, type CaseRow } from './case-repository.js';
import { iso, toJson } from './rows.js';

/** The cases with these ids, in no particular order. */
export async function casesByIds(db: Knex, ids: string[]): Promise<CaseRow[]> {
  return (await db('cases').whereIn('id', ids)).map(toCaseRow);
}

/** A company's cases not yet closed, oldest first. */
export async function openCasesOfCompany(db: Knex, companyId: string): Promise<CaseRow[]> {
  return (await db('cases').where({ company_id: companyId }).whereNull('closed_at').orderBy('created_at')).map(
    toCaseRow,
  );
}

/** How many cases a company has, open or closed. */
export async function countCasesOfCompany(db: Knex, companyId: string): Promise<number> {
  const [count] = await db('cases').where({ company_id: companyId }).count({ n: '*' });
  return Number((count as { n: number | string }).n);
}

/** The first 100 complaints filed about a case (cases.related_case_id, indexed), oldest first. */
export async function complaintsAbout(db: Knex, caseId: string): Promise<CaseRow[]> {
  return (
    await db('cases')
      .where({ related_case_id: caseId, kind: 'complaint' })
      .orderBy([{ column: 'created_at' }, { column: 'id' }])
      .limit(100)
  ).map(toCaseRow);
}

/** The reference of a case, if there is such a case. */
export async function caseReference(db: Knex, id: string): Promise<string | undefined> {
  const r = (await db('cases').where({ id }).first('reference')) as { reference: string } | undefined;
  return r?.reference;
}

/** Replaces the units a case is flagged as touching besides its own. */
export async function setInvolvedUnits(trx: Knex, caseId: string, units: string[], now: Date): Promise<void> {
  await trx('cases')
    .where({ id: caseId })
    .update({ involved_units: toJson(units), updated_at: iso(now) });
}
