import type { Notification } from '../../infra/db/notification-repository.js';
import { html } from '../../http/views/html.js';
import { audienceLabels, mailTemplateLabels, swedishDateTime } from '../cases/case-format.js';
import type { PageUser } from '../staff-layout.js';
import { notice, renderAdminPage } from './admin-layout.js';

export function failedMailPage(o: { user: PageUser; csrfToken: string; mails: Notification[]; limit: number; notice?: string }): string {
  const item = (n: Notification) => {
    const what = mailTemplateLabels[n.template] ?? n.template;
    return html`<li>
<h3>${what}</h3>
<p>Till ${(audienceLabels[n.audience] ?? n.audience).toLowerCase()}: ${n.recipient}</p>
<p class="meta">Skapat ${swedishDateTime(n.createdAt)} · misslyckades efter ${n.attempts} försök${n.caseId ? html` · <a href="/arenden/${n.caseId}">ärendet<span class="visually-hidden"> som ${what.toLowerCase()} till ${n.recipient} gäller</span></a>` : ''}</p>
${n.lastError ? html`<p class="mail-error">${n.lastError}</p>` : ''}
<form method="post" action="/admin/e-post/${n.id}/skicka-igen"><input type="hidden" name="_csrf" value="${o.csrfToken}"><button type="submit">Skicka igen<span class="visually-hidden">: ${what} till ${n.recipient}</span></button></form>
</li>`;
  };
  const body = html`<h1>E-post som misslyckats</h1>
${notice(o.notice)}
<p>Meddelanden som inte gick fram efter alla automatiska försök. Rätta orsaken först (till exempel en felaktig adress i ärendet eller ett stopp hos e-postservern) och skicka sedan igen. Meddelandet skickas en gång till med samma innehåll.</p>
<section aria-labelledby="lista-h">
<h2 id="lista-h">Misslyckade meddelanden (${o.mails.length}${o.mails.length === o.limit ? ' senaste' : ''})</h2>
${o.mails.length ? html`<ul class="admin-list">${o.mails.map(item)}</ul>` : html`<p>Inga meddelanden har misslyckats.</p>`}
</section>`;
  return renderAdminPage({ title: 'E-post som misslyckats', user: o.user, csrfToken: o.csrfToken, body, current: '/admin/e-post' });
}
