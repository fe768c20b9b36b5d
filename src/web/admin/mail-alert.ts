import type { RequestHandler } from 'express';
import type { AppContext } from '../../context.js';
import { mailTroubleNow } from '../../application/mail-status.js';
import { html, type Html } from '../../views/html.js';
import { swedishDateTime } from '../cases/case-format.js';

const MAIL_PAGE = '/admin/e-post';

const many = (n: number, one: string, several: string) => `${n} ${n === 1 ? one : several}`;

/**
 * What an administrator must hear about the mail on every page: mail that has been failing for
 * longer than `MAIL_ALERT_AFTER_MS` (an hour), and mails that are uncertain or failed and wait
 * for someone to decide. Null when all is well.
 */
export async function mailAlert(ctx: AppContext, onMailPage = false): Promise<Html | null> {
  const t = await mailTroubleNow(ctx);
  const lines: Html[] = [];
  if (t.failingSince) {
    lines.push(
      html`<p><strong>E-post går inte att skicka.</strong> ${many(t.failing, 'meddelande', 'meddelanden')} har inte gått fram sedan ${swedishDateTime(t.failingSince)} och försöks igen automatiskt i minst ett dygn. Kontrollera e-postservern.</p>`,
    );
  }
  if (t.uncertain > 0) {
    lines.push(
      html`<p>${many(t.uncertain, 'meddelande är osäkert', 'meddelanden är osäkra')}: sändningen avbröts och ${t.uncertain === 1 ? 'det' : 'de'} kan ha gått fram. Bestäm om ${t.uncertain === 1 ? 'det' : 'de'} har gått fram eller ska skickas igen.</p>`,
    );
  }
  if (t.failed > 0)
    lines.push(
      html`<p>${many(t.failed, 'meddelande har misslyckats', 'meddelanden har misslyckats')} efter alla automatiska försök.</p>`,
    );
  if (lines.length === 0) return null;
  // On the mail page itself the lists are right below; a link to the page one is on leads nowhere.
  const link = onMailPage ? '' : html`<p><a href="${MAIL_PAGE}">Gå till E-post som misslyckats</a></p>`;
  return html`<div class="alert" role="status" id="e-postlarm">${lines}${link}</div>`;
}

/** Puts the mail alert on an administrator's pages; other roles are not troubled with it. */
export function mailAlertForAdmins(ctx: AppContext): RequestHandler {
  return async (req, _res, next) => {
    if (req.staff?.role === 'admin') {
      const alert = await mailAlert(ctx, req.path === MAIL_PAGE).catch((err: Error) => {
        ctx.logger.warn({ err }, 'could not read the mail alert');
        return null;
      });
      if (alert) Object.assign(req.staff, { alert });
    }
    next();
  };
}
