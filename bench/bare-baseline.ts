import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';

/**
 * The same writes as Handslag, done the shortest way: node:http, JSON.parse, hand checks and
 * prepared better-sqlite3 statements, one transaction per request. No express, zod, xstate,
 * knex, logging or authentication. It runs on a database that the real migrations created,
 * so both sides maintain the same tables and indexes.
 */
export interface BareBaseline {
  url: string;
  /** Registers `n` cases without HTTP, to stock the transition scenario. */
  registerDirect(n: number): void;
  /** Cases still in `registered` at version 1: each takes exactly one ROUTE. */
  routableCaseIds(): string[];
  count(table: 'cases' | 'case_events' | 'outbox'): number;
  countEvents(type: string): number;
  close(): Promise<void>;
}

/** SQL statements per request, BEGIN and COMMIT included, as the handlers below run them. */
export const baselineStatements = { register: 7, transition: 6 } as const;

interface CompanyCaseInput {
  category: string;
  channel: string;
  subject: string;
  description: string;
  company: { orgNumber: string; name: string };
  contact: { name: string; email: string | null; phone: string | null };
}

class BadRequest extends Error {}

const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

function readRegistration(body: unknown): CompanyCaseInput {
  const b = body as Record<string, unknown> | null;
  const company = b?.company as Record<string, unknown> | undefined;
  const contact = b?.contact as Record<string, unknown> | undefined;
  if (!b || b.kind !== 'company_case' || !str(b.category, 60) || !str(b.channel, 20) || !str(b.subject, 300))
    throw new BadRequest('case');
  if (!company || !str(company.orgNumber, 20) || !str(company.name, 300)) throw new BadRequest('company');
  if (!contact || !str(contact.name, 200)) throw new BadRequest('contact');
  const email = typeof contact.email === 'string' ? contact.email : null;
  const phone = typeof contact.phone === 'string' ? contact.phone : null;
  if (!email && !phone) throw new BadRequest('contact');
  return {
    category: b.category,
    channel: b.channel,
    subject: b.subject.trim(),
    description: typeof b.description === 'string' ? b.description.trim() : '',
    company: { orgNumber: company.orgNumber, name: company.name.trim() },
    contact: { name: contact.name.trim(), email, phone },
  };
}

