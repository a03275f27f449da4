// buildApp(deps): the whole HTTP surface as an express app, without listening, so tests drive
// it in-process and api/main.ts or the launcher put it on a port.
import express from 'express';
import helmet from 'helmet';
import { createAuditTrail } from './audit';
import { createAuthenticator } from './auth';
import { corsMiddleware } from './cors';
import type { AppDeps } from './deps';
import { errorMiddleware, notFound } from './errors';
import { httpLogger } from './httpLog';
import { createMetrics, type Metrics } from './metrics';
import { createOpen311Router, OPEN311_BASE } from './open311/router';
import { createRateLimiter } from './rateLimit';
import { RouteTable } from './routeTable';
import { addAuditRoutes } from './routes/audit';
import { addOpsRoutes, mountDocs } from './routes/ops';
import { addPartnerRoutes } from './routes/partners';
import { addPhotoRoutes } from './routes/photos';
import { addReferenceRoutes } from './routes/reference';
import { addCalendarRoutes } from './routes/calendar';
import { addUnitAdminRoutes } from './routes/unitsAdmin';
import { addCategoryAdminRoutes } from './routes/categoriesAdmin';
import { addReplyTemplateAdminRoutes } from './routes/replyTemplatesAdmin';
import { addStaffAdminRoutes } from './routes/staffAdmin';
import { addReportRoutes } from './routes/reports';
import { addRuleSetRoutes } from './routes/ruleSets';
import { addTaskRoutes } from './routes/tasks';
import { addStatsRoutes } from './routes/stats';
import { addSummaryRoutes } from './routes/summaries';
import { addDirectiveRoutes } from './routes/directives';
import { addTransparencyRoutes } from './routes/transparency';
import { mountWeb } from '../web';

export function buildRouteTable(deps: AppDeps, metrics: Metrics = createMetrics()): RouteTable {
  const table = new RouteTable(createAuthenticator(deps.config, deps.pool), {
    audit: createAuditTrail(deps.pool, deps.logger),
    limit: createRateLimiter(deps.pool),
  });
  addOpsRoutes(table, deps, metrics);
  addReportRoutes(table, deps);
  addTaskRoutes(table, deps);
  addReferenceRoutes(table, deps);
  addCalendarRoutes(table, deps);
  addUnitAdminRoutes(table, deps);
  addCategoryAdminRoutes(table, deps);
  addReplyTemplateAdminRoutes(table, deps);
  addStaffAdminRoutes(table, deps);
  addStatsRoutes(table, deps);
  addSummaryRoutes(table, deps);
  addDirectiveRoutes(table, deps);
  addTransparencyRoutes(table, deps);
  addAuditRoutes(table, deps);
  addPartnerRoutes(table, deps);
  addRuleSetRoutes(table, deps);
  addPhotoRoutes(table, deps);
  return table;
}

export function buildApp(deps: AppDeps): express.Express {
  const app = express();
  const metrics = createMetrics({ pool: deps.pool, figuresCacheMs: deps.config.metricsFiguresCacheSeconds * 1000 });
  const table = buildRouteTable(deps, metrics);
  app.locals.routeTable = table;
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.trustProxy);
  app.use(httpLogger(deps.logger));
  // Same-origin assets only (the /docs page included), and no upgrade to HTTPS: intranets serve plain HTTP.
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          upgradeInsecureRequests: null,
          styleSrc: ["'self'", "'unsafe-inline'"],
          fontSrc: ["'self'", 'data:'],
          // Signing out of a session opened through the OpenID Connect provider goes on to its logout.
          formAction: ["'self'", ...(deps.config.oidc ? [deps.config.oidc.issuer.origin] : [])],
        },
      },
      hsts: false,
    }),
  );
  app.use(corsMiddleware(deps.config.corsOrigins));
  app.use(metrics.middleware);
  // Own bodies, formats and errors; documents itself in the registry; 405s in its own format.
  app.use(OPEN311_BASE, createOpen311Router(deps, table.registry, table.methodNotAllowed()));
  app.use(express.json({ limit: `${deps.config.bodyLimitKb}kb`, type: ['application/json', 'application/*+json'] }));
  // A city's whole unit registry (about 200 rows per city, 3,300 nationwide) is posted as CSV.
  app.use(express.text({ limit: '2mb', type: 'text/csv' }));
  mountDocs(app);
  table.mount(app);
  mountWeb(app, deps, table);
  app.use(table.methodNotAllowed());
  app.use((req) => {
    throw notFound('route', `no route ${req.method} ${req.path}`);
  });
  app.use(errorMiddleware(deps.logger));
  return app;
}
