import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from '../support/test-app.js';

// Rows written straight into the tables the reports read, with the instants the tests name,
// so each expected figure can be worked out by hand from the fixture.

let referenceNumber = 0;
const nextReference = () => `HS-2099-${String(++referenceNumber).padStart(6, '0')}`;

export interface CaseFixture {
  kind?: 'company_case' | 'complaint' | 'company_visit';
  category: string;
  unit?: string | null;
  status?: string;
  receivedAt: string;
  concerns?: string[];
  anonymous?: boolean;
}

export async function insertCase(app: TestApp, createdBy: string, c: CaseFixture): Promise<string> {
  const id = randomUUID();
  const kind = c.kind ?? 'company_case';
  await app.ctx.db('cases').insert({
    id,
    reference: nextReference(),
    kind,
    category: c.category,
    channel: 'email',
    status: c.status ?? 'closed',
    machine_id: kind,
    machine_version: '1',
    snapshot: JSON.stringify({ value: c.status ?? 'closed', context: {} }),
    version: 1,
    unit: c.unit === undefined ? c.category : c.unit,
    subject: 'Fixtur',
    description: 'Fixtur för rapporterna.',
    concerns: c.concerns ? JSON.stringify(c.concerns) : null,
    anonymous: c.anonymous ?? false,
    created_by: createdBy,
    received_at: c.receivedAt,
    created_at: c.receivedAt,
    updated_at: c.receivedAt,
  });
  return id;
}

export async function insertEvent(
  app: TestApp,
  caseId: string,
  type: string,
  at: string,
  fromState: string | null = null,
): Promise<void> {
  await app.ctx.db('case_events').insert({
    case_id: caseId,
    actor_id: null,
    type,
    payload: '{}',
    from_state: fromState,
    to_state: 'x',
    case_version: 1,
    created_at: at,
  });
}

export interface DeadlineFixture {
  clock: string;
  state: 'running' | 'paused' | 'met' | 'met_late' | 'breached' | 'cancelled';
  startedAt: string;
  metAt?: string;
  breachedAt?: string;
  feeReductionFifths?: number | null;
}

export async function insertDeadline(app: TestApp, caseId: string, d: DeadlineFixture): Promise<void> {
  await app.ctx.db('deadlines').insert({
    id: randomUUID(),
    case_id: caseId,
    guarantee_code: `fixture-${d.clock}`,
    guarantee_version: 1,
    clock: d.clock,
    state: d.state,
    started_at: d.startedAt,
    due_date: null,
    due_at: d.startedAt,
    met_at: d.metAt ?? null,
    breached_at: d.breachedAt ?? null,
    fee_reduction_fifths: d.feeReductionFifths ?? null,
    version: 1,
    updated_at: d.metAt ?? d.breachedAt ?? d.startedAt,
  });
}

export interface AnswerFixture {
  area: string;
  unit?: string | null;
  closedMonth: string;
  nki: [number, number, number];
  factors?: Partial<
    Record<'information' | 'tillganglighet' | 'bemotande' | 'kompetens' | 'rattssakerhet' | 'effektivitet', number>
  >;
}

export async function insertAnswers(app: TestApp, count: number, a: AnswerFixture): Promise<void> {
  const rows = Array.from({ length: count }, () => ({
    id: randomUUID(),
    area: a.area,
    unit: a.unit === undefined ? a.area : a.unit,
    closed_month: a.closedMonth,
    answered_at: `${a.closedMonth}-20T10:00:00.000Z`,
    nki_overall: a.nki[0],
    nki_expectations: a.nki[1],
    nki_ideal: a.nki[2],
    f_information: a.factors?.information ?? null,
    f_tillganglighet: a.factors?.tillganglighet ?? null,
    f_bemotande: a.factors?.bemotande ?? null,
    f_kompetens: a.factors?.kompetens ?? null,
    f_rattssakerhet: a.factors?.rattssakerhet ?? null,
    f_effektivitet: a.factors?.effektivitet ?? null,
    comment: null,
  }));
  await app.ctx.db('survey_answers').insert(rows);
}

export async function insertVisit(app: TestApp, createdBy: string, visitedOn: string | null): Promise<void> {
  const id = await insertCase(app, createdBy, {
    kind: 'company_visit',
    category: 'foretagsbesok',
    unit: 'naringsliv',
    status: visitedOn ? 'visited' : 'planned',
    receivedAt: '2025-12-01T09:00:00.000Z',
  });
  if (visitedOn)
    await app.ctx.db('company_visits').insert({
      case_id: id,
      visited_on: visitedOn,
      summary: 'Besök.',
      growth_needs: '[]',
      recorded_at: `${visitedOn}T15:00:00.000Z`,
    });
}

/** A CSV file as Swedish Excel reads it: BOM, `;`, quoted fields with doubled quotes, CRLF. */
export function parseCsv(text: string): string[][] {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  expect(cell, 'the file ends with a line break').toBe('');
  return rows;
}

/** A number as the CSV writes it, with a decimal comma; empty for null. */
export const csvNumber = (n: number | null) => (n === null ? '' : String(n).replace('.', ','));
