import type { Knex } from 'knex';
import { escalationsOfCase } from '../infra/db/escalation-repository.js';

/** The id of the newest "dukat bord" a case sits or sat at, if any. */
export async function newestTableOf(ctx: { db: Knex }, caseId: string): Promise<string | undefined> {
  return (await escalationsOfCase(ctx.db, caseId))[0]?.id;
}
