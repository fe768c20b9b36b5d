import { expect } from 'vitest';
import type { CaseView } from '../../src/application/case-view-schema.js';
import type { EscalationView } from '../../src/application/escalation-view-schema.js';
import type { ApiResponse, TestApp, TestUser } from './test-app.js';

export type { CaseView, EscalationView };

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

export async function register(app: TestApp, user: TestUser, body: Record<string, unknown>): Promise<CaseView> {
  const res = await app.request<CaseView>('POST', '/api/cases', { token: user.token, body });
  if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A case as `user` reads it, by id or reference. */
export const getCase = (app: TestApp, user: TestUser, idOrReference: string) =>
  app.request<CaseView>('GET', `/api/cases/${idOrReference}`, { token: user.token });

/** A service-group table as `user` reads it. */
export const getTable = (app: TestApp, user: TestUser, id: string) =>
  app.request<EscalationView>('GET', `/api/escalations/${id}`, { token: user.token });

interface Resources {
  cases: CaseView;
  escalations: EscalationView;
}

/**
 * Posts an event to a case or a table with the version it has now, read just before as `user`;
 * the answer is returned as it came, refusals too, beside what `user` read before.
 */
export async function postAtCurrentVersion<R extends keyof Resources>(
  app: TestApp,
  user: TestUser,
  resource: R,
  id: string,
  type: string,
  payload: Record<string, unknown> = {},
): Promise<{ res: ApiResponse; before: Resources[R] }> {
  const current = await app.request<Resources[R]>('GET', `/api/${resource}/${id}`, { token: user.token });
  const res = await app.request('POST', `/api/${resource}/${id}/events`, {
    token: user.token,
    body: { type, expectedVersion: current.body.version, ...payload },
  });
  return { res, before: current.body };
}

/** Sends an event with the case's current version and fails loudly if it is refused. */
export async function send(
  app: TestApp,
  user: TestUser,
  caseId: string,
  type: string,
  payload: Record<string, unknown> = {},
): Promise<CaseView> {
  const { res } = await postAtCurrentVersion(app, user, 'cases', caseId, type, payload);
  if (res.status !== 200) throw new Error(`${type} refused: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as CaseView;
}

/** Sends an event with the table's current version and fails loudly if it is refused. */
export async function sendToTable(
  app: TestApp,
  user: TestUser,
  escalationId: string,
  type: string,
  payload: Record<string, unknown> = {},
): Promise<EscalationView> {
  const { res } = await postAtCurrentVersion(app, user, 'escalations', escalationId, type, payload);
  if (res.status !== 200) throw new Error(`${type} refused: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as EscalationView;
}

/** A company case routed to `unit` by `user`; `overrides` change the registration body. */
export async function routedCase(app: TestApp, user: TestUser, unit: string, overrides: Record<string, unknown> = {}) {
  const c = await register(app, user, companyCaseBody(overrides));
  await send(app, user, c.id, 'ROUTE', { unit });
  return c;
}

/**
 * Every table a use case writes to (not the users table: tests add users as they go, and not the
 * seeded reference data only migrations write). A refused request leaves every count as it was.
 */
export const WRITTEN_TABLES = [
  'cases',
  'companies',
  'contacts',
  'company_name_changes',
  'case_events',
  'case_notes',
  'outbox',
  'reference_counters',
  'deadlines',
  'notifications',
  'closing_days',
  'guarantees',
  'guarantee_versions',
  'category_units',
  'service_group_members',
  'escalations',
  'escalation_cases',
  'escalation_events',
  'escalation_actions',
  'company_visits',
  'company_visit_follow_ups',
  'complement_files',
  'used_form_tokens',
  'surveys',
  'survey_tokens',
  'survey_consents',
  'survey_answers',
  'settings',
  'report_months',
  'guarantee_month_counts',
  'decision_lead_times',
] as const;

/** The number of rows in each of WRITTEN_TABLES, but for the tables `except` names. */
export async function tableCounts(
  app: TestApp,
  except: readonly (typeof WRITTEN_TABLES)[number][] = [],
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of WRITTEN_TABLES.filter((name) => !except.includes(name))) {
    const [row] = await app.ctx.db(t).count({ n: '*' });
    out[t] = Number((row as { n: number | string }).n);
  }
  return out;
}

/** Runs `act` and asserts that not a single row was written in any of WRITTEN_TABLES. */
export async function expectNothingWritten<T>(app: TestApp, act: () => Promise<T>): Promise<T> {
  const before = await tableCounts(app);
  const result = await act();
  expect(await tableCounts(app)).toEqual(before);
  return result;
}
