import { canSeeCase, type Actor, type CaseScope } from './roles.js';

export interface EscalationCandidate extends CaseScope {
  companyId: string | null;
  closedAt: string | null;
}

/** Anyone on the staff may ask for a "dukat bord"; the desk, officers and managers do most. */
export const mayAskForTable = (_actor: Actor) => true;

/** A table gathers one company's cases: complaints, visits and cases without a company never come to one. */
export const isTableCase = <C extends Pick<EscalationCandidate, 'kind' | 'companyId'>>(
  c: C,
): c is C & { companyId: string } => c.kind === 'company_case' && c.companyId !== null;

/**
 * Whether `actor` may ask for a "dukat bord" for `c` now: a company's case they can see, still
 * open, and not already at an open table (`atOpenTable`; a case sits at one open table at a
 * time). The case page shows the form only where this holds; requestEscalation refuses, with
 * the reason, wherever one of its parts fails.
 */
export function mayRequestEscalation(actor: Actor, c: EscalationCandidate, atOpenTable: boolean): boolean {
  return mayAskForTable(actor) && canSeeCase(actor, c) && isTableCase(c) && c.closedAt === null && !atOpenTable;
}
