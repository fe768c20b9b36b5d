import type { TestApp, TestUser } from './test-app.js';

export const saab = { orgNumber: '5560360793', name: 'Saab AB' };
export const contactAnna = { name: 'Anna Svensson', email: 'anna@example.se', phone: '+46701234567' };

export function companyCaseBody(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'company_case',
    category: 'bygglov',
    channel: 'phone',
    subject: 'Bygglov för ny lagerhall',
    description: 'Ansökan om bygglov för en lagerhall på 2 000 kvm.',
    company: saab,
    contact: contactAnna,
    ...overrides,
  };
}

export function complaintBody(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'complaint',
    channel: 'email',
    subject: 'Otrevligt bemötande i telefon',
    description: 'Handläggaren avbröt samtalet.',
    company: saab,
    contact: contactAnna,
    concerns: ['treatment'],
    ...overrides,
  };
}

export async function register(app: TestApp, user: TestUser, body: Record<string, unknown>) {
  const res = await app.request('POST', '/api/cases', { token: user.token, body });
  if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Sends an event with the case's current version and fails loudly if it is refused. */
export async function send(
  app: TestApp,
  user: TestUser,
  caseId: string,
  type: string,
  payload: Record<string, unknown> = {},
) {
  const current = await app.request('GET', `/api/cases/${caseId}`, { token: user.token });
  const res = await app.request('POST', `/api/cases/${caseId}/events`, {
    token: user.token,
    body: { type, expectedVersion: current.body.version, ...payload },
  });
  if (res.status !== 200) throw new Error(`${type} refused: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A company case routed to `unit` by `user`; `overrides` change the registration body. */
export async function routedCase(app: TestApp, user: TestUser, unit: string, overrides: Record<string, unknown> = {}) {
  const c = await register(app, user, companyCaseBody(overrides));
  await send(app, user, c.id, 'ROUTE', { unit });
  return c as { id: string; reference: string };
}

export async function tableCounts(app: TestApp) {
  const tables = ['cases', 'companies', 'contacts', 'case_events', 'outbox', 'reference_counters'];
  const out: Record<string, number> = {};
  for (const t of tables) {
    const [row] = await app.ctx.db(t).count({ n: '*' });
    out[t] = Number((row as { n: number | string }).n);
  }
  return out;
}
