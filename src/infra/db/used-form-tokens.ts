import type { Knex } from 'knex';

export interface UsedFormToken {
  nonce: string;
  caseId: string;
  form: 'complement' | 'complaint';
  resultCaseId: string | null;
}

/** Records a form's nonce; a second use of it fails on the primary key and rolls its transaction back. */
export async function recordFormTokenUse(trx: Knex, use: UsedFormToken, nowIso: string): Promise<void> {
  await trx('used_form_tokens').insert({
    nonce: use.nonce,
    case_id: use.caseId,
    form: use.form,
    result_case_id: use.resultCaseId,
    used_at: nowIso,
  });
}

export async function findFormTokenUse(db: Knex, nonce: string): Promise<UsedFormToken | undefined> {
  const r = await db('used_form_tokens').where({ nonce }).first();
  return r ? { nonce: r.nonce, caseId: r.case_id, form: r.form, resultCaseId: r.result_case_id ?? null } : undefined;
}
