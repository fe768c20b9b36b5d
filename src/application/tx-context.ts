import type { Knex } from 'knex';
import type { AppContext } from '../context.js';

/**
 * What code running inside a transaction may use: the transaction itself, and no `db`. On
 * SQLite the pool has one connection and the open transaction holds it, so a query on `ctx.db`
 * from inside waits for ever; on PostgreSQL it would run outside the transaction and commit
 * on its own. Nor are queues, mailer or Redis here: nothing leaves the process before the
 * commit, and whatever follows goes through the outbox.
 */
export interface TxContext extends Pick<AppContext, 'config' | 'dbClient' | 'reference' | 'clock' | 'logger'> {
  trx: Knex.Transaction;
  // Declared absent, so an AppContext with a transaction spread into it is refused as well.
  db?: never;
  queues?: never;
  mailer?: never;
  redis?: never;
}

export const isTxContext = (ctx: AppContext | TxContext): ctx is TxContext => 'trx' in ctx && ctx.trx !== undefined;

/** The transaction's context, built from the application's: only what is safe inside it. */
export function txContextOf(ctx: AppContext, trx: Knex.Transaction): TxContext {
  return {
    trx,
    config: ctx.config,
    dbClient: ctx.dbClient,
    reference: ctx.reference,
    clock: ctx.clock,
    logger: ctx.logger,
  };
}

/**
 * Runs `work` in a transaction: a new one for an AppContext, the caller's own for a TxContext,
 * so a use case can commit alone or together with more work. Joining opens no savepoint: an
 * error thrown inside rolls the caller's whole transaction back.
 */
export function inTransaction<T>(ctx: AppContext | TxContext, work: (tx: TxContext) => Promise<T>): Promise<T> {
  if (isTxContext(ctx)) return work(ctx);
  return ctx.db.transaction((trx) => work(txContextOf(ctx, trx)));
}
