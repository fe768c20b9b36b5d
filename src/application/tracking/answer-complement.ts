import { createHash, randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { checkComplementFile, cleanFileName, COMPLEMENT_LIMITS } from '../../domain/complement-files.js';
import { AppError, type FieldError } from '../../domain/errors.js';
import { optionalText } from '../../domain/text.js';
import { formTokenNonce } from '../../domain/tracking-token.js';
import { findFormTokenUse, recordFormTokenUse } from '../../infra/db/used-form-tokens.js';
import { nextOfficeInstant } from '../../domain/working-days.js';
import { companyCaseEventSchemas } from '../../../workflows/company-case-events.js';
import type { CaseRow } from '../../infra/db/case-repository.js';
import {
  insertComplementFiles,
  type ComplementFileMeta,
  type NewComplementFile,
} from '../../infra/db/tracking-repository.js';
import { iso } from '../../infra/db/rows.js';
import { commitCaseEvent } from '../send-case-event.js';
import { recordStaffNotice } from '../staff-notices.js';
import { zodFieldErrors } from '../zod-errors.js';
import { ensureEserviceUser } from './eservice-actor.js';
import { resolveTracking } from './resolve-tracking.js';
import { staffCaseUrl } from '../staff-links.js';
import { txContextOf } from '../tx-context.js';

export interface IncomingFile {
  name: string;
  content: Buffer;
}

export interface ComplementAnswer {
  message: unknown;
  formToken: unknown;
  files: IncomingFile[];
}

const messageSchema = optionalText(COMPLEMENT_LIMITS.messageChars);

/** Every file judged before anything is written; the errors name each file that is refused. */
function checkInput(input: ComplementAnswer): { message: string; files: (IncomingFile & { mediaType: string })[] } {
  const errors: FieldError[] = [];
  const parsed = messageSchema.safeParse(input.message ?? '');
  if (!parsed.success) errors.push(...zodFieldErrors(parsed.error, 'message'));
  if (input.files.length > COMPLEMENT_LIMITS.files)
    errors.push({ path: 'files', message: `Du kan skicka högst ${COMPLEMENT_LIMITS.files} filer åt gången.` });
  const files: (IncomingFile & { mediaType: string })[] = [];
  input.files.forEach((f, i) => {
    const name = cleanFileName(f.name);
    if (f.content.length > COMPLEMENT_LIMITS.fileBytes)
      return errors.push({ path: `files.${i}`, message: `Filen "${name}" är större än 10 MB.` });
    const check = checkComplementFile(name, f.content);
    if (!check.ok) return errors.push({ path: `files.${i}`, message: check.message });
    files.push({ name, content: f.content, mediaType: check.mediaType });
  });
  const message = parsed.success ? parsed.data : '';
  if (errors.length === 0 && !message && files.length === 0)
    errors.push({ path: 'message', message: 'Skriv ett meddelande eller bifoga minst en fil.' });
  if (errors.length)
    throw new AppError(
      'invalid_input',
      errors.length === 1 ? errors[0]!.message : 'Kompletteringen kunde inte tas emot.',
      errors,
    );
  return { message, files };
}

/**
 * A company answers a complement request from its tracking page: the files and the case's
 * COMPLEMENT_RECEIVED in one transaction, through the same core an officer's event takes, so
 * the decision clock resumes or restarts exactly as when the officer records it. The officer
 * hears of it by mail in office hours. The form is one-time: its nonce is recorded in the same
 * transaction, so the same form sent again (double click, a tab left open until the next
 * complement request) registers nothing.
 */
export async function answerComplement(
  ctx: AppContext,
  token: string,
  input: ComplementAnswer,
): Promise<{ row: CaseRow; files: ComplementFileMeta[] }> {
  const now = ctx.clock.now();
  const actor = await ensureEserviceUser(ctx.db, now);
  let nonce: string | undefined;
  return ctx.db
    .transaction(async (trx) => {
      const tx = txContextOf(ctx, trx);
      const { row, generation, keys } = await resolveTracking(ctx, token, trx);
      nonce = formTokenNonce(keys.secret, row.id, generation, 'complement', input.formToken);
      if (!nonce) throw new AppError('forbidden', 'Formuläret har gått ut. Ladda om sidan och skicka igen.');
      if (await findFormTokenUse(trx, nonce)) throw alreadySent();
      await recordFormTokenUse(trx, { nonce, caseId: row.id, form: 'complement', resultCaseId: null }, iso(now));
      if (row.kind !== 'company_case' || row.status !== 'awaiting_complement') {
        throw new AppError('event_not_accepted', 'Ärendet väntar inte på någon komplettering just nu.', [], {
          caseStatus: row.status,
        });
      }
      const { message, files } = checkInput(input);
      const payload = companyCaseEventSchemas.COMPLEMENT_RECEIVED.strict().parse(message ? { note: message } : {});
      const nowIso = iso(now);
      const stored: NewComplementFile[] = files.map((f) => ({
        id: randomUUID(),
        caseId: row.id,
        caseVersion: row.version + 1,
        name: f.name,
        mediaType: f.mediaType,
        sizeBytes: f.content.length,
        sha256: createHash('sha256').update(f.content).digest('hex'),
        content: f.content,
        createdAt: nowIso,
      }));
      await insertComplementFiles(trx, stored);
      const updated = await commitCaseEvent(
        tx,
        row,
        {
          actorId: actor.id,
          type: 'COMPLEMENT_RECEIVED',
          payload,
          auditExtra: { via: 'tracking_page', files: stored.map((f) => ({ id: f.id, name: f.name })) },
        },
        now,
      );
      const deliverAfter = nextOfficeInstant(now, await ctx.reference.closingDays(trx)).toISOString();
      await recordStaffNotice(
        tx,
        {
          key: `case-${row.id}-v${updated.version}-complement-arrived`,
          caseId: row.id,
          escalationId: null,
          deadlineId: null,
          template: 'complement_arrived',
          data: {
            reference: row.reference,
            subject: row.subject,
            fileCount: stored.length,
            caseUrl: staffCaseUrl(ctx.config, row.reference),
          },
          deliverAfter,
          rule: { of: 'case', withManagers: false },
        },
        now,
      );
      return { row: updated, files: stored.map(({ content: _c, ...meta }) => meta) };
    })
    .catch(async (err: unknown) => {
      // The same form sent twice at once: the other submit holds the nonce.
      if (!(err instanceof AppError) && nonce && (await findFormTokenUse(ctx.db, nonce))) throw alreadySent();
      throw err;
    });
}

const alreadySent = () =>
  new AppError('event_not_accepted', 'Kompletteringen är redan mottagen. Du behöver inte skicka den igen.');
