import type { Knex } from 'knex';

export interface CaseNoteRow {
  id: string;
  caseId: string;
  authorId: string;
  authorName: string | null;
  body: string;
  createdAt: string;
}

export async function insertCaseNote(trx: Knex, n: Omit<CaseNoteRow, 'authorName'>): Promise<void> {
  await trx('case_notes').insert({
    id: n.id,
    case_id: n.caseId,
    author_id: n.authorId,
    body: n.body,
    created_at: n.createdAt,
  });
}

/** A case's notes oldest first, with their authors' names; ids break ties within one millisecond. */
export async function listCaseNotes(db: Knex, caseId: string): Promise<CaseNoteRow[]> {
  const rows = await db('case_notes as n')
    .leftJoin('users as u', 'u.id', 'n.author_id')
    .where('n.case_id', caseId)
    .orderBy([{ column: 'n.created_at' }, { column: 'n.id' }])
    .select('n.id', 'n.case_id', 'n.author_id', 'u.name as author_name', 'n.body', 'n.created_at');
  return rows.map((r: Record<string, unknown>) => ({
    id: r.id as string,
    caseId: r.case_id as string,
    authorId: r.author_id as string,
    authorName: (r.author_name as string | null) ?? null,
    body: r.body as string,
    createdAt: r.created_at as string,
  }));
}
