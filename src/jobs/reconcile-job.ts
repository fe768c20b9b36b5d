import type { AppContext } from '../context.js';
import { reconcile, type ReconcileReport } from '../application/reconcile.js';

// The scheduled job carries no payload: it rebuilds the queues from the database.
export async function runReconcile(ctx: AppContext): Promise<ReconcileReport> {
  return reconcile(ctx);
}
