import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { AppContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import { scrubUrl } from '../domain/pii.js';
import { useSwedishZodMessages } from '../application/zod-messages.js';
import { faviconRoute } from './favicon.js';
import { authenticate, requireRole } from './authenticate.js';
import { adminRoutes, describeAdminRoutes, guaranteeRoutes } from './admin-routes.js';
import { queueBoard } from './queue-board.js';
import { queueBoardAccess } from '../web/admin/queue-board-access.js';
import { caseRoutes, describeCaseRoutes } from './case-routes.js';
import { companyRoutes, describeCompanyRoutes } from './company-routes.js';
import { describeEscalationRoutes, escalationRoutes } from './escalation-routes.js';
import { describeServiceGroupRoutes, serviceGroupRoutes } from './service-group-routes.js';
import { describeMetaRoutes, healthRoute, publicApiRoutes } from './meta-routes.js';
import { buildOpenApiDocument } from './openapi.js';
import { problemHandler } from './problem.js';
import { describeReportRoutes, reportRoutes } from './report-routes.js';
import { describeSurveyRoutes, hideSurveyToken, surveyRoutes } from './survey-routes.js';
import { hideTrackingToken, trackRoutes } from './track-routes.js';
import { describeTrackRoutes, trackStaffRoutes } from './track-staff-routes.js';
import { staffRoutes } from '../web/staff-routes.js';
import { hideSsoAnswer } from '../web/oidc-routes.js';

/** The OpenAPI document of every route the API serves, generated from their zod schemas. */
export function openApiDocument() {
  return buildOpenApiDocument([
    describeMetaRoutes,
    describeCaseRoutes,
    describeCompanyRoutes,
    describeEscalationRoutes,
    describeServiceGroupRoutes,
    describeAdminRoutes,
    describeSurveyRoutes,
    describeReportRoutes,
    describeTrackRoutes,
  ]);
}

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

  const openApi = openApiDocument();
  app.use(healthRoute(ctx));
  app.get('/favicon.ico', faviconRoute);
  app.get('/api/openapi.json', (_req, res) => res.json(openApi));
  app.use('/api', publicApiRoutes(ctx));
  app.use('/api/cases', authenticate(ctx), caseRoutes(ctx), trackStaffRoutes(ctx));
  app.use('/api/companies', authenticate(ctx), companyRoutes(ctx));
  app.use('/api/escalations', authenticate(ctx), escalationRoutes(ctx));
  app.use('/api/service-group', authenticate(ctx), serviceGroupRoutes(ctx));
  app.use('/api/guarantees', authenticate(ctx), guaranteeRoutes(ctx));
  app.use('/api/admin', authenticate(ctx), adminRoutes(ctx));
  app.use('/api/reports', authenticate(ctx), reportRoutes(ctx));
  app.use(
    '/admin/queues',
    queueBoardAccess(ctx, [authenticate(ctx), requireRole('admin')]),
    queueBoard(ctx, '/admin/queues'),
  );
  app.use('/survey', surveyRoutes(ctx));
  app.use('/track', trackRoutes(ctx));
  // The staff web app (docs/staff-web.md): server-rendered pages with a session; /api keeps its bearer tokens.
  app.use(staffRoutes(ctx));
  app.use((req, _res, next) => next(new AppError('not_found', `Ingen resurs på ${req.method} ${req.path}.`)));
  app.use(problemHandler);
  return app;
}
