import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Router } from 'express';
import type { AppContext } from '../context.js';

/** bull-board over the app's queues, mounted behind admin authentication. */
export function queueBoard(ctx: AppContext, basePath: string): Router {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(basePath);
  createBullBoard({
    queues: [new BullMQAdapter(ctx.queues.deadlines, { readOnlyMode: false }), new BullMQAdapter(ctx.queues.mail)],
    serverAdapter: adapter,
  });
  return adapter.getRouter() as Router;
}
