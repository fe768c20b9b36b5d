import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import { mayAddCaseNote, type Actor } from '../domain/roles.js';
import { plainText } from '../domain/text.js';
import { insertCaseEvent } from '../infra/db/audit-repository.js';
import { insertCaseNote, listCaseNotes } from '../infra/db/case-note-repository.js';
import { iso } from '../infra/db/rows.js';
import { getVisibleCase, visibleCaseIn } from './get-visible-case.js';
import { parseInput } from './parse-input.js';
import { inTransaction } from './tx-context.js';

export const CASE_NOTE_MAX = 4000;

export const caseNoteInputSchema = z
  .object({ body: plainText(CASE_NOTE_MAX).meta({ description: 'The note, 1–4000 characters after trimming' }) })
  .strict()
  .meta({ id: 'CaseNoteInput' });

export const caseNoteSchema = z
  .object({
    id: z.uuid(),
    author: z.object({ id: z.uuid(), name: z.string() }),
    body: z.string(),
    createdAt: z.string().meta({ example: '2026-11-27T09:15:00.000Z' }),
  })
  .meta({ id: 'CaseNote', description: 'An internal note: for staff only, never shown to the company' });

export type CaseNote = z.output<typeof caseNoteSchema>;

/**
 * Adds an internal note. The note and the audit line that records it commit together; the audit
 * line names the note by id only, so the text stays out of every payload the history carries.
 * Like flagged units, a note is no lifecycle event: the case's state and version stay as they
 * are, so no form open on the case goes stale because a colleague wrote a note.
 */
export async function addCaseNote(
  ctx: AppContext,
  actor: Actor,
  idOrReference: string,
  input: unknown,
): Promise<CaseNote> {
  const now = iso(ctx.clock.now());
  return inTransaction(ctx, async ({ trx }) => {
    const row = await visibleCaseIn(trx, actor, idOrReference);
    if (!mayAddCaseNote(actor, row))
      throw new AppError('forbidden', 'Din roll får inte skriva anteckningar i ärenden.');
    const { body } = parseInput(caseNoteInputSchema, input);
    const id = randomUUID();
    await insertCaseNote(trx, { id, caseId: row.id, authorId: actor.id, body, createdAt: now });
    await insertCaseEvent(trx, {
      caseId: row.id,
      actorId: actor.id,
      type: 'NOTE_ADDED',
      payload: { noteId: id },
      fromState: row.status,
      toState: row.status,
      caseVersion: row.version,
      createdAt: now,
    });
    return { id, author: { id: actor.id, name: actor.name }, body, createdAt: now };
  });
}

/** A case's internal notes, oldest first, for anyone on the staff who may see the case. */
export async function caseNotes(ctx: AppContext, actor: Actor, idOrReference: string): Promise<CaseNote[]> {
  const row = await getVisibleCase(ctx, actor, idOrReference);
  return (await listCaseNotes(ctx.db, row.id)).map((n) => ({
    id: n.id,
    author: { id: n.authorId, name: n.authorName ?? 'Okänd användare' },
    body: n.body,
    createdAt: n.createdAt,
  }));
}
