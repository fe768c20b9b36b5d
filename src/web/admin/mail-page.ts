import type { Notification } from '../../application/mail-status.js';
import { html } from '../../views/html.js';
import { audienceLabels, mailTemplateLabels, swedishDateTime } from '../cases/case-format.js';
import type { PageUser } from '../staff-layout.js';
import { notice, renderAdminPage } from './admin-layout.js';

export function failedMailPage(o: {
  user: PageUser;
  csrfToken: string;
  failed: Notification[];
  uncertain: Notification[];
  limit: number;
  notice?: string;
}): string {
  const item = (n: Notification) => {
    const what = mailTemplateLabels[n.template] ?? n.template;
    const outcome =
      n.status === 'uncertain' ? `avbröts under försök ${n.attempts}` : `misslyckades efter ${n.attempts} försök`;
    return html`<li>
<h3>${what}</h3>
<p>Till ${(audienceLabels[n.audience] ?? n.audience).toLowerCase()}: ${n.recipient}</p>
<p class="meta">Skapat ${swedishDateTime(n.createdAt)} · ${outcome}${n.caseId ? html` · <a href="/arenden/${n.caseId}">ärendet<span class="visually-hidden"> som ${what.toLowerCase()} till ${n.recipient} gäller</span></a>` : ''}</p>
${n.lastError ? html`<p class="mail-error">${n.lastError}</p>` : ''}
<form method="post" action="/admin/e-post/${n.id}/skicka-igen"><input type="hidden" name="_csrf" value="${o.csrfToken}"><button type="submit">Skicka igen<span class="visually-hidden">: ${what} till ${n.recipient}</span></button></form>
${n.status === 'uncertain' ? html`<form method="post" action="/admin/e-post/${n.id}/gatt-fram"><input type="hidden" name="_csrf" value="${o.csrfToken}"><button type="submit" class="secondary">Det har gått fram<span class="visually-hidden">: ${what} till ${n.recipient}</span></button></form>` : ''}
</li>`;
  };
  const count = (list: Notification[]) => `${list.length}${list.length === o.limit ? ' senaste' : ''}`;
  const body = html`<h1>E-post som misslyckats</h1>
${notice(o.notice)}
<p>Ett meddelande som inte går fram försöks igen automatiskt i minst ett dygn innan det räknas som misslyckat. Rätta orsaken först (till exempel en felaktig adress i ärendet eller ett stopp hos e-postservern) och skicka sedan igen. Meddelandet skickas en gång till med samma innehåll och samma meddelande-id.</p>
<section aria-labelledby="osakra-h">
<h2 id="osakra-h">Osäkra meddelanden (${count(o.uncertain)})</h2>
<p>Sändningen avbröts efter att meddelandet lämnats till e-postservern men innan den svarade. Det kan ha gått fram, och skickas därför aldrig igen av sig självt. Fråga gärna mottagaren: har meddelandet kommit fram väljer du <em>Det har gått fram</em>, annars <em>Skicka igen</em>.</p>
${o.uncertain.length ? html`<ul class="admin-list">${o.uncertain.map(item)}</ul>` : html`<p>Inga meddelanden är osäkra.</p>`}
</section>
<section aria-labelledby="lista-h">
<h2 id="lista-h">Misslyckade meddelanden (${count(o.failed)})</h2>
${o.failed.length ? html`<ul class="admin-list">${o.failed.map(item)}</ul>` : html`<p>Inga meddelanden har misslyckats.</p>`}
</section>`;
  return renderAdminPage({
    title: 'E-post som misslyckats',
    user: o.user,
    csrfToken: o.csrfToken,
    body,
    current: '/admin/e-post',
  });
}
