import type { Knex } from 'knex';
import { canSeeCase, type Actor } from '../domain/roles.js';
import { lifecycle, stateInfo } from '../../workflows/registry.js';
import { complaintsAbout } from '../infra/db/case-queries.js';

export interface LinkedComplaint {
  id: string;
  reference: string;
  subject: string;
  statusLabel: string;
  open: boolean;
  createdAt: string;
}

/** Complaints filed about a case (cases.related_case_id, indexed), those the actor may see, oldest first. */
export async function linkedComplaints(db: Knex, actor: Actor, caseId: string): Promise<LinkedComplaint[]> {
  const rows = await complaintsAbout(db, caseId);
  return rows
    .filter((r) => canSeeCase(actor, r))
    .map((r) => {
      const state = stateInfo(lifecycle(r.kind, r.machineVersion), r.status);
      return {
        id: r.id,
        reference: r.reference,
        subject: r.subject,
        statusLabel: state.label,
        open: state.open,
        createdAt: r.createdAt,
      };
    });
}
