import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitCodes } from '../../src/domain/units.js';
import {
  operationsOf,
  requestsFor,
  type FuzzRequest,
  type Known,
  type Operation,
} from '../support/fuzz/fuzz-requests.js';
import { poisons, replaceAt, stringPaths, validValue, type Components } from '../support/fuzz/schema-arbitrary.js';
import { companyCaseBody, complaintBody, register, send } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { awaitingComplement, pdf, postComplement, tokenOf, trackingUrl } from './tracking-fixtures.js';
import { openApiDocument } from '../../src/create-app.js';

// Every operation of the OpenAPI document is sent requests generated from its own schemas:
// mostly well-formed with one part broken, some valid, some anything at all, with every role's
// token, malformed encodings and content types, and the same request racing itself. Whatever a
// client sends, the answer is never a 5xx, and an API error is problem+json.
// FUZZ_RUNS sets the requests per operation (CI keeps it small); FUZZ_SEED replays a failure.
const runs = Number(process.env.FUZZ_RUNS ?? 25);
const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

const operations: Operation[] = operationsOf(openApiDocument() as never);

describe('every API operation under generated input', () => {
  let app: TestApp;
  let components: Components;
  let known: Known;
  let tokens: string[];
  let sent = 0;
  /** Bodies known to pass validation, so a poisoned field is what decides the answer. */
  let examples: Record<string, () => Promise<unknown[]>> = {};

  beforeAll(async () => {
    // Rate limits would answer most requests with 429 before the code behind them runs.
    const unlimited = String(1_000_000);
    app = await startTestApp({
      env: { TRACKING_RATE_LIMIT: unlimited, TRACKING_POST_RATE_LIMIT: unlimited, SURVEY_RATE_LIMIT: unlimited },
    });
    const doc = (await app.request('GET', '/api/openapi.json')).body;
    components = doc.components.schemas;
    // The document the tests were written from must be the one the app serves.
    expect(operationsOf(doc).map((o) => `${o.method} ${o.path}`)).toEqual(
      operations.map((o) => `${o.method} ${o.path}`),
    );

    const admin = await app.user('admin');
    const desk = await app.user('registrar', 'medborgarcenter');
    const officer = await app.user('officer', 'bygglov');
    const manager = await app.user('manager', 'bygglov');
    const coordinator = await app.user('coordinator');
    tokens = [admin, desk, officer, manager, coordinator].map((u) => u.token);

    const waiting = await awaitingComplement(app, desk, officer, companyCaseBody(), {
      message: 'Skicka en situationsplan.',
    });
    const url = await trackingUrl(app, officer, waiting.id);
    await postComplement(app, url, {
      message: 'Här är planen.',
      files: [{ name: 'plan.pdf', type: 'application/pdf', content: pdf() }],
    });
    const other = await register(app, desk, companyCaseBody({ category: 'serveringstillstand' }));
    await send(app, desk, other.id, 'ROUTE', { unit: 'serveringstillstand' });
    const complaint = await register(app, desk, complaintBody({ relatedCaseId: waiting.reference }));
    const escalation = await app.request('POST', '/api/escalations', {
      token: desk.token,
      body: { caseId: other.id, reason: 'Flera enheter berörs.' },
    });
    await app.request('POST', `/api/cases/${waiting.id}/notes`, {
      token: officer.token,
      body: { text: 'Ringde sökanden.' },
    });

    const versionOf = async (id: string) =>
      (await app.request('GET', `/api/cases/${id}`, { token: admin.token })).body.version as number;
    examples = {
      'POST /api/cases': async () => [companyCaseBody(), complaintBody({ relatedCaseId: waiting.reference })],
      'POST /api/escalations': async () => [{ caseId: waiting.id, reason: 'Bygglov och livsmedel i samma lokal.' }],
      'POST /api/cases/{id}/events': async () => [
        { type: 'COMPLEMENT_RECEIVED', expectedVersion: await versionOf(waiting.id), note: 'Planen kom med posten.' },
        {
          type: 'EXTEND_DEADLINE',
          expectedVersion: await versionOf(waiting.id),
          reason: 'Ärendet är ovanligt omfattande.',
          weeks: 2,
        },
      ],
      'POST /api/cases/{id}/notes': async () => [{ text: 'Ringde sökanden.' }],
      'POST /api/cases/{id}/tracking/revoke': async () => [{ reason: 'Länken skickades till fel adress.' }],
    };
    const ids = async (table: string, column = 'id') =>
      (await app.ctx.db(table).select(column)).map((r: Record<string, unknown>) => String(r[column]));
    known = {
      id: [
        waiting.id,
        waiting.reference,
        other.id,
        complaint.id,
        complaint.reference,
        escalation.body.id,
        ...(await ids('notifications')),
      ],
      userId: [admin.id, officer.id, manager.id, coordinator.id],
      unit: [...unitCodes],
      category: ['bygglov', 'livsmedel', 'serveringstillstand', 'klagomal'],
      code: await ids('guarantees', 'code'),
      fileId: await ids('complement_files'),
      token: [tokenOf(url)],
    };
  });

  afterAll(async () => {
    console.log(`API fuzz: ${sent} requests over ${operations.length} operations, ${runs} runs each`);
    await app?.close();
  });

  async function answer(req: FuzzRequest) {
    const one = async () => {
      const res = await fetch(`${app.url}${req.url}`, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        redirect: 'manual',
      });
      await res.arrayBuffer();
      return { status: res.status, type: res.headers.get('content-type') ?? '' };
    };
    sent += req.copies;
    return Promise.all(Array.from({ length: req.copies }, one));
  }

  it.each(operations.map((op) => [`${op.method} ${op.path}`, op] as const))(
    '%s answers every request without a server error',
    async (_name, op) => {
      await fc.assert(
        fc.asyncProperty(requestsFor(op, components, known, tokens), async (req) => {
          const said = `${req.method} ${req.url.slice(0, 200)} (${req.headers['content-type'] ?? 'no body'}, ${req.copies}×)`;
          for (const res of await answer(req)) {
            if (res.status >= 500) throw new Error(`${said} answered ${res.status}`);
            // 414 and 431 come from Node's HTTP parser before any route runs.
            if (
              req.url.startsWith('/api/') &&
              res.status >= 400 &&
              ![414, 431].includes(res.status) &&
              !res.type.startsWith('application/problem+json')
            ) {
              throw new Error(`${said} answered ${res.status} as ${res.type || 'nothing'}, not problem+json`);
            }
          }
        }),
        {
          numRuns: runs,
          seed,
          endOnFailure: true,
          includeErrorInReport: true,
          reporter: (out) => {
            if (out.failed)
              throw new Error(
                `${String(out.errorInstance instanceof Error ? out.errorInstance.message : out.errorInstance)}\nseed ${out.seed}, path ${out.counterexamplePath}`,
              );
          },
        },
      );
    },
    300_000,
  );

  // Random bodies rarely hit one field with one character; this walks every text field of a
  // well-formed body of each operation and poisons it in turn.
  const withJsonBody = operations.filter((op) => op.jsonSchema);
  it.each(withJsonBody.map((op) => [`${op.method} ${op.path}`, op] as const))(
    '%s takes poisoned text in every field without a server error',
    async (_name, op) => {
      const generated = fc.sample(validValue(op.jsonSchema!, components), { seed: 20261204, numRuns: 3 });
      const path = op.pathParams.reduce(
        (p, name) => p.replace(`{${name}}`, encodeURIComponent(known[name]?.[0] ?? 'x')),
        op.path,
      );
      const failures: string[] = [];
      const fixed = examples[`${op.method} ${op.path}`];
      for (const sample of [...generated, ...(fixed ? await fixed() : [])]) {
        for (const at of stringPaths(sample)) {
          for (const poison of poisons) {
            for (const token of tokens) {
              const body = JSON.stringify(replaceAt(sample, at, poison));
              const [res] = await answer({
                method: op.method,
                url: path,
                headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
                body,
                copies: 1,
              });
              if (res!.status >= 500)
                failures.push(
                  `${op.method} ${path} ${at.join('.')}=${JSON.stringify(poison.slice(0, 20))}: ${res!.status}`,
                );
            }
          }
        }
      }
      expect(failures).toEqual([]);
    },
    300_000,
  );

  // Eight copies of one well-formed write at once: replace-all writes and unique keys must
  // serialise (each copy succeeds or gets 409), never collide into a 500.
  const writes = operations.filter((op) => op.jsonSchema && op.method !== 'GET');
  it.each(writes.map((op) => [`${op.method} ${op.path}`, op] as const))(
    '%s raced by eight identical requests answers each without a server error',
    async (_name, op) => {
      const generated = fc.sample(validValue(op.jsonSchema!, components), { seed: 4, numRuns: 4 });
      const fixed = examples[`${op.method} ${op.path}`];
      const path = op.pathParams.reduce(
        (p, name) => p.replace(`{${name}}`, encodeURIComponent(known[name]?.[0] ?? 'x')),
        op.path,
      );
      const statuses: number[] = [];
      for (const sample of [...generated, ...(fixed ? await fixed() : [])]) {
        for (const token of tokens) {
          const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
          statuses.push(
            ...(await answer({ method: op.method, url: path, headers, body: JSON.stringify(sample), copies: 8 })).map(
              (r) => r.status,
            ),
          );
        }
      }
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
    },
    300_000,
  );

  it('sent every operation its requests', () => {
    expect(sent).toBeGreaterThanOrEqual(operations.length * runs);
  });
});
