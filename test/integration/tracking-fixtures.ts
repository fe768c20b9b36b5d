import type { TestApp, TestUser } from '../support/test-app.js';
import { register, send } from '../support/fixtures.js';

/** "/track/<token>" of a link: the test app listens elsewhere than PUBLIC_BASE_URL says. */
export const pathOf = (url: string) => new URL(url).pathname;
export const tokenOf = (url: string) => pathOf(url).split('/').pop()!;

export async function trackingUrl(app: TestApp, user: TestUser, caseId: string): Promise<string> {
  const res = await app.request('GET', `/api/cases/${caseId}`, { token: user.token });
  if (res.status !== 200 || typeof res.body.trackingUrl !== 'string')
    throw new Error(`no tracking link: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.trackingUrl;
}

export const asJson = { accept: 'application/json' };

export async function publicView(app: TestApp, url: string) {
  const res = await app.request('GET', pathOf(url), { headers: asJson });
  if (res.status !== 200) throw new Error(`tracking page answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface UploadFile {
  name: string;
  type: string;
  content: Buffer | string;
}

/** A multipart POST as a browser's form sends it. */
export async function postComplement(
  app: TestApp,
  url: string,
  form: { message?: string; formToken?: string; files?: UploadFile[] },
  headers: Record<string, string> = asJson,
) {
  const body = new FormData();
  if (form.formToken !== undefined) body.append('formToken', form.formToken);
  if (form.message !== undefined) body.append('message', form.message);
  for (const f of form.files ?? [])
    body.append(
      'files',
      new Blob([typeof f.content === 'string' ? f.content : new Uint8Array(f.content)], { type: f.type }),
      f.name,
    );
  const res = await fetch(`${app.url}${pathOf(url)}/complement`, { method: 'POST', body, headers, redirect: 'manual' });
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // HTML
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

export const pdf = (text = 'Situationsplan') =>
  Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');

/** A company case at a complement request, with the officer's message and due date. */
export async function awaitingComplement(
  app: TestApp,
  desk: TestUser,
  officer: TestUser,
  body: Record<string, unknown>,
  request: { message: string; dueDate?: string },
) {
  const c = await register(app, desk, body);
  await send(app, desk, c.id, 'ROUTE', { unit: officer.unit });
  await send(app, officer, c.id, 'ASSIGN', { assigneeId: officer.id });
  await send(app, officer, c.id, 'START');
  return send(app, officer, c.id, 'REQUEST_COMPLEMENT', request);
}
