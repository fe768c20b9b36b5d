import type { Knex } from 'knex';
import { describe, expectTypeOf, it } from 'vitest';
import type { AppContext } from '../../src/context.js';
import type { TxContext } from '../../src/application/tx-context.js';
import { queueMail } from '../../src/application/queue-mail.js';
import { sendCaseEvent } from '../../src/application/send-case-event.js';

// Checked by tsc (npm run lint), never run: each line is one the compiler must refuse.
export function refusedByTheCompiler(ctx: AppContext, tx: TxContext, trx: Knex.Transaction) {
  // @ts-expect-error inside a transaction there is no pool to query: on SQLite it would wait for ever
  void tx.db('cases');
  // @ts-expect-error nor to open a second transaction on
  void tx.db.transaction(async () => undefined);
  // @ts-expect-error an application context with the transaction spread into it still carries the pool
  const spread: TxContext = { ...ctx, trx };
  // @ts-expect-error work that runs in the caller's transaction cannot be handed the pool instead
  void queueMail(ctx, {} as Parameters<typeof queueMail>[1], new Date());
  return spread;
}

describe('TxContext', () => {
  it('carries the transaction and what is safe beside it, and no pool, queues, mailer or Redis', () => {
    expectTypeOf<TxContext['trx']>().toEqualTypeOf<Knex.Transaction>();
    expectTypeOf<TxContext['config']>().toEqualTypeOf<AppContext['config']>();
    expectTypeOf<TxContext['reference']>().toEqualTypeOf<AppContext['reference']>();
    expectTypeOf<TxContext['clock']>().toEqualTypeOf<AppContext['clock']>();
    expectTypeOf<TxContext['db']>().toEqualTypeOf<undefined>();
    expectTypeOf<TxContext['queues']>().toEqualTypeOf<undefined>();
    expectTypeOf<TxContext['mailer']>().toEqualTypeOf<undefined>();
    expectTypeOf<TxContext['redis']>().toEqualTypeOf<undefined>();
    expectTypeOf<AppContext>().not.toExtend<TxContext>();
  });

  it('lets a case event open its own transaction or join the caller’s', () => {
    expectTypeOf(sendCaseEvent).parameter(0).toEqualTypeOf<AppContext | TxContext>();
  });
});
