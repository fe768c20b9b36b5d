import { html, type Html } from '../views/html.js';
import { renderStaffPage } from './staff-layout.js';

export interface LoginPageOptions {
  csrfToken: string;
  next: string;
  email?: string;
  /** A refusal (wrong password, locked account), shown above the form. */
  error?: string;
  /** A neutral note (logged out, session expired). */
  notice?: string;
  /** The single sign-on link's label, when single sign-on is configured. */
  sso?: string;
}

export function loginPage(o: LoginPageOptions): string {
  const ssoHref = `/login/sso?${new URLSearchParams({ next: o.next })}`;
  const body: Html = html`<h1>Logga in</h1>
${o.notice ? html`<p class="notice" role="status">${o.notice}</p>` : ''}
${o.error ? html`<div class="error-summary" role="alert" id="fel"><h2>Inloggningen misslyckades</h2><p>${o.error}</p></div>` : ''}
<form method="post" action="/login" novalidate>
<input type="hidden" name="_csrf" value="${o.csrfToken}">
<input type="hidden" name="next" value="${o.next}">
<label for="email">E-postadress</label>
<input id="email" name="email" type="email" autocomplete="username" required spellcheck="false" value="${o.email ?? ''}">
<label for="password">Lösenord</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Logga in</button>
</form>
${o.sso ? html`<p class="or">Eller</p><p><a class="button secondary" href="${ssoHref}">${o.sso}</a></p>` : ''}
<p class="meta">Har du glömt ditt lösenord, eller är kontot låst? Kontakta en administratör för Handslag.</p>`;
  return renderStaffPage({ title: 'Logga in', user: null, csrfToken: o.csrfToken, body, narrow: true });
}
