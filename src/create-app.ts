import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { AppContext } from './context.js';
import { AppError } from './domain/errors.js';
import { scrubUrl } from './domain/pii.js';
import { useSwedishZodMessages } from './application/zod-messages.js';
import { apiRoutes } from './http/api-routes.js';
import { authenticate, requireRole } from './http/authenticate.js';
import { problemHandler } from './http/problem.js';
import { hideSurveyToken } from './http/survey-routes.js';
import { hideTrackingToken } from './http/track-routes.js';
import { iconIco } from './views/icon.js';
import { queueBoardRoutes } from './web/admin/queue-board.js';
import { hideSsoAnswer } from './web/oidc-routes.js';
import { staffRoutes } from './web/staff-routes.js';

export { openApiDocument } from './http/api-routes.js';

/** The whole HTTP surface, built on a context; it never listens (src/main.ts does). */
export function createApp(ctx: AppContext): Express {
  // Validation messages are read by desk staff and integrators in Sweden.
  useSwedishZodMessages();
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.config.TRUST_PROXY);
  app.set('query parser', 'simple');

  app.use(
    pinoHttp({
      logger: ctx.logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      // One line per request: id, method, path without personal data, status and timing.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: hideSsoAnswer(hideTrackingToken(hideSurveyToken(scrubUrl(req.url)))),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
      quietReqLogger: true,
      autoLogging: { ignore: (req) => req.url === '/health' && ctx.config.LOG_LEVEL !== 'debug' },
    }),
  );
  app.use((_req, res, next) => {
    res.setHeader('x-content-type-options', 'nosniff');
    next();
  });
  app.use(express.json({ limit: ctx.config.BODY_LIMIT, type: ['application/json', 'application/*+json'] }));

  app.get('/favicon.ico', (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=86400');
    res.type('image/x-icon').send(iconIco);
  });
  // The API and the staff web app (docs/staff-web.md) side by side: /api keeps its bearer
  // tokens, the staff pages their session, and neither knows the other.
  app.use(apiRoutes(ctx));
  app.use(queueBoardRoutes(ctx, [authenticate(ctx), requireRole('admin')]));
  app.use(staffRoutes(ctx));
  app.use((req, _res, next) => next(new AppError('not_found', `Ingen resurs på ${req.method} ${req.path}.`)));
  app.use(problemHandler);
  return app;
}