// Stands in for the Luhn check and formatting that Handslag does with a library.
function orgNumberOf(raw: string): string {
  const digits = raw.replace(/\D/g, '').slice(-10);
  if (digits.length !== 10) throw new BadRequest('orgNumber');
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

// The shape xstate persists for a fresh company case, so rows are as large as Handslag's.
const initialSnapshot = {
  status: 'active',
  value: 'registered',
  historyValue: {},
  context: {
    unit: null,
    assigneeId: null,
    complementRequests: 0,
    extension: null,
    decision: null,
    resolution: null,
    reopenCount: 0,
    withdrawReason: null,
  },
  children: {},
};
const routableFrom = new Set(['registered', 'routed', 'assigned']);

export async function startBareBaseline(filename: string): Promise<BareBaseline> {
  const db = new Database(filename);
  // The pragmas Handslag's knex connection sets, so durability and locking are alike.
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');

  const actorId = randomUUID();
  db.prepare(
    `insert into users (id, name, email, role, unit, token_hash, active, created_at) values (?, ?, ?, 'registrar', null, ?, 1, ?)`,
  ).run(
    actorId,
    'Baseline desk',
    `baseline.${actorId.slice(0, 8)}@kommun.example`,
    randomUUID().replace(/-/g, '').padEnd(64, '0'),
    new Date().toISOString(),
  );

  const upsertCompany = db.prepare(
    `insert into companies (id, org_number, id_kind, name, created_at, updated_at) values (?, ?, 'organisation', ?, ?, ?)
     on conflict (org_number) do update set name = excluded.name, updated_at = excluded.updated_at
     returning id`,
  );
  const insertContact = db.prepare(
    `insert into contacts (id, company_id, name, email, phone, created_at) values (?, ?, ?, ?, ?, ?)`,
  );
  const nextNumber = db.prepare(
    `insert into reference_counters (year, last_number) values (?, 1)
     on conflict (year) do update set last_number = reference_counters.last_number + 1
     returning last_number`,
  );
  const insertCase = db.prepare(
    `insert into cases (id, reference, kind, category, channel, status, machine_id, machine_version, snapshot, version, unit,
       assignee_id, company_id, contact_id, related_case_id, subject, description, concerns, anonymous, created_by,
       received_at, created_at, updated_at, closed_at)
     values (?, ?, 'company_case', ?, ?, 'registered', 'company_case', '1', ?, 1, null, null, ?, ?, null, ?, ?, null, 0, ?, ?, ?, ?, null)`,
  );
  const insertEvent = db.prepare(
    `insert into case_events (case_id, actor_id, type, payload, from_state, to_state, case_version, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertOutbox = db.prepare(`insert into outbox (topic, case_id, payload, created_at) values (?, ?, ?, ?)`);
  const findCase = db.prepare(`select id, reference, status, snapshot, version, unit from cases where id = ?`);
  const updateIfVersion = db.prepare(
    `update cases set status = ?, snapshot = ?, unit = ?, assignee_id = ?, updated_at = ?, version = ? where id = ? and version = ?`,
  );

  const register = db.transaction((input: CompanyCaseInput) => {
    const now = new Date().toISOString();
    const orgNumber = orgNumberOf(input.company.orgNumber);
    const companyId = (upsertCompany.get(randomUUID(), orgNumber, input.company.name, now, now) as { id: string }).id;
    const contactId = randomUUID();
    insertContact.run(contactId, companyId, input.contact.name, input.contact.email, input.contact.phone, now);
    const year = Number(now.slice(0, 4));
    const n = (nextNumber.get(year) as { last_number: number }).last_number;
    const id = randomUUID();
    const reference = `HS-${year}-${String(n).padStart(6, '0')}`;
    insertCase.run(
      id,
      reference,
      input.category,
      input.channel,
      JSON.stringify(initialSnapshot),
      companyId,
      contactId,
      input.subject,
      input.description,
      actorId,
      now,
      now,
      now,
    );
    insertEvent.run(
      id,
      actorId,
      'REGISTERED',
      JSON.stringify({ channel: input.channel, category: input.category, receivedAt: now, relatedCaseId: null }),
      null,
      'registered',
      1,
      now,
    );
    return {
      id,
      reference,
      kind: 'company_case',
      category: input.category,
      channel: input.channel,
      status: 'registered',
      version: 1,
      unit: null,
      subject: input.subject,
      description: input.description,
      company: { orgNumber, name: input.company.name },
      contact: input.contact,
      receivedAt: now,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
    };
  });

  const route = db.transaction((id: string, expectedVersion: number, unit: string): [number, unknown] => {
    const row = findCase.get(id) as
      | { id: string; reference: string; status: string; snapshot: string; version: number; unit: string | null }
      | undefined;
    if (!row) return [404, { detail: 'not found' }];
    if (row.version !== expectedVersion) return [409, { detail: 'version conflict', currentVersion: row.version }];
    if (!routableFrom.has(row.status)) return [422, { detail: `not accepted in ${row.status}` }];
    const snapshot = JSON.parse(row.snapshot) as {
      value: string;
      context: { unit: string | null; assigneeId: string | null };
    };
    const assigneeId = unit === snapshot.context.unit ? snapshot.context.assigneeId : null;
    const next = { ...snapshot, value: 'routed', context: { ...snapshot.context, unit, assigneeId } };
    const now = new Date().toISOString();
    const version = row.version + 1;
    if (
      updateIfVersion.run('routed', JSON.stringify(next), unit, assigneeId, now, version, id, row.version).changes !== 1
    )
      return [409, { detail: 'version conflict' }];
    insertEvent.run(id, actorId, 'ROUTE', JSON.stringify({ unit }), row.status, 'routed', version, now);
    insertOutbox.run(
      'case.transitioned',
      id,
      JSON.stringify({ caseId: id, event: 'ROUTE', from: row.status, to: 'routed', version }),
      now,
    );
    return [200, { id, reference: row.reference, status: 'routed', version, unit, assigneeId, updatedAt: now }];
  });

  const send = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  };

  const eventsPath = /^\/api\/cases\/([0-9a-f-]{36})\/events$/;
  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    try {
      const body: unknown = raw ? JSON.parse(raw) : null;
      if (req.method === 'POST' && req.url === '/api/cases') {
        const row = register(readRegistration(body));
        res.setHeader('location', `/api/cases/${row.id}`);
        return send(res, 201, row);
      }
      const match = req.method === 'POST' ? eventsPath.exec(req.url ?? '') : null;
      if (match) {
        const b = body as { type?: unknown; expectedVersion?: unknown; unit?: unknown } | null;
        if (b?.type !== 'ROUTE' || typeof b.expectedVersion !== 'number' || !str(b.unit, 60))
          throw new BadRequest('event');
        const [status, out] = route(match[1]!, b.expectedVersion, b.unit);
        return send(res, status, out);
      }
      send(res, 404, { detail: 'not found' });
    } catch (err) {
      if (err instanceof BadRequest || err instanceof SyntaxError) return send(res, 400, { detail: err.message });
      send(res, 500, { detail: err instanceof Error ? err.message : String(err) });
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });

  const template: CompanyCaseInput = {
    category: 'bygglov',
    channel: 'phone',
    subject: 'Bygglov för ny lagerhall',
    description: 'Ansökan om bygglov för en lagerhall på 2 000 kvm.',
    company: { orgNumber: '5560360793', name: 'Saab AB' },
    contact: { name: 'Anna Svensson', email: 'anna@example.se', phone: '+46701234567' },
  };

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    registerDirect(n) {
      for (let i = 0; i < n; i++) register(template);
    },
    routableCaseIds() {
      return (
        db.prepare(`select id from cases where status = 'registered' and version = 1`).all() as { id: string }[]
      ).map((r) => r.id);
    },
    count(table) {
      return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    },
    countEvents(type) {
      return (db.prepare(`select count(*) as n from case_events where type = ?`).get(type) as { n: number }).n;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
    },
  };
}
