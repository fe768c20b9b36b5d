import { describe, expect, it } from 'vitest';
import { mayRequestEscalation, type EscalationCandidate } from '../../src/domain/escalation-request.js';
import type { Actor } from '../../src/domain/roles.js';

const officer: Actor = { id: 'o1', name: 'Olle', role: 'officer', unit: 'bygglov' };
const open: EscalationCandidate = {
  kind: 'company_case',
  status: 'routed',
  unit: 'bygglov',
  assigneeId: null,
  createdBy: 'desk',
  companyId: 'c1',
  closedAt: null,
};

describe('mayRequestEscalation', () => {
  it('holds for an open company case the actor sees and that sits at no open table', () => {
    expect(mayRequestEscalation(officer, open, false)).toBe(true);
  });

  it('fails for a case at an open table, a closed one, one without a company, a complaint, or one out of sight', () => {
    expect(mayRequestEscalation(officer, open, true)).toBe(false);
    expect(mayRequestEscalation(officer, { ...open, closedAt: '2026-11-20T08:00:00.000Z' }, false)).toBe(false);
    expect(mayRequestEscalation(officer, { ...open, companyId: null }, false)).toBe(false);
    expect(mayRequestEscalation(officer, { ...open, kind: 'complaint' }, false)).toBe(false);
    expect(mayRequestEscalation(officer, { ...open, unit: 'livsmedel' }, false)).toBe(false);
  });
});
