import { Router } from 'express';
import type { AppContext } from '../context.js';
import { authenticate } from './authenticate.js';
import { adminRoutes, describeAdminRoutes, guaranteeRoutes } from './admin-routes.js';
import { caseRoutes, describeCaseRoutes } from './case-routes.js';
import { companyRoutes, describeCompanyRoutes } from './company-routes.js';
import { describeEscalationRoutes, escalationRoutes } from './escalation-routes.js';
import { describeServiceGroupRoutes, serviceGroupRoutes } from './service-group-routes.js';
import { describeMetaRoutes, healthRoute, publicApiRoutes } from './meta-routes.js';
import { buildOpenApiDocument } from './openapi.js';
import { describeReportRoutes, reportRoutes } from './report-routes.js';
import { describeSurveyRoutes, surveyRoutes } from './survey-routes.js';
import { trackRoutes } from './track-routes.js';
import { describeTrackRoutes, trackStaffRoutes } from './track-staff-routes.js';

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

/**
 * The JSON API under /api with its bearer tokens, the health probe, and the company's public
 * pages under /track and /survey. Refusals are left to the app's problem+json handler.
 */
export function apiRoutes(ctx: AppContext): Router {
  const router = Router();
  const openApi = openApiDocument();
  router.use(healthRoute(ctx));
  router.get('/api/openapi.json', (_req, res) => res.json(openApi));
  router.use('/api', publicApiRoutes(ctx));
  router.use('/api/cases', authenticate(ctx), caseRoutes(ctx), trackStaffRoutes(ctx));
  router.use('/api/companies', authenticate(ctx), companyRoutes(ctx));
  router.use('/api/escalations', authenticate(ctx), escalationRoutes(ctx));
  router.use('/api/service-group', authenticate(ctx), serviceGroupRoutes(ctx));
  router.use('/api/guarantees', authenticate(ctx), guaranteeRoutes(ctx));
  router.use('/api/admin', authenticate(ctx), adminRoutes(ctx));
  router.use('/api/reports', authenticate(ctx), reportRoutes(ctx));
  router.use('/survey', surveyRoutes(ctx));
  router.use('/track', trackRoutes(ctx));
  return router;
}
