import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Router, type RequestHandler } from 'express';
import type { AppContext } from '../../context.js';
import { queueBoardAccess } from './queue-board-access.js';

const BASE_PATH = '/admin/queues';

/**
 * bull-board over the app's queues at /admin/queues, behind admin authentication: a staff
 * session, or the API's bearer token checked by `adminToken` (handed in by the composer, since
 * the web app does not import the API).
 */
export function queueBoardRoutes(ctx: AppContext, adminToken: RequestHandler[]): Router {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(BASE_PATH);
  createBullBoard({
    queues: [new BullMQAdapter(ctx.queues.deadlines, { readOnlyMode: false }), new BullMQAdapter(ctx.queues.mail)],
    serverAdapter: adapter,
  });
  const router = Router();
  router.use(BASE_PATH, queueBoardAccess(ctx, adminToken), adapter.getRouter() as Router);
  return router;
}
